import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matrix multiplication kernels. For float32 and float64, one class per register tile shape
 * (MR rows x NV vectors, see {@code kernel/Gemm}): the BLIS micro-kernel over packed panels, a
 * variant that packs the A panel as it reads it, a direct variant that reads A and B in place
 * (small matrices), the packing routines, and the masked tile copies for edge tiles. Per dtype,
 * matrix-vector kernels. For every numeric dtype, a plain scalar triple loop (integer dtypes, and
 * the {@code -Dvectorgrad.scalar=true} fallback).
 *
 * <p>The micro-kernel is written out register by register: MR x NV accumulators, NV vectors of B
 * and one broadcast of A per k step, nothing else in the loop, so C2 keeps all of it in registers.
 * It has no branch but its loop: the accumulators start from a C tile that is either C itself or a
 * row of zeros read with row stride 0 (first K block), so the first and later K blocks run one
 * compiled body (a branch taken late would deoptimize it).
 *
 * <p>One k step per trip: C2 compiles it (6x4, 512 bits) to 47 instructions per 24 FMAs, 13 of
 * them index arithmetic and loop control. Unrolled by two in the source, C2 hoists all twenty
 * loads of both steps to the top and spills accumulators to the stack. With the loop counting
 * the A index (A padded to 8 per k) and B packed into a heap float[], 5 remain: 1.11x as fast in
 * a loaded phase of the host, 0.97x in a mixed one; a Java array cannot be asked for 64-byte
 * alignment, so its 64-byte loads of B may split cache lines. Native B in that loop kept 11 or
 * more. MKL's AVX-512 sgemm kernel (in the libtorch the bench compares with) spends about 36 per
 * 24 FMAs: an 8x3 tile, k unrolled, constant offsets.
 */
public final class GemmFamily implements KernelGen.Family {
    /**
     * Tile shapes: rows of A broadcast x vectors of B. 6x4 for 32 vector registers, 6x2 for 16
     * (12x2 measured 10% slower than 6x4 here: twice the broadcasts per k step); 12x1 (12
     * accumulators, either register file) for products at most one vector wide, where a wider
     * tile would mostly multiply padding (n = 10 in a 64-column tile).
     */
    static final List<int[]> SHAPES = List.of(new int[]{6, 4}, new int[]{6, 2}, new int[]{12, 1});

    private static final String IMPORTS = """
            import dev.vectorgrad.engine.kernel.GemmKernel;
            import dev.vectorgrad.engine.kernel.Species;
            import jdk.incubator.vector.*;

            import java.lang.foreign.MemorySegment;
            import java.lang.foreign.ValueLayout;
            import java.nio.ByteOrder;

            """;

