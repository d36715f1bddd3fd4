import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elementwise binary kernels, out = f(a, b), for every numeric dtype. Each op gets a contiguous
 * loop, loops with one operand broadcast (stride 0, the scalar and (N,1)+(1,N) cases), and a
 * strided scalar loop, as ATen's Loops.h splits them.
 */
public final class BinaryFamily implements KernelGen.Family {
    /**
     * @param vectorFloat the Vector API expression on x and y for float dtypes, or null where only the scalar loop exists
     * @param vectorInt   the same for integer dtypes (some lanewise operators exist only for floats, e.g. POW)
     * @param scalarFloat the scalar expression on x and y for float dtypes
     * @param scalarInt   the same for integer dtypes
     * @param types       the dtypes the op has kernels for
     */
    record Op(String name, String vectorFloat, String vectorInt, String scalarFloat, String scalarInt, List<KernelGen.Type> types) {
        String vector(KernelGen.Type t) {
            return t.floating() ? vectorFloat : vectorInt;
        }
    }

    static final List<Op> OPS = List.of(
            new Op("add", "x.add(y)", "x.add(y)", "x + y", "x + y", KernelGen.NUMERIC),
            new Op("sub", "x.sub(y)", "x.sub(y)", "x - y", "x - y", KernelGen.NUMERIC),
            new Op("mul", "x.mul(y)", "x.mul(y)", "x * y", "x * y", KernelGen.NUMERIC),
            new Op("div", "x.div(y)", null, "x / y", null, KernelGen.FLOATING),
            new Op("maximum", "x.max(y)", "x.max(y)", "Math.max(x, y)", "Math.max(x, y)", KernelGen.NUMERIC),
            new Op("minimum", "x.min(y)", "x.min(y)", "Math.min(x, y)", "Math.min(x, y)", KernelGen.NUMERIC),
            new Op("pow", "x.lanewise(VectorOperators.POW, y)", null, "({{prim}}) Math.pow(x, y)", "ScalarMath.pow(x, y)", KernelGen.NUMERIC),
            new Op("remainder", null, null, "ScalarMath.remainder(x, y)", "ScalarMath.remainder(x, y)", KernelGen.NUMERIC),
            new Op("floor_divide", null, null, "ScalarMath.floorDivide(x, y)", "ScalarMath.floorDivide(x, y)", KernelGen.NUMERIC));

    private static final String CLASS = """
            /** Binary kernels for {{DTYPE}}: out = f(a, b) over byte offsets and strides. */
            public final class Binary{{T}} {
                private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
                private static final VectorSpecies<{{box}}> SP = {{SP}};
                private static final ValueLayout.Of{{layoutName}} L = {{L}};

                private Binary{{T}}() {
                }

                /** The kernel for an op, or null when the dtype has none. */
                public static BinaryKernel of(String op) {
                    return switch (op) {
            {{cases}}
                        default -> null;
                    };
                }
            {{classes}}}
            """;

    private static final String OP_CLASS = """

                /** {{name}} for {{DTYPE}}. */
                static final class {{Op}} implements BinaryKernel {
                    static final {{Op}} INSTANCE = new {{Op}}();

                    @Override
                    public void run(MemorySegment o, long oo, long os, MemorySegment a, long ao, long as,
                                    MemorySegment b, long bo, long bs, long n) {
            {{dispatch}}            for (long i = 0; i < n; i++, oo += os, ao += as, bo += bs) {
                            {{prim}} x = a.get(L, ao);
                            {{prim}} y = b.get(L, bo);
                            o.set(L, oo, {{scalar}});
                        }
                    }

{{rowsOverride}}
                    @Override
                    public void runScalar(MemorySegment o, long oo, long os, MemorySegment a, long ao, long as,
                                          double sd, long sl, long n) {
                        {{prim}} y = {{scalarValue}};
            {{dispatchScalar}}            for (long i = 0; i < n; i++, oo += os, ao += as) {
                            {{prim}} x = a.get(L, ao);
                            o.set(L, oo, {{scalar}});
                        }
                    }
            {{vectorLoops}}    }
            """;

    private static final String DISPATCH = """
                        if (Species.VECTORIZE && os == {{bytes}}) {
                            if (as == {{bytes}} && bs == {{bytes}}) {
                                both(o, oo, a, ao, b, bo, n);
                                return;
                            }
                            if (as == {{bytes}} && bs == 0) {
                                right(o, oo, a, ao, b.get(L, bo), n);
                                return;
                            }
                            if (as == 0 && bs == {{bytes}}) {
                                left(o, oo, a.get(L, ao), b, bo, n);
                                return;
                            }
                        }
            """;

    /**
     * A tile of contiguous rows as one loop nest around the contiguous loop. Against a call per
     * row through the tiled walk, a + b.t() of 256^2 floats (in cache) went from 35-44 to 26-36 us
     * per op, and of 1024^2 about 8% faster (JMH medians).
     */
    private static final String ROWS = """
                    @Override
                    public void rows(MemorySegment o, long oo, long os, long op, MemorySegment a, long ao, long as, long ap,
                                     MemorySegment b, long bo, long bs, long bp, long n, long rows) {
                        if (Species.VECTORIZE && os == {{bytes}} && as == {{bytes}} && bs == {{bytes}}) {
                            for (long r = 0; r < rows; r++, oo += op, ao += ap, bo += bp) {
                                both(o, oo, a, ao, b, bo, n);
                            }
                            return;
                        }
                        BinaryKernel.super.rows(o, oo, os, op, a, ao, as, ap, b, bo, bs, bp, n, rows);
                    }
            """;

