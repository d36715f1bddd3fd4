import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Build-time generator of the engine's SIMD kernels: one small monomorphic class per op and
 * dtype, so C2 compiles each loop with its operation as a constant (a lambda or an operator
 * parameter in a shared loop goes megamorphic and loses the intrinsic).
 *
 * <p>Run by Maven at generate-sources: {@code java KernelGen.java <output source root>}. Each
 * family of ops is a {@code *Family.java} file beside this one that renders its classes; adding a
 * family means adding a file, nothing here.
 */
public final class KernelGen {
    public static final String PACKAGE = "dev.vectorgrad.engine.kernel.gen";

    /** A dtype as the templates see it. */
    public record Type(String suffix, String prim, String vector, String species, String layout, int bytes,
                       boolean floating, String dtype) {
        public boolean integral() {
            return !floating;
        }
    }

    public static final Type F32 = new Type("F32", "float", "FloatVector", "Species.F32", "ValueLayout.JAVA_FLOAT", 4, true, "FLOAT32");
    public static final Type F64 = new Type("F64", "double", "DoubleVector", "Species.F64", "ValueLayout.JAVA_DOUBLE", 8, true, "FLOAT64");
    public static final Type I32 = new Type("I32", "int", "IntVector", "Species.I32", "ValueLayout.JAVA_INT", 4, false, "INT32");
    public static final Type I64 = new Type("I64", "long", "LongVector", "Species.I64", "ValueLayout.JAVA_LONG", 8, false, "INT64");
    public static final List<Type> NUMERIC = List.of(F32, F64, I32, I64);
    public static final List<Type> FLOATING = List.of(F32, F64);

    /** A family renders generated classes: simple class name -> source. */
    public interface Family {
        Map<String, String> render();
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]).resolve(PACKAGE.replace('.', '/'));
        Files.createDirectories(out);
        Path dir = Path.of(args.length > 1 ? args[1] : ".");
        List<String> families;
        try (Stream<Path> files = Files.list(dir)) {
            families = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith("Family.java"))
                    .map(n -> n.substring(0, n.length() - ".java".length()))
                    .sorted().toList();
        }
        int written = 0;
        Set<Path> current = new HashSet<>();
        for (String name : families) {
            Family family = (Family) Class.forName(name).getDeclaredConstructor().newInstance();
            for (Map.Entry<String, String> e : family.render().entrySet()) {
                Path file = out.resolve(e.getKey() + ".java");
                current.add(file);
                written += write(file, e.getValue());
            }
        }
        // a class a family no longer renders (after a rename or a branch switch) would still compile
        // against changed interfaces and fail the build: delete it
        try (Stream<Path> files = Files.list(out)) {
            for (Path stale : files.filter(f -> f.toString().endsWith(".java") && !current.contains(f)).toList()) {
                Files.delete(stale);
            }
        }
        if (written > 0) {
            System.out.println("KernelGen: " + families.size() + " families, " + written + " files written to " + out);
        }
    }

    /** Writes only when the text changed, so incremental builds stay incremental. */
    private static int write(Path file, String text) throws IOException {
        if (Files.exists(file) && Files.readString(file).equals(text)) {
            return 0;
        }
        Files.writeString(file, text);
        return 1;
    }

    /** Replaces {@code {{key}}} with values from alternating key, value arguments; an unknown key fails the build. */
    public static String fill(String template, Object... keyValues) {
        Map<String, Object> values = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        Matcher m = Pattern.compile("\\{\\{(\\w+)}}").matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Object v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("template key {{" + m.group(1) + "}} has no value");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v.toString()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The keys every template can use for a dtype. */
    public static Object[] typeKeys(Type t) {
        return new Object[]{"T", t.suffix(), "prim", t.prim(), "Vec", t.vector(), "SP", t.species(),
                "L", t.layout(), "bytes", t.bytes(), "DTYPE", t.dtype()};
    }

    public static Object[] concat(Object[] a, Object... b) {
        Object[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    public static String header(String imports) {
        return "// GENERATED by engine/src/build/gen/KernelGen.java: edit the generator, not this file.\n"
                + "package " + PACKAGE + ";\n\n" + imports;
    }

    /** "floor_divide" -> "FloorDivide". */
    public static String camel(String op) {
        StringBuilder sb = new StringBuilder();
        for (String part : op.split("_")) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }
}