    private static final String TILE_CLASS = """
            /** GEMM kernels for {{DTYPE}} with a {{MR}} x {{NV}}-vector register tile. */
            public final class Gemm{{T}}x{{MR}}x{{NV}} implements GemmKernel {
                public static final Gemm{{T}}x{{MR}}x{{NV}} INSTANCE = new Gemm{{T}}x{{MR}}x{{NV}}();
                private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
                private static final VectorSpecies<{{box}}> SP = {{SP}};
                private static final ValueLayout.Of{{layoutName}} LU = {{LU}};
                private static final int LANES = SP.length();
                /** Bytes of one vector. */
                private static final int VB = SP.vectorByteSize();
                private static final int MR = {{MR}};
                private static final int NR = {{NV}} * LANES;
                /** Bytes of one k step of a packed A panel and of a packed B panel. */
                private static final long MRB = MR * {{bytes}};
                private static final long NRB = (long) NR * {{bytes}};

                private Gemm{{T}}x{{MR}}x{{NV}}() {
                }

                @Override
                public int mr() {
                    return MR;
                }

                @Override
                public int nr() {
                    return NR;
                }

                @Override
                public int bytes() {
                    return {{bytes}};
                }

                @Override
                public void micro(int kc, Object ap, int ao, MemorySegment b, long bo,
                                  MemorySegment ci, long cio, long ldci, MemorySegment c, long co, long ldc) {
                    {{prim}}[] a = ({{prim}}[]) ap;
            {{init}}
                    for (int k = 0; k < kc; k++) {
                        int ak = ao + k * MR;
                        long bk = bo + k * NRB;
            {{broadcastA}}
            {{fmaPacked}}
                    }
            {{store}}
                }

                @Override
                public void microPackA(int kc, MemorySegment a, long ao, long ars, Object dst, int d, MemorySegment b, long bo,
                                       MemorySegment ci, long cio, long ldci, MemorySegment c, long co, long ldc) {
                    {{prim}}[] p = ({{prim}}[]) dst;
            {{init}}
            {{rowOffsets}}
                    for (int k = 0; k < kc; k++) {
                        // a constant column stride: C2 then drops the six reads' bounds checks from the loop
                        long ak = ao + k * {{bytes}}L;
                        int pk = d + k * MR;
                        long bk = bo + k * NRB;
            {{readA}}
            {{fmaPacked}}
                    }
            {{store}}
                }

            {{directMethods}}

                @Override
                public Object panelBuffer(Object old, int elements) {
                    return old instanceof {{prim}}[] p && p.length >= elements ? p : new {{prim}}[elements];
                }

                @Override
                public void packPanel(Object dsto, int d, MemorySegment a, long ao, long rs, long cs, int rows, int kc) {
                    {{prim}}[] dst = ({{prim}}[]) dsto;
                    if (rows == MR) {
            {{rowOffsets2}}
                        for (int k = 0; k < kc; k++, d += MR, ao += cs) {
            {{packRowArray}}
                        }
                        return;
                    }
                    for (int k = 0; k < kc; k++, d += MR, ao += cs) {
                        for (int r = 0; r < MR; r++) {
                            dst[d + r] = r < rows ? a.get(LU, ao + r * rs) : 0;
                        }
                    }
                }

                @Override
                public void packA(MemorySegment dst, long d, MemorySegment a, long ao, long rs, long cs, int rows, int kc) {
                    if (rows == MR) {
            {{rowOffsets2}}
                        for (int k = 0; k < kc; k++, d += MRB, ao += cs) {
            {{packRow}}
                        }
                        return;
                    }
                    for (int k = 0; k < kc; k++, d += MRB, ao += cs) {
                        for (int r = 0; r < MR; r++) {
                            dst.set(LU, d + r * {{bytes}}, r < rows ? a.get(LU, ao + r * rs) : 0);
                        }
                    }
                }

                @Override
                public void packB(MemorySegment dst, long d, MemorySegment b, long bo, long rs, long cs, int cols, int kc) {
                    if (cs == {{bytes}}) {
                        for (int v = 0; v * LANES < NR; v++) {
                            VectorMask<{{box}}> m = SP.indexInRange(v * LANES, cols);
                            long dv = d + (long) v * VB;
                            long bv = bo + (long) v * VB;
                            for (int k = 0; k < kc; k++, dv += NRB, bv += rs) {
                                {{Vec}}.fromMemorySegment(SP, b, bv, NATIVE, m).intoMemorySegment(dst, dv, NATIVE);
                            }
                        }
                        return;
                    }
                    if (rs < cs) {
                        // B transposed: each column of the panel is contiguous along k in memory
                        for (int j = 0; j < NR; j++) {
                            long dj = d + (long) j * {{bytes}};
                            long bj = bo + j * cs;
                            if (j < cols) {
                                for (int k = 0; k < kc; k++) {
                                    dst.set(LU, dj + k * NRB, b.get(LU, bj + k * rs));
                                }
                            } else {
                                for (int k = 0; k < kc; k++) {
                                    dst.set(LU, dj + k * NRB, ({{prim}}) 0);
                                }
                            }
                        }
                        return;
                    }
                    for (int k = 0; k < kc; k++, d += NRB, bo += rs) {
                        for (int j = 0; j < NR; j++) {
                            dst.set(LU, d + (long) j * {{bytes}}, j < cols ? b.get(LU, bo + j * cs) : 0);
                        }
                    }
                }

                @Override
                public void packBRows(MemorySegment dst, long d, long panelBytes, MemorySegment b, long bo, long rs, int panels, int kc) {
                    for (int k = 0; k < kc; k++, d += NRB, bo += rs) {
                        long dp = d;
                        long bp = bo;
                        for (int p = 0; p < panels; p++, dp += panelBytes, bp += NRB) {
            {{copyB}}
                        }
                    }
                }

                @Override
                public void tileIn(MemorySegment t, MemorySegment c, long co, long ldc, int rows, int cols, boolean load) {
                    {{Vec}} zero = {{Vec}}.zero(SP);
                    for (int v = 0; v * LANES < NR; v++) {
                        VectorMask<{{box}}> m = SP.indexInRange(v * LANES, cols);
                        for (int r = 0; r < MR; r++) {
                            long to = r * NRB + (long) v * VB;
                            if (load && r < rows) {
                                {{Vec}}.fromMemorySegment(SP, c, co + r * ldc + (long) v * VB, NATIVE, m).intoMemorySegment(t, to, NATIVE);
                            } else {
                                zero.intoMemorySegment(t, to, NATIVE);
                            }
                        }
                    }
                }

                @Override
                public void tileOut(MemorySegment t, MemorySegment c, long co, long ldc, int rows, int cols) {
                    for (int v = 0; v * LANES < cols; v++) {
                        VectorMask<{{box}}> m = SP.indexInRange(v * LANES, cols);
                        for (int r = 0; r < rows; r++) {
                            {{Vec}}.fromMemorySegment(SP, t, r * NRB + (long) v * VB, NATIVE)
                                    .intoMemorySegment(c, co + r * ldc + (long) v * VB, NATIVE, m);
                        }
                    }
                }
            }
            """;