    private static final String DISPATCH_SCALAR = """
                        if (Species.VECTORIZE && os == {{bytes}} && as == {{bytes}}) {
                            right(o, oo, a, ao, y, n);
                            return;
                        }
            """;

    private static final String VECTOR_LOOPS = """

                    private static void both(MemorySegment o, long oo, MemorySegment a, long ao, MemorySegment b, long bo, long n) {
                        long i = 0;
                        for (long bound = SP.loopBound(n); i < bound; i += SP.length()) {
                            {{Vec}} x = {{Vec}}.fromMemorySegment(SP, a, ao + i * {{bytes}}, NATIVE);
                            {{Vec}} y = {{Vec}}.fromMemorySegment(SP, b, bo + i * {{bytes}}, NATIVE);
                            {{vector}}.intoMemorySegment(o, oo + i * {{bytes}}, NATIVE);
                        }
                        for (; i < n; i++) {
                            {{prim}} x = a.get(L, ao + i * {{bytes}});
                            {{prim}} y = b.get(L, bo + i * {{bytes}});
                            o.set(L, oo + i * {{bytes}}, {{scalar}});
                        }
                    }

                    /** b is one value (stride 0 or a scalar operand). */
                    private static void right(MemorySegment o, long oo, MemorySegment a, long ao, {{prim}} ys, long n) {
                        {{Vec}} y = {{Vec}}.broadcast(SP, ys);
                        long i = 0;
                        for (long bound = SP.loopBound(n); i < bound; i += SP.length()) {
                            {{Vec}} x = {{Vec}}.fromMemorySegment(SP, a, ao + i * {{bytes}}, NATIVE);
                            {{vector}}.intoMemorySegment(o, oo + i * {{bytes}}, NATIVE);
                        }
                        for (; i < n; i++) {
                            {{prim}} x = a.get(L, ao + i * {{bytes}});
                            o.set(L, oo + i * {{bytes}}, {{scalarRight}});
                        }
                    }

                    /** a is one value (stride 0). */
                    private static void left(MemorySegment o, long oo, {{prim}} xs, MemorySegment b, long bo, long n) {
                        {{Vec}} x = {{Vec}}.broadcast(SP, xs);
                        long i = 0;
                        for (long bound = SP.loopBound(n); i < bound; i += SP.length()) {
                            {{Vec}} y = {{Vec}}.fromMemorySegment(SP, b, bo + i * {{bytes}}, NATIVE);
                            {{vector}}.intoMemorySegment(o, oo + i * {{bytes}}, NATIVE);
                        }
                        for (; i < n; i++) {
                            {{prim}} y = b.get(L, bo + i * {{bytes}});
                            o.set(L, oo + i * {{bytes}}, {{scalarLeft}});
                        }
                    }
            """;

    @Override
    public Map<String, String> render() {
        Map<String, String> files = new LinkedHashMap<>();
        for (KernelGen.Type t : KernelGen.NUMERIC) {
            StringBuilder cases = new StringBuilder();
            StringBuilder classes = new StringBuilder();
            for (Op op : OPS) {
                if (!op.types().contains(t)) {
                    continue;
                }
                String opClass = KernelGen.camel(op.name());
                cases.append("            case \"").append(op.name()).append("\" -> ").append(opClass).append(".INSTANCE;\n");
                String scalar = KernelGen.fill(t.floating() ? op.scalarFloat() : op.scalarInt(), "prim", t.prim());
                boolean vector = op.vector(t) != null;
                Object[] keys = KernelGen.concat(KernelGen.typeKeys(t),
                        "name", op.name(), "Op", opClass, "scalar", scalar, "vector", vector ? op.vector(t) : "",
                        "scalarRight", scalar.replaceAll("\\by\\b", "ys"), "scalarLeft", scalar.replaceAll("\\bx\\b", "xs"),
                        "scalarValue", t.floating() ? "(" + t.prim() + ") sd" : "(" + t.prim() + ") sl");
                classes.append(KernelGen.fill(OP_CLASS, KernelGen.concat(keys,
                        "dispatch", vector ? KernelGen.fill(DISPATCH, keys) : "",
                        "rowsOverride", vector ? KernelGen.fill(ROWS, keys) : "",
                        "dispatchScalar", vector ? KernelGen.fill(DISPATCH_SCALAR, keys) : "",
                        "vectorLoops", vector ? KernelGen.fill(VECTOR_LOOPS, keys) : "")));
            }
            String layoutName = switch (t.prim()) {
                case "float" -> "Float";
                case "double" -> "Double";
                case "int" -> "Int";
                default -> "Long";
            };
            String body = KernelGen.fill(CLASS, KernelGen.concat(KernelGen.typeKeys(t),
                    "box", t.floating() ? layoutName : (t.prim().equals("int") ? "Integer" : "Long"),
                    "layoutName", layoutName, "cases", cases.toString().stripTrailing(), "classes", classes.toString()));
            files.put("Binary" + t.suffix(), KernelGen.header("""
                    import dev.vectorgrad.engine.kernel.BinaryKernel;
                    import dev.vectorgrad.engine.kernel.ScalarMath;
                    import dev.vectorgrad.engine.kernel.Species;
                    import jdk.incubator.vector.*;

                    import java.lang.foreign.MemorySegment;
                    import java.lang.foreign.ValueLayout;
                    import java.nio.ByteOrder;

                    """) + body);
        }
        return files;
    }
}
