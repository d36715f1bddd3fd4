import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fused kernels for neural-network training, float32 and float64, on contiguous memory (byte
 * offsets): ReLU's gradient (threshold_backward), {@code a + alpha * b} (add with alpha, the SGD
 * update), and row-wise log-softmax forward and backward over the last dim. Each replaces a chain
 * of elementwise ops and temporaries with one pass. Vector main loops with loopBound and a scalar
 * tail; {@code Species.VECTORIZE} false takes the scalar loops alone.
 */
public final class NnFamily implements KernelGen.Family {
    private static final String CLASS = """
            /** Fused nn kernels for {{DTYPE}} over contiguous memory; offsets in bytes. */
            public final class Nn{{T}} {
                private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
                private static final VectorSpecies<{{box}}> SP = {{SP}};
                private static final ValueLayout.Of{{layoutName}} L = {{L}};
                private static final {{Vec}} ZERO = {{Vec}}.zero(SP);
                private static final boolean VECTOR = Species.VECTORIZE;

                private Nn{{T}}() {
                }

                /** o = y <= th ? 0 : g: PyTorch's threshold_backward (ReLU's gradient from its output y). */
                public static void thresholdBackward(MemorySegment o, long oo, MemorySegment g, long go,
                                                     MemorySegment y, long yo, {{prim}} th, long n) {
                    long i = 0;
                    if (VECTOR) {
                        for (long bound = SP.loopBound(n); i < bound; i += SP.length()) {
                            {{Vec}} vg = {{Vec}}.fromMemorySegment(SP, g, go + i * {{bytes}}, NATIVE);
                            {{Vec}} vy = {{Vec}}.fromMemorySegment(SP, y, yo + i * {{bytes}}, NATIVE);
                            vg.blend(ZERO, vy.compare(VectorOperators.LE, th)).intoMemorySegment(o, oo + i * {{bytes}}, NATIVE);
                        }
                    }
                    for (; i < n; i++) {
                        o.set(L, oo + i * {{bytes}}, y.get(L, yo + i * {{bytes}}) <= th ? 0 : g.get(L, go + i * {{bytes}}));
                    }
                }

                /** o = a + alpha * b, one rounding (fma), as ATen's add with alpha; o may be a (in place). */
                public static void addScaled(MemorySegment o, long oo, MemorySegment a, long ao,
                                             MemorySegment b, long bo, {{prim}} alpha, long n) {
                    long i = 0;
                    if (VECTOR) {
                        {{Vec}} va = {{Vec}}.broadcast(SP, alpha);
                        for (long bound = SP.loopBound(n); i < bound; i += SP.length()) {
                            {{Vec}} x = {{Vec}}.fromMemorySegment(SP, a, ao + i * {{bytes}}, NATIVE);
                            {{Vec}} y = {{Vec}}.fromMemorySegment(SP, b, bo + i * {{bytes}}, NATIVE);
                            y.fma(va, x).intoMemorySegment(o, oo + i * {{bytes}}, NATIVE);
                        }
                    }
                    for (; i < n; i++) {
                        o.set(L, oo + i * {{bytes}}, Math.fma(b.get(L, bo + i * {{bytes}}), alpha, a.get(L, ao + i * {{bytes}})));
                    }
                }

                /**
                 * log_softmax over rows [r0, r1) of {@code cols} contiguous elements:
                 * o = (x - max) - log(sum(exp(x - max))), as ATen's vectorized kernel orders it.
                 */
                public static void logSoftmaxRows(MemorySegment o, long oo, MemorySegment x, long xo,
                                                  long r0, long r1, long cols) {
                    long row = cols * {{bytes}};
                    for (long r = r0; r < r1; r++) {
                        long xr = xo + r * row;
                        {{prim}} max = max(x, xr, cols);
                        {{prim}} logSum = ({{prim}}) Math.log(sumExp(x, xr, cols, max));
                        shift(o, oo + r * row, x, xr, cols, max, logSum);
                    }
                }

                /**
                 * log_softmax's gradient over rows [r0, r1): o = g - exp(y) * sum(g), y the forward's
                 * output, as ATen's log_softmax_backward.
                 */
                public static void logSoftmaxBackwardRows(MemorySegment o, long oo, MemorySegment g, long go,
                                                          MemorySegment y, long yo, long r0, long r1, long cols) {
                    long row = cols * {{bytes}};
                    for (long r = r0; r < r1; r++) {
                        long gr = go + r * row;
                        backwardRow(o, oo + r * row, g, gr, y, yo + r * row, cols, sum(g, gr, cols));
                    }
                }

                // The row helpers below finish a row with one masked vector step instead of a scalar
                // tail: rows are often shorter than a vector (10 classes), and would be all tail.

                private static {{prim}} max(MemorySegment x, long xo, long n) {
                    if (!VECTOR) {
                        {{prim}} m = {{box}}.NEGATIVE_INFINITY;
                        for (long i = 0; i < n; i++) {
                            m = Math.max(m, x.get(L, xo + i * {{bytes}}));
                        }
                        return m;
                    }
                    {{Vec}} vm = {{Vec}}.broadcast(SP, {{box}}.NEGATIVE_INFINITY);
                    long i = 0;
                    for (long bound = SP.loopBound(n); i < bound; i += SP.length()) {
                        vm = vm.max({{Vec}}.fromMemorySegment(SP, x, xo + i * {{bytes}}, NATIVE));
                    }
                    if (i < n) {
                        VectorMask<{{box}}> m = SP.indexInRange(i, n);
                        vm = vm.lanewise(VectorOperators.MAX, {{Vec}}.fromMemorySegment(SP, x, xo + i * {{bytes}}, NATIVE, m), m);
                    }
                    return vm.reduceLanes(VectorOperators.MAX);
                }

                private static {{prim}} sumExp(MemorySegment x, long xo, long n, {{prim}} max) {
                    if (!VECTOR) {
                        {{prim}} s = 0;
                        for (long i = 0; i < n; i++) {
                            s += ({{prim}}) Math.exp(x.get(L, xo + i * {{bytes}}) - max);
                        }
                        return s;
                    }
                    {{Vec}} acc = ZERO;
                    long i = 0;
                    for (long bound = SP.loopBound(n); i < bound; i += SP.length()) {
                        acc = acc.add({{Vec}}.fromMemorySegment(SP, x, xo + i * {{bytes}}, NATIVE).sub(max)
                                .lanewise(VectorOperators.EXP));
                    }
                    if (i < n) {
                        VectorMask<{{box}}> m = SP.indexInRange(i, n);
                        acc = acc.add({{Vec}}.fromMemorySegment(SP, x, xo + i * {{bytes}}, NATIVE, m).sub(max)
                                .lanewise(VectorOperators.EXP), m);
                    }
                    return acc.reduceLanes(VectorOperators.ADD);
                }

                private static void shift(MemorySegment o, long oo, MemorySegment x, long xo, long n, {{prim}} max, {{prim}} logSum) {
                    if (!VECTOR) {
                        for (long i = 0; i < n; i++) {
                            o.set(L, oo + i * {{bytes}}, x.get(L, xo + i * {{bytes}}) - max - logSum);
                        }
                        return;
                    }
                    long i = 0;
                    for (long bound = SP.loopBound(n); i < bound; i += SP.length()) {
                        {{Vec}}.fromMemorySegment(SP, x, xo + i * {{bytes}}, NATIVE).sub(max).sub(logSum)
                                .intoMemorySegment(o, oo + i * {{bytes}}, NATIVE);
                    }
                    if (i < n) {
                        VectorMask<{{box}}> m = SP.indexInRange(i, n);
                        {{Vec}}.fromMemorySegment(SP, x, xo + i * {{bytes}}, NATIVE, m).sub(max).sub(logSum)
                                .intoMemorySegment(o, oo + i * {{bytes}}, NATIVE, m);
                    }
                }

                private static {{prim}} sum(MemorySegment x, long xo, long n) {
                    if (!VECTOR) {
                        {{prim}} s = 0;
                        for (long i = 0; i < n; i++) {
                            s += x.get(L, xo + i * {{bytes}});
                        }
                        return s;
                    }
                    {{Vec}} acc = ZERO;
                    long i = 0;
                    for (long bound = SP.loopBound(n); i < bound; i += SP.length()) {
                        acc = acc.add({{Vec}}.fromMemorySegment(SP, x, xo + i * {{bytes}}, NATIVE));
                    }
                    if (i < n) {
                        VectorMask<{{box}}> m = SP.indexInRange(i, n);
                        acc = acc.add({{Vec}}.fromMemorySegment(SP, x, xo + i * {{bytes}}, NATIVE, m), m);
                    }
                    return acc.reduceLanes(VectorOperators.ADD);
                }

                private static void backwardRow(MemorySegment o, long oo, MemorySegment g, long go, MemorySegment y, long yo,
                                                long n, {{prim}} s) {
                    if (!VECTOR) {
                        for (long i = 0; i < n; i++) {
                            o.set(L, oo + i * {{bytes}}, g.get(L, go + i * {{bytes}}) - ({{prim}}) Math.exp(y.get(L, yo + i * {{bytes}})) * s);
                        }
                        return;
                    }
                    long i = 0;
                    for (long bound = SP.loopBound(n); i < bound; i += SP.length()) {
                        {{Vec}} vy = {{Vec}}.fromMemorySegment(SP, y, yo + i * {{bytes}}, NATIVE).lanewise(VectorOperators.EXP);
                        {{Vec}}.fromMemorySegment(SP, g, go + i * {{bytes}}, NATIVE).sub(vy.mul(s))
                                .intoMemorySegment(o, oo + i * {{bytes}}, NATIVE);
                    }
                    if (i < n) {
                        VectorMask<{{box}}> m = SP.indexInRange(i, n);
                        {{Vec}} vy = {{Vec}}.fromMemorySegment(SP, y, yo + i * {{bytes}}, NATIVE, m).lanewise(VectorOperators.EXP);
                        {{Vec}}.fromMemorySegment(SP, g, go + i * {{bytes}}, NATIVE, m).sub(vy.mul(s))
                                .intoMemorySegment(o, oo + i * {{bytes}}, NATIVE, m);
                    }
                }
            }
            """;

    @Override
    public Map<String, String> render() {
        Map<String, String> files = new LinkedHashMap<>();
        for (KernelGen.Type t : KernelGen.FLOATING) {
            String box = t.prim().equals("float") ? "Float" : "Double";
            files.put("Nn" + t.suffix(), KernelGen.header("""
                    import dev.vectorgrad.engine.kernel.Species;
                    import jdk.incubator.vector.VectorMask;
                    import jdk.incubator.vector.VectorOperators;
                    import jdk.incubator.vector.VectorSpecies;
                    import jdk.incubator.vector.%s;

                    import java.lang.foreign.MemorySegment;
                    import java.lang.foreign.ValueLayout;
                    import java.nio.ByteOrder;

                    """.formatted(t.vector())) + KernelGen.fill(CLASS,
                    KernelGen.concat(KernelGen.typeKeys(t), "box", box, "layoutName", box)));
        }
        return files;
    }
}