    /**
     * The in-place kernel, twice: {@code direct} for any column stride of A and {@code directRows}
     * for row-major A, whose constant stride lets C2 take the six reads' bounds checks out of the loop.
     */
    private static final String DIRECT = """
                @Override
                public void {{name}}(int kc, MemorySegment a, long ao, long ars, {{acsParam}}MemorySegment b, long bo, long brs,
                                   MemorySegment ci, long cio, long ldci, MemorySegment c, long co, long ldc) {
            {{init}}
            {{rowOffsets}}
                    for (int k = 0; k < kc; k++) {
                        long ak = ao + k * {{acs}};
                        long bk = bo + k * brs;
            {{loadB}}
                        {{Vec}} x;
            {{fmaDirect}}
                    }
            {{store}}
                }
            """;

    private static final String GEMV_CLASS = """
            /** Matrix-vector kernels for {{DTYPE}}. */
            public final class Gemv{{T}} {
                private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
                private static final VectorSpecies<{{box}}> SP = {{SP}};
                private static final ValueLayout.Of{{layoutName}} LU = {{LU}};
                private static final int LANES = SP.length();
                private static final int VB = SP.vectorByteSize();

                private Gemv{{T}}() {
                }

                /**
                 * y[i] = A[i, :] . x for m rows of k elements: rows of A at {@code ars} bytes with unit
                 * column stride, x contiguous, y at stride {@code ys} bytes. Four rows share each load of x.
                 */
                public static void rowsDot(int m, int k, MemorySegment a, long ao, long ars, MemorySegment x, long xo,
                                           MemorySegment y, long yo, long ys) {
                    int i = 0;
                    int kb = SP.loopBound(k);
                    for (; i + 4 <= m; i += 4, ao += 4 * ars, yo += 4 * ys) {
                        {{Vec}} s0 = {{Vec}}.zero(SP), s1 = s0, s2 = s0, s3 = s0;
                        long a1 = ao + ars, a2 = ao + 2 * ars, a3 = ao + 3 * ars;
                        int j = 0;
                        for (; j < kb; j += LANES) {
                            long o = (long) j * {{bytes}};
                            {{Vec}} xv = {{Vec}}.fromMemorySegment(SP, x, xo + o, NATIVE);
                            s0 = {{Vec}}.fromMemorySegment(SP, a, ao + o, NATIVE).fma(xv, s0);
                            s1 = {{Vec}}.fromMemorySegment(SP, a, a1 + o, NATIVE).fma(xv, s1);
                            s2 = {{Vec}}.fromMemorySegment(SP, a, a2 + o, NATIVE).fma(xv, s2);
                            s3 = {{Vec}}.fromMemorySegment(SP, a, a3 + o, NATIVE).fma(xv, s3);
                        }
                        {{prim}} r0 = s0.reduceLanes(VectorOperators.ADD), r1 = s1.reduceLanes(VectorOperators.ADD);
                        {{prim}} r2 = s2.reduceLanes(VectorOperators.ADD), r3 = s3.reduceLanes(VectorOperators.ADD);
                        for (; j < k; j++) {
                            long o = (long) j * {{bytes}};
                            {{prim}} xs = x.get(LU, xo + o);
                            r0 += a.get(LU, ao + o) * xs;
                            r1 += a.get(LU, a1 + o) * xs;
                            r2 += a.get(LU, a2 + o) * xs;
                            r3 += a.get(LU, a3 + o) * xs;
                        }
                        y.set(LU, yo, r0);
                        y.set(LU, yo + ys, r1);
                        y.set(LU, yo + 2 * ys, r2);
                        y.set(LU, yo + 3 * ys, r3);
                    }
                    for (; i < m; i++, ao += ars, yo += ys) {
                        {{Vec}} s0 = {{Vec}}.zero(SP), s1 = s0;
                        int j = 0;
                        for (; j + 2 * LANES <= k; j += 2 * LANES) {
                            long o = (long) j * {{bytes}};
                            s0 = {{Vec}}.fromMemorySegment(SP, a, ao + o, NATIVE).fma({{Vec}}.fromMemorySegment(SP, x, xo + o, NATIVE), s0);
                            s1 = {{Vec}}.fromMemorySegment(SP, a, ao + o + VB, NATIVE).fma({{Vec}}.fromMemorySegment(SP, x, xo + o + VB, NATIVE), s1);
                        }
                        for (; j < kb; j += LANES) {
                            long o = (long) j * {{bytes}};
                            s0 = {{Vec}}.fromMemorySegment(SP, a, ao + o, NATIVE).fma({{Vec}}.fromMemorySegment(SP, x, xo + o, NATIVE), s0);
                        }
                        {{prim}} r = s0.add(s1).reduceLanes(VectorOperators.ADD);
                        for (; j < k; j++) {
                            long o = (long) j * {{bytes}};
                            r += a.get(LU, ao + o) * x.get(LU, xo + o);
                        }
                        y.set(LU, yo, r);
                    }
                }

                /**
                 * y = A x for A with unit row stride (columns at {@code acs} bytes), y contiguous, x at
                 * stride {@code xs} bytes: y[i..] accumulates x[j] * A[i.., j] over j, four vectors of
                 * rows at a time kept in registers.
                 */
                public static void colsAxpy(int m, int k, MemorySegment a, long ao, long acs, MemorySegment x, long xo, long xs,
                                            MemorySegment y, long yo) {
                    int i = 0;
                    for (; i + 4 * LANES <= m; i += 4 * LANES) {
                        long ai = ao + (long) i * {{bytes}};
                        {{Vec}} s0 = {{Vec}}.zero(SP), s1 = s0, s2 = s0, s3 = s0;
                        for (int j = 0; j < k; j++) {
                            long o = ai + j * acs;
                            {{Vec}} xv = {{Vec}}.broadcast(SP, x.get(LU, xo + j * xs));
                            s0 = {{Vec}}.fromMemorySegment(SP, a, o, NATIVE).fma(xv, s0);
                            s1 = {{Vec}}.fromMemorySegment(SP, a, o + VB, NATIVE).fma(xv, s1);
                            s2 = {{Vec}}.fromMemorySegment(SP, a, o + 2 * VB, NATIVE).fma(xv, s2);
                            s3 = {{Vec}}.fromMemorySegment(SP, a, o + 3 * VB, NATIVE).fma(xv, s3);
                        }
                        long yi = yo + (long) i * {{bytes}};
                        s0.intoMemorySegment(y, yi, NATIVE);
                        s1.intoMemorySegment(y, yi + VB, NATIVE);
                        s2.intoMemorySegment(y, yi + 2 * VB, NATIVE);
                        s3.intoMemorySegment(y, yi + 3 * VB, NATIVE);
                    }
                    for (; i < m; i += LANES) {
                        VectorMask<{{box}}> mask = SP.indexInRange(i, m);
                        long ai = ao + (long) i * {{bytes}};
                        {{Vec}} s = {{Vec}}.zero(SP);
                        for (int j = 0; j < k; j++) {
                            {{Vec}} xv = {{Vec}}.broadcast(SP, x.get(LU, xo + j * xs));
                            s = {{Vec}}.fromMemorySegment(SP, a, ai + j * acs, NATIVE, mask).fma(xv, s);
                        }
                        s.intoMemorySegment(y, yo + (long) i * {{bytes}}, NATIVE, mask);
                    }
                }
            }
            """;

