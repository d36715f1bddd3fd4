import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * In-register transposes of square blocks, R x R elements of 4 or 8 bytes where R is the vector's
 * lane count: R vector loads down R source columns, log2(R) stages that each swap one bit of the
 * row index with the same bit of the lane index (a lane shuffle and a blend per vector), R vector
 * stores along R destination rows. The tiled elementwise walk (PlanWalk) uses it to lay a
 * transposed operand out row by row; it replaces a scalar load and store per element.
 *
 * <p>A 16 x 16 block in one piece keeps 16 vectors and their shuffles live, and C2 spilled about
 * 400 vectors per block. So the stages go in two passes: the ones on row bits >= 4 take groups of
 * rows {g, g + 4, g + 8, g + 12} from the source to the destination, and the ones on bits 1 and 0
 * take rows {4k .. 4k + 3} from the destination back to it, each group with four vectors live.
 * Each group is a small method, one per lane count (so no row needs a guard): C1's profiling tier
 * compiles it, where both passes in one method (with or without the block loop) ran C1 out of
 * virtual registers and left the kernel at tier 2 (boxing every vector, 20-50x slower) or, kept
 * from C1, interpreted for the first two seconds; and it is under C2's 325-byte inlining limit,
 * so C2 inlines it into the block loop.
 * Paired with the one-piece version of before in one JVM, a + b.t() of 1024^2 floats ran 6% faster
 * and b.t().contiguous() 9% faster.
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
            // one method per lane count the width can have (128 to 512 bits), so no row needs a guard;
            // blocks{n} picks by the constant lane count and C2 folds the choice away
            StringBuilder pass1 = new StringBuilder();
            StringBuilder helpers = new StringBuilder();
            for (int r = w.maxLanes(); r > 4; r /= 2) {
                List<Integer> rows = new ArrayList<>();
                for (int row = 0; row < r; row += 4) {
                    rows.add(row);
                }
                pass1.append(pass1.isEmpty() ? "" : " else ").append("if (R").append(n).append(" == ").append(r)
                        .append(") {\n                                    high").append(n).append("x").append(r)
                        .append("(src, s + g * colStride, colStride, dst, d + g * pitch, pitch);\n                                }");
                helpers.append(method(w, n, "high" + n + "x" + r, rows, r / 2, 4,
                        "Rows 0, 4, 8, ... of a block of " + r + " lanes, from src to dst, through the stages on row bits >= 4."));
            }
            helpers.append(method(w, n, "low" + n, List.of(0, 1, 2, 3), 2, 1,
                    "Rows 0 .. 3 of a block of 4 or more lanes, from src to dst, through the stages on row bits 1 and 0."));
            int minLanes = w.maxLanes() / 4;
            if (minLanes < 4) {
                helpers.append(method(w, n, "low" + n + "x2", List.of(0, 1), 1, 1,
                        "A block of 2 lanes, from src to dst."));
            }
            String low = minLanes < 4
                    ? "if (R" + n + " == 4) {\n                                low" + n + "(src, s, colStride, dst, d, pitch);\n"
                      + "                            } else {\n                                low" + n + "x2(src, s, colStride, dst, d, pitch);\n"
                      + "                            }"
                    : "low" + n + "(src, s, colStride, dst, d, pitch);";
            methods.append(KernelGen.fill("""

                        /**
                         * Element (i, j) of an hb x wb region (multiples of R{{n}}) at {@code base + i * {{n}} + j *
                         * colStride} (columns contiguous) to {@code region + i * pitch + j * {{n}}} (rows contiguous),
                         * one R{{n}} x R{{n}} block at a time down the source columns: pass 1 takes the row groups
                         * {g, g + 4, ...} from the source to the destination through the stages on row bits >= 4,
                         * pass 2 finishes the groups {4k .. 4k + 3} in place (or straight from the source when
                         * R{{n}} <= 4 leaves nothing for pass 1).
                         */
                        public static void blocks{{n}}(MemorySegment src, long base, long colStride, MemorySegment dst, long region,
                                                   long pitch, int hb, int wb) {
                            for (int j = 0; j < wb; j += R{{n}}) {
                                for (int i = 0; i < hb; i += R{{n}}) {
                                    long s = base + i * {{n}}L + j * colStride;
                                    long d = region + i * pitch + j * {{n}}L;
                                    if (R{{n}} > 4) {
                                        for (int g = 0; g < 4; g++) {
                                            {{pass1}}
                                        }
                                        for (int k = 0; k < R{{n}}; k += 4) {
                                            low{{n}}(dst, d + k * pitch, pitch, dst, d + k * pitch, pitch);
                                        }
                                    } else {
                                        {{low}}
                                    }
                                }
                            }
                        }

                        /** One stage's output for a: its lanes outside the mask, b's shifted by the shuffle inside it. */
                        private static {{vec}} mix{{n}}({{vec}} a, {{vec}} b, VectorShuffle<{{box}}> shift, VectorMask<{{box}}> mask) {
                            return a.blend(b.rearrange(shift), mask);
                        }
                    {{helpers}}""", "n", n, "pass1", pass1.toString(), "low", low, "helpers", helpers.toString(),
                    "vec", w.vec(), "box", w.box()));
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

    /**
     * One group of a block's rows as a method: loads them as v{row} from {@code src}
     * ({@code s + row * stride}), runs the stages from {@code hi} down to {@code lo} on the pairs
     * within the rows, and stores them to {@code dst} ({@code d + row * pitch}). Four vectors are
     * live, where a whole 16 x 16 block in one piece made C2 spill about 400 per block; the method
     * is small enough for C1's profiling tier (a whole block ran it out of virtual registers) and
     * for C2 to inline into the block loop (under FreqInlineSize's 325 bytes of bytecode).
     */
    private static String method(Width w, String n, String name, List<Integer> rows, int hi, int lo, String doc) {
        StringBuilder body = new StringBuilder();
        for (int row : rows) {
            body.append("        ").append(w.vec()).append(" v").append(row).append(" = ").append(w.vec())
                    .append(".fromMemorySegment(SP").append(n).append(", src, s + ").append(row).append(" * stride, NATIVE);\n");
        }
        body.append("        ").append(w.vec()).append(" t;\n");
        for (int st = hi; st >= lo; st /= 2) {
            for (int c : rows) {
                int d = c + st;
                if ((c & st) != 0 || !rows.contains(d)) {
                    continue;
                }
                body.append(KernelGen.fill("""
                                t = v{{c}};
                                v{{c}} = mix{{n}}(v{{c}}, v{{d}}, DOWN{{n}}_{{s}}, HI{{n}}_{{s}});
                                v{{d}} = mix{{n}}(v{{d}}, t, UP{{n}}_{{s}}, LO{{n}}_{{s}});
                        """, "n", n, "c", c, "d", d, "s", st));
            }
        }
        for (int row : rows) {
            body.append("        v").append(row).append(".intoMemorySegment(dst, d + ").append(row).append(" * pitch, NATIVE);\n");
        }
        return KernelGen.fill("""

                    /** {{doc}} */
                    private static void {{name}}(MemorySegment src, long s, long stride, MemorySegment dst, long d, long pitch) {
                {{body}}    }
                """, "doc", doc, "name", name, "body", body.toString());
    }

}
