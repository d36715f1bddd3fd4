package dev.vectorgrad.engine;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused training ops (NnOps) against plain scalar references: add/sub with alpha,
 * threshold_backward, log_softmax and its backward, nll_loss and its backward. Random shapes of
 * 0-5 dims (size-0 and size-1 dims, rows shorter and longer than a vector), contiguous and
 * permuted/stepped/expanded operands, float32 and float64, special values.
 */
class NnOpsTest {
    private static final DType[] FLOATS = {DType.FLOAT32, DType.FLOAT64};

    enum Layout { CONTIGUOUS, PERMUTED, STEPPED, EXPANDED }

    // ------------------------------------------------------------------ helpers

    private static long[] randomShape(SplittableRandom r, int rank) {
        long[] s = new long[rank];
        for (int i = 0; i < rank; i++) {
            int pick = r.nextInt(10);
            s[i] = pick == 0 ? 0 : pick == 1 ? 1 : 1 + r.nextInt(i == rank - 1 ? 40 : 5);
        }
        return s;
    }

    private static double[] values(SplittableRandom r, long n) {
        double[] v = new double[(int) n];
        double[] specials = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-40, -3.5};
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(12) == 0 ? specials[r.nextInt(specials.length)] : r.nextDouble(-4, 4);
        }
        return v;
    }

    /** A tensor of the given logical shape and values, laid out as {@code layout} says. */
    private static Tensor make(double[] v, DType t, long[] shape, Layout layout) {
        Tensor base = Tensor.of(v).to(t).reshape(shape);
        int rank = shape.length;
        return switch (layout) {
            case CONTIGUOUS -> base;
            case PERMUTED -> {
                if (rank < 2) {
                    yield base;
                }
                // the same values, held transposed: a non-contiguous view
                yield base.transpose(0, rank - 1).contiguous().transpose(0, rank - 1);
            }
            case STEPPED -> {
                long[] wide = shape.clone();
                if (rank == 0) {
                    yield base;
                }
                wide[rank - 1] = shape[rank - 1] * 2;
                Tensor w = Tensor.zeros(t, wide);
                Tensor view = w.slice(rank - 1, 0, wide[rank - 1], 2);
                view.assign(base);
                yield view;
            }
            case EXPANDED -> base; // expanded operands are made by the callers that broadcast
        };
    }

    private static double[] read(Tensor t) {
        return t.contiguous().to(DType.FLOAT64).toDoubleArray();
    }

    private static void close(double[] expected, double[] actual, DType t, double rel, String what) {
        assertEquals(expected.length, actual.length, what);
        double tol = t == DType.FLOAT32 ? rel * 1e-6 : rel * 1e-14;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Double.isNaN(e) || Double.isNaN(a) || Double.isInfinite(e)) {
                assertEquals(e, a, what + " at " + i);
                continue;
            }
            assertTrue(Math.abs(e - a) <= tol * Math.max(1, Math.abs(e)), what + " at " + i + ": expected " + e + ", got " + a);
        }
    }

    private static double round(double v, DType t) {
        return t == DType.FLOAT32 ? (float) v : v;
    }

    // ------------------------------------------------------------------ add / sub with alpha

    @Property(tries = 60)
    void addWithAlphaMatchesReference(@ForAll("floats") DType t, @ForAll @IntRange(min = 0, max = 5) int rank,
                                      @ForAll("layouts") Layout la, @ForAll("layouts") Layout lb, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        try (Scope s = Scope.open()) {
            long[] shape = randomShape(r, rank);
            long n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
            double[] av = values(r, n);
            double[] bv = values(r, n);
            double alpha = r.nextBoolean() ? -0.1 : 2.5;
            Tensor a = make(av, t, shape, la);
            Tensor b = lb == Layout.EXPANDED && rank > 0
                    ? make(Arrays.copyOf(values(r, shape[rank - 1]), (int) shape[rank - 1]), t, new long[]{shape[rank - 1]}, Layout.CONTIGUOUS)
                    : make(bv, t, shape, lb);
            double[] bl = read(b.expand(shape));
            double[] ar = read(a);
            double[] expected = new double[(int) n];
            double[] expectedSub = new double[(int) n];
            for (int i = 0; i < n; i++) {
                expected[i] = round(Math.fma(bl[i], round(alpha, t), ar[i]), t);
                expectedSub[i] = round(Math.fma(bl[i], round(-alpha, t), ar[i]), t);
            }
            Tensor sum = a.add(b, alpha);
            assertEquals(t, sum.dtype());
            assertArrayEquals(shape, sum.shape());
            close(expected, read(sum), t, 4, "add alpha");
            close(expectedSub, read(a.sub(b, alpha)), t, 4, "sub alpha");
            int before = a.version();
            Tensor same = a.addi(b, alpha);
            assertSame(a, same);
            close(expected, read(a), t, 4, "addi alpha");
            assertTrue(a.version() > before);
            Tensor a2 = make(av, t, shape, la);
            a2.subi(b, alpha);
            close(expectedSub, read(a2), t, 4, "subi alpha");
        }
    }

    @Provide
    Arbitrary<DType> floats() {
        return Arbitraries.of(FLOATS);
    }

    @Provide
    Arbitrary<Layout> layouts() {
        return Arbitraries.of(Layout.values());
    }

    @Test
    void addWithAlphaWritesInPlaceBumpsVersionAndRefusesIntegers() {
        try (Scope s = Scope.open()) {
            Tensor p = Tensor.of(new float[]{1, 2, 3});
            Tensor g = Tensor.of(new float[]{10, 20, 30});
            int v = p.version();
            p.addi(g, -0.1);
            assertArrayEquals(new float[]{0, 0, 0}, p.toFloatArray(), 1e-6f);
            assertTrue(p.version() > v);
            assertEquals("tensor([21., 42., 63.])", Tensor.of(new float[]{1, 2, 3}).add(g, 2).toString());
            // mixed dtypes promote as torch.add does
            assertEquals(DType.FLOAT64, Tensor.of(new float[]{1}).add(Tensor.of(new double[]{1}), 2).dtype());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Tensor.arange(3).add(Tensor.arange(3), 2.0));
            assertEquals("For integral input tensors, argument alpha must not be a floating point number.", e.getMessage());
            // large enough to split across threads
            Tensor big = Tensor.ones(600_003);
            big.addi(Tensor.full(2.0, 600_003), 0.5);
            assertEquals(2.0 * 600_003, big.sum().item(), 1.0);
        }
    }

    // ------------------------------------------------------------------ threshold_backward

    @Property(tries = 60)
    void thresholdBackwardMatchesReference(@ForAll("floats") DType t, @ForAll @IntRange(min = 0, max = 5) int rank,
                                           @ForAll("layouts") Layout lg, @ForAll("layouts") Layout ly, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        try (Scope s = Scope.open()) {
            long[] shape = randomShape(r, rank);
            long n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
            double[] gv = values(r, n);
            double[] yv = values(r, n);
            double th = r.nextBoolean() ? 0 : 0.5;
            Tensor g = make(gv, t, shape, lg);
            Tensor y = make(yv, t, shape, ly);
            double[] gr = read(g);
            double[] yr = read(y);
            double[] expected = new double[(int) n];
            for (int i = 0; i < n; i++) {
                expected[i] = yr[i] <= round(th, t) ? 0 : gr[i];
            }
            Tensor out = g.thresholdBackward(y, th);
            assertEquals(t, out.dtype());
            assertArrayEquals(shape, out.shape());
            assertArrayEquals(expected, read(out), 0.0);
        }
    }

    @Test
    void thresholdBackwardIsReluGradient() {
        try (Scope s = Scope.open()) {
            Tensor y = Tensor.of(new float[]{-1, 0, 2, Float.NaN}).relu();
            Tensor g = Tensor.of(new float[]{5, 6, 7, 8});
            // y <= 0 gets 0; NaN passes the gradient, as PyTorch's threshold_backward
            assertEquals("tensor([0., 0., 7., 8.])", g.thresholdBackward(y, 0).toString());
            Tensor big = Tensor.randn(600_001);
            Tensor gb = Tensor.randn(600_001);
            assertTrue(gb.thresholdBackward(big, 0).equal(Tensor.where(big.le(0.0), 0.0, gb)));
        }
    }

    // ------------------------------------------------------------------ log_softmax

    private static double[] refLogSoftmax(double[] x, long[] shape, int d) {
        double[] out = new double[x.length];
        long inner = 1;
        for (int i = d + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        long len = shape.length == 0 ? 1 : shape[d];
        long outer = x.length / Math.max(1, len * inner);
        for (long o = 0; o < outer; o++) {
            for (long in = 0; in < inner; in++) {
                double max = Double.NEGATIVE_INFINITY;
                for (long k = 0; k < len; k++) {
                    max = Math.max(max, x[(int) ((o * len + k) * inner + in)]);
                }
                double sum = 0;
                for (long k = 0; k < len; k++) {
                    sum += Math.exp(x[(int) ((o * len + k) * inner + in)] - max);
                }
                double ls = Math.log(sum);
                for (long k = 0; k < len; k++) {
                    int at = (int) ((o * len + k) * inner + in);
                    out[at] = x[at] - max - ls;
                }
            }
        }
        return out;
    }

    @Property(tries = 60)
    void logSoftmaxAndBackwardMatchReference(@ForAll("floats") DType t, @ForAll @IntRange(min = 1, max = 4) int rank,
                                             @ForAll("layouts") Layout layout, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        try (Scope s = Scope.open()) {
            long[] shape = randomShape(r, rank);
            for (int i = 0; i < rank; i++) {
                shape[i] = Math.max(1, shape[i]); // size-0 dims: see emptyAndZeroDim
            }
            int n = (int) Arrays.stream(shape).reduce(1, (x, y) -> x * y);
            double[] xv = new double[n];
            for (int i = 0; i < n; i++) {
                xv[i] = r.nextDouble(-30, 30);
            }
            int d = r.nextInt(rank);
            Tensor x = make(xv, t, shape, layout);
            double[] xr = read(x);
            double[] expected = refLogSoftmax(xr, shape, d);
            Tensor out = x.logSoftmax(r.nextBoolean() ? d : d - rank);
            close(expected, read(out), t, 64, "log_softmax dim " + d);
            // backward: g - exp(y) * sum(g, d)
            double[] gv = new double[n];
            for (int i = 0; i < n; i++) {
                gv[i] = r.nextDouble(-1, 1);
            }
            Tensor g = make(gv, t, shape, layout);
            double[] gr = read(g);
            double[] yr = read(out);
            Tensor gsum = g.sum(d, true).expand(shape);
            double[] sr = read(gsum);
            double[] expectedBack = new double[n];
            for (int i = 0; i < n; i++) {
                expectedBack[i] = gr[i] - Math.exp(yr[i]) * sr[i];
            }
            close(expectedBack, read(g.logSoftmaxBackward(out, d)), t, 64, "log_softmax backward dim " + d);
        }
    }

    @Test
    void logSoftmaxEdges() {
        try (Scope s = Scope.open()) {
            assertEquals("tensor(0.)", Tensor.scalar(3.0).logSoftmax(0).toString());
            assertArrayEquals(new long[]{0, 10}, Tensor.zeros(0, 10).logSoftmax(1).shape());
            // large logits do not overflow; a row of -inf is NaN, as in PyTorch
            float[] row = Tensor.of(new float[][]{{1000, 1000}}).logSoftmax(1).toFloatArray();
            assertArrayEquals(new float[]{(float) -Math.log(2), (float) -Math.log(2)}, row, 1e-6f);
            float inf = Float.NEGATIVE_INFINITY;
            assertTrue(Float.isNaN(Tensor.of(new float[][]{{inf, inf}}).logSoftmax(1).toFloatArray()[0]));
            assertThrows(IndexOutOfBoundsException.class, () -> Tensor.zeros(2, 3).logSoftmax(2));
            assertThrows(IllegalArgumentException.class, () -> Tensor.arange(3).logSoftmax(0));
            // many rows: split across threads, same values as one row at a time
            Tensor big = Tensor.randn(40000, 17);
            Tensor all = big.logSoftmax(1);
            assertTrue(all.get("1234").allclose(big.get("1234:1235").logSoftmax(1).reshape(17), 1e-6, 1e-6));
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        int threads = Engine.threads();
        try (Scope s = Scope.open()) {
            Tensor.manualSeed(7);
            Tensor a = Tensor.randn(600_001);
            Tensor b = Tensor.randn(600_001);
            Tensor x = Tensor.randn(30_000, 17);
            Tensor[][] results = new Tensor[2][];
            for (int t = 1; t <= 2; t++) {
                Engine.setThreads(t);
                Tensor ls = x.logSoftmax(1);
                results[t - 1] = new Tensor[]{a.add(b, -0.3), b.thresholdBackward(a, 0), ls, x.logSoftmaxBackward(ls, 1)};
            }
            // add and threshold exactly; the log-softmax rows to an ulp or two: exp's vector code
            // (SVML) and its interpreted form differ in the last bit, and C2 may compile the
            // kernel between the two runs
            assertTrue(results[0][0].equal(results[1][0]), "add");
            assertTrue(results[0][1].equal(results[1][1]), "threshold_backward");
            assertTrue(results[0][2].allclose(results[1][2], 1e-6, 1e-6), "log_softmax");
            assertTrue(results[0][3].allclose(results[1][3], 1e-6, 1e-6), "log_softmax backward");
        } finally {
            Engine.setThreads(threads);
        }
    }

    // ------------------------------------------------------------------ nll_loss

    @Test
    void nllLossAndBackward() {
        try (Scope s = Scope.open()) {
            for (DType t : FLOATS) {
                Tensor x = Tensor.of(new double[][]{{-1, -2, -3}, {-4, -5, -6}}).to(t);
                Tensor target = Tensor.of(new long[]{2, 0});
                assertEquals(3.5, x.nllLoss(target).item(), 1e-6);
                assertEquals(0, x.nllLoss(target).dim());
                assertEquals(3.5, x.t().contiguous().t().nllLoss(target.to(DType.INT32)).item(), 1e-6);
                Tensor g = Tensor.scalar(2.0).to(t).nllLossBackward(x, target);
                assertEquals(t, g.dtype());
                assertArrayEquals(new double[]{0, 0, -1, -1, 0, 0}, g.to(DType.FLOAT64).toDoubleArray(), 0);
            }
            assertTrue(Double.isNaN(Tensor.zeros(0, 3).nllLoss(Tensor.zeros(DType.INT64, 0)).item()));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Tensor.zeros(2, 3).nllLoss(Tensor.of(new long[]{0, 3})));
            assertEquals("Target 3 is out of bounds (3 classes).", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).nllLoss(Tensor.of(new long[]{0})));
            assertEquals("Expected input batch_size (2) to match target batch_size (1).", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).nllLoss(Tensor.of(new float[]{0, 1})));
        }
    }
}