    private static final String SCALAR_CLASS = """
            /** Plain loops for {{DTYPE}} matrix products: integer dtypes, and the scalar fallback of the float ones. */
            public final class GemmScalar{{T}} {
                private static final ValueLayout.Of{{layoutName}} LU = {{LU}};

                private GemmScalar{{T}}() {
                }

                /**
                 * C[m x n] = A[m x k] B[k x n], every operand by byte strides. Each C row accumulates
                 * A[i, p] * B[p, :] over p in order (i-p-j: B and C walked along rows).
                 */
                public static void gemm(int m, int n, int k, MemorySegment a, long ao, long ars, long acs,
                                        MemorySegment b, long bo, long brs, long bcs,
                                        MemorySegment c, long co, long crs, long ccs) {
                    for (int i = 0; i < m; i++) {
                        long ci = co + i * crs;
                        for (int j = 0; j < n; j++) {
                            c.set(LU, ci + j * ccs, ({{prim}}) 0);
                        }
                        long ai = ao + i * ars;
                        for (int p = 0; p < k; p++) {
                            {{prim}} av = a.get(LU, ai + p * acs);
                            long bp = bo + p * brs;
                            for (int j = 0; j < n; j++) {
                                long cij = ci + j * ccs;
                                c.set(LU, cij, ({{prim}}) (c.get(LU, cij) + av * b.get(LU, bp + j * bcs)));
                            }
                        }
                    }
                }
            }
            """;

