import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * In-register transposes of one square block, R x R elements of 4 or 8 bytes where R is the
 * vector's lane count: R vector loads down R source columns, log2(R) stages that each swap one
 * bit of the row index with the same bit of the lane index (a lane shuffle and a blend per
 * vector), R vector stores along R scratch rows. The tiled elementwise walk (PlanWalk) uses it
 * to lay a transposed operand out row by row; it replaces a scalar load and store per element.
 * Every vector is a local (no arrays): C2 keeps them in registers, and the stages a narrower
 * vector does not need fold away on the constant lane count.
 */
public final class TransposeFamily implements KernelGen.Family {
    /** Element width, its vector class and species, and the most lanes any width gives it. */
    record Width(int bytes, String vec, String box, String species, int maxLanes) {
    }

    static final List<Width> WIDTHS = List.of(
            new Width(4, "IntVector", "Integer", "Species.I32", 16),
            new Width(8, "LongVector", "Long", "Species.I64", 8));

    @Override
    public Map<String, String> render() {
        StringBuilder fields = new StringBuilder();
        StringBuilder methods = new StringBuilder();
        for (Width w : WIDTHS) {
            String n = String.valueOf(w.bytes());
            fields.append(KernelGen.fill("""
                        private static final VectorSpecies<{{box}}> SP{{n}} = {{species}};
                        /** Lanes of a {{n}}-byte vector: the block side. */
                        public static final int R{{n}} = SP{{n}}.length();
                    """, "box", w.box(), "n", n, "species", w.species()));
            for (int s = 1; s < w.maxLanes(); s *= 2) {
                fields.append(KernelGen.fill("""
                            private static final VectorShuffle<{{box}}> DOWN{{n}}_{{s}} = VectorShuffle.iota(SP{{n}}, -{{s}}, 1, true);
                            private static final VectorShuffle<{{box}}> UP{{n}}_{{s}} = VectorShuffle.iota(SP{{n}}, {{s}}, 1, true);
                            private static final VectorMask<{{box}}> HI{{n}}_{{s}} = VectorMask.fromLong(SP{{n}}, bits(R{{n}}, {{s}}));
                            private static final VectorMask<{{box}}> LO{{n}}_{{s}} = HI{{n}}_{{s}}.not();
                        """, "box", w.box(), "n", n, "s", s));
            }
            StringBuilder body = new StringBuilder();
            for (int c = 0; c < w.maxLanes(); c++) {
                String load = w.vec() + ".fromMemorySegment(SP" + n + ", src, s + " + c + " * colStride, NATIVE)";
                body.append("        ").append(w.vec()).append(" v").append(c).append(" = ")
                        .append(c == 0 ? load : "R" + n + " > " + c + " ? " + load + " : v0").append(";\n");
            }
            body.append("        ").append(w.vec()).append(" t;\n");
            for (int s = w.maxLanes() / 2; s >= 1; s /= 2) {
                for (int c = 0; c < w.maxLanes(); c++) {
                    if ((c & s) != 0) {
                        continue;
                    }
                    int d = c + s;
                    body.append(KernelGen.fill("""
                                    if (R{{n}} > {{d}}) {
                                        t = v{{c}};
                                        v{{c}} = v{{c}}.blend(v{{d}}.rearrange(DOWN{{n}}_{{s}}), HI{{n}}_{{s}});
                                        v{{d}} = v{{d}}.blend(t.rearrange(UP{{n}}_{{s}}), LO{{n}}_{{s}});
                                    }
                            """, "n", n, "c", c, "d", d, "s", s));
                }
            }
            for (int c = 0; c < w.maxLanes(); c++) {
                String store = "v" + c + ".intoMemorySegment(dst, d + " + c + " * pitch, NATIVE);";
                body.append("        ").append(c == 0 ? store : "if (R" + n + " > " + c + ") {\n            " + store + "\n        }")
                        .append("\n");
            }
            methods.append(KernelGen.fill("""

                        /**
                         * Element (i, j) of an R{{n}} x R{{n}} block at {@code src + i * {{n}} + j * colStride} (columns
                         * contiguous) to {@code dst + i * pitch + j * {{n}}} (rows contiguous).
                         */
                        public static void block{{n}}(MemorySegment src, long s, long colStride, MemorySegment dst, long d, long pitch) {
                    {{body}}    }
                    """, "n", n, "body", body.toString()));
        }
        String source = KernelGen.header("""
                import dev.vectorgrad.engine.kernel.Species;
                import jdk.incubator.vector.*;

                import java.lang.foreign.MemorySegment;
                import java.nio.ByteOrder;

                """) + KernelGen.fill("""
                /** Square in-register transposes for the tiled elementwise walk (see TransposeFamily). */
                public final class Transpose {
                    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
                {{fields}}
                    private Transpose() {
                    }

                    /** The lanes i < r with bit s set. */
                    private static long bits(int r, int s) {
                        long m = 0;
                        for (int i = 0; i < r; i++) {
                            if ((i & s) != 0) {
                                m |= 1L << i;
                            }
                        }
                        return m;
                    }
                {{methods}}}
                """, "fields", fields.toString(), "methods", methods.toString());
        Map<String, String> files = new LinkedHashMap<>();
        files.put("Transpose", source);
        return files;
    }
}