    @Override
    public Map<String, String> render() {
        Map<String, String> files = new LinkedHashMap<>();
        for (KernelGen.Type t : KernelGen.FLOATING) {
            for (int[] shape : SHAPES) {
                String name = "Gemm" + t.suffix() + "x" + shape[0] + "x" + shape[1];
                files.put(name, KernelGen.header(IMPORTS) + tileClass(t, shape[0], shape[1]));
            }
            files.put("Gemv" + t.suffix(), KernelGen.header(IMPORTS) + KernelGen.fill(GEMV_CLASS, keys(t)));
        }
        for (KernelGen.Type t : KernelGen.NUMERIC) {
            files.put("GemmScalar" + t.suffix(), KernelGen.header("""
                    import java.lang.foreign.MemorySegment;
                    import java.lang.foreign.ValueLayout;

                    """) + KernelGen.fill(SCALAR_CLASS, keys(t)));
        }
        return files;
    }

    private static Object[] keys(KernelGen.Type t) {
        String layoutName = switch (t.prim()) {
            case "float" -> "Float";
            case "double" -> "Double";
            case "int" -> "Int";
            default -> "Long";
        };
        String box = switch (t.prim()) {
            case "int" -> "Integer";
            default -> layoutName;
        };
        return KernelGen.concat(KernelGen.typeKeys(t), "box", box, "layoutName", layoutName,
                "LU", t.layout() + "_UNALIGNED");
    }

    private static String tileClass(KernelGen.Type t, int mr, int nv) {
        StringBuilder init = new StringBuilder();
        StringBuilder store = new StringBuilder();
        for (int r = 0; r < mr; r++) {
            init.append("        {{Vec}} ");
            for (int v = 0; v < nv; v++) {
                init.append(v == 0 ? "" : ", ").append("c").append(r).append('_').append(v)
                        .append(" = {{Vec}}.fromMemorySegment(SP, ci, cio").append(off(v)).append(", NATIVE)");
                store.append("        c").append(r).append('_').append(v).append(".intoMemorySegment(c, co")
                        .append(off(v)).append(", NATIVE);\n");
            }
            init.append(";\n");
            if (r + 1 < mr) {
                init.append("        cio += ldci;\n");
                store.append("        co += ldc;\n");
            }
        }
        StringBuilder loadB = new StringBuilder();
        for (int v = 0; v < nv; v++) {
            loadB.append("            {{Vec}} b").append(v).append(" = {{Vec}}.fromMemorySegment(SP, b, bk")
                    .append(off(v)).append(", NATIVE);\n");
        }
        StringBuilder broadcastA = new StringBuilder();
        StringBuilder readA = new StringBuilder();
        StringBuilder fmaPacked = new StringBuilder();
        StringBuilder fmaDirect = new StringBuilder();
        StringBuilder rowOffsets = new StringBuilder();
        StringBuilder rowOffsets2 = new StringBuilder();
        StringBuilder packRow = new StringBuilder();
        StringBuilder packRowArray = new StringBuilder();
        for (int r = 0; r < mr; r++) {
            StringBuilder fmas = new StringBuilder();
            for (int v = 0; v < nv; v++) {
                fmas.append(" c").append(r).append('_').append(v).append(" = b").append(v).append(".fma(x, c")
                        .append(r).append('_').append(v).append(");");
            }
            broadcastA.append("            {{Vec}} x").append(r).append(" = {{Vec}}.broadcast(SP, a[ak").append(r == 0 ? "" : " + " + r)
                    .append("]);\n");
            // the fused packing kernel: A read in place, stored to the panel, then broadcast
            readA.append("            {{prim}} s").append(r).append(" = a.get(LU, ak").append(r == 0 ? "" : " + r" + r)
                    .append(");\n            p[pk").append(r == 0 ? "" : " + " + r).append("] = s").append(r)
                    .append(";\n            {{Vec}} x").append(r).append(" = {{Vec}}.broadcast(SP, s").append(r).append(");\n");
            fmaDirect.append("            x = {{Vec}}.broadcast(SP, a.get(LU, ak").append(r == 0 ? "" : " + r" + r)
                    .append("));").append(fmas).append('\n');
            if (r > 0) {
                rowOffsets.append("        long r").append(r).append(" = ").append(r).append(" * ars;\n");
                rowOffsets2.append("            long r").append(r).append(" = ").append(r).append(" * rs;\n");
            }
            packRow.append("                dst.set(LU, d").append(r == 0 ? "" : " + " + r * t.bytes())
                    .append(", a.get(LU, ao").append(r == 0 ? "" : " + r" + r).append("));\n");
            packRowArray.append("                dst[d").append(r == 0 ? "" : " + " + r)
                    .append("] = a.get(LU, ao").append(r == 0 ? "" : " + r" + r).append(");\n");
        }
        // packed: the MR broadcasts, then one vector of B at a time against all of them (MR x NV
        // accumulators + MR broadcasts + 1 vector of B live: 31 registers for 6x4). Holding all NV
        // vectors of B instead, C2 hoists the (check-free) broadcasts above them and spills.
        fmaPacked.append("            {{Vec}} bv;\n");
        for (int v = 0; v < nv; v++) {
            fmaPacked.append("            bv = {{Vec}}.fromMemorySegment(SP, b, bk").append(off(v)).append(", NATIVE);");
            for (int r = 0; r < mr; r++) {
                fmaPacked.append(" c").append(r).append('_').append(v).append(" = bv.fma(x").append(r).append(", c")
                        .append(r).append('_').append(v).append(");");
            }
            fmaPacked.append('\n');
        }
        StringBuilder copyB = new StringBuilder();
        for (int v = 0; v < nv; v++) {
            copyB.append("                {{Vec}}.fromMemorySegment(SP, b, bp").append(off(v))
                    .append(", NATIVE).intoMemorySegment(dst, dp").append(off(v)).append(", NATIVE);\n");
        }
        Object[] keys = KernelGen.concat(keys(t), "MR", mr, "NV", nv);
        Object[] all = KernelGen.concat(keys,
                "init", KernelGen.fill(strip(init), keys), "store", strip(store),
                "loadB", KernelGen.fill(strip(loadB), keys),
                "broadcastA", KernelGen.fill(strip(broadcastA), keys), "readA", KernelGen.fill(strip(readA), keys),
                "fmaPacked", KernelGen.fill(strip(fmaPacked), keys), "fmaDirect", KernelGen.fill(strip(fmaDirect), keys),
                "rowOffsets", strip(rowOffsets), "rowOffsets2", strip(rowOffsets2), "packRow", strip(packRow), "packRowArray", strip(packRowArray),
                "copyB", KernelGen.fill(strip(copyB), keys));
        String direct = KernelGen.fill(DIRECT, KernelGen.concat(all, "name", "direct", "acsParam", "long acs, ", "acs", "acs"))
                + "\n" + KernelGen.fill(DIRECT, KernelGen.concat(all, "name", "directRows", "acsParam", "", "acs", t.bytes() + "L"));
        return KernelGen.fill(TILE_CLASS, KernelGen.concat(all, "directMethods", strip(direct)));
    }

    private static String off(int v) {
        return v == 0 ? "" : v == 1 ? " + VB" : " + " + v + " * VB";
    }

    private static String strip(CharSequence s) {
        String text = s.toString();
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
