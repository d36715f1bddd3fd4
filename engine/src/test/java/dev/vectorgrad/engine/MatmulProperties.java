package dev.vectorgrad.engine;

import dev.vectorgrad.engine.MatmulCheck.Layout;
import dev.vectorgrad.engine.MatmulCheck.OutLayout;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * mm, mv and matmul against a naive float64 reference, within the bound {@link MatmulCheck}
 * states: random M, N, K in 1..300 (1, primes and tile multiples +-1 among them), transposed,
 * stepped and offset operands, out= in every layout, every dtype; batched products with
 * broadcast batch dims and 1-D operands.
 */
class MatmulProperties {
    record MmCase(int m, int n, int k, DType type, Layout a, Layout b, OutLayout out, long seed) {
    }

    /** Sizes: uniform in 1..300, plus the ones kernels get wrong: 1, primes, multiples of the tiles +-1. */
    private static Arbitrary<Integer> size() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 300),
                Arbitraries.of(1, 2, 3, 5, 6, 7, 11, 13, 17, 31, 47, 63, 64, 65, 97, 127, 128, 129, 191, 193, 255, 256, 257, 293));
    }

    @Provide
    Arbitrary<MmCase> mmCases() {
        Arbitrary<DType> types = Arbitraries.of(DType.FLOAT32, DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64);
        return Combinators.combine(size(), size(), size(), types, Arbitraries.of(Layout.class), Arbitraries.of(Layout.class),
                Arbitraries.of(OutLayout.class), Arbitraries.longs()).as(MmCase::new);
    }

    @Property(tries = 60)
    void mmMatchesTheReference(@ForAll("mmCases") MmCase c) {
        try (Scope scope = Scope.open()) {
            Random r = new Random(c.seed());
            double[] av = MatmulCheck.values(c.m() * c.k(), c.type(), r);
            double[] bv = MatmulCheck.values(c.k() * c.n(), c.type(), r);
            Tensor a = MatmulCheck.matrix(av, c.m(), c.k(), c.type(), c.a());
            Tensor b = MatmulCheck.matrix(bv, c.k(), c.n(), c.type(), c.b());
            Tensor out = MatmulCheck.out(c.out(), c.type(), c.m(), c.n());
            Tensor got = out == null ? a.mm(b) : a.mm(b, out);
            assertArrayEquals(new long[]{c.m(), c.n()}, got.shape());
            double[] abs = new double[c.m() * c.n()];
            double[] want = MatmulCheck.reference(av, bv, c.m(), c.n(), c.k(), abs);
            MatmulCheck.assertWithinBound(want, abs, got.toDoubleArray(), c.k(), c.type(), c.toString());
        }
    }

    /** Products at most one vector wide (n <= 16 floats, 8 doubles at 512 bits) take the narrow 12-row tile. */
    @Provide
    Arbitrary<MmCase> narrowCases() {
        Arbitrary<DType> types = Arbitraries.of(DType.FLOAT32, DType.FLOAT64);
        return Combinators.combine(size(), Arbitraries.integers().between(1, 17), size(), types, Arbitraries.of(Layout.class),
                Arbitraries.of(Layout.class), Arbitraries.of(OutLayout.class), Arbitraries.longs()).as(MmCase::new);
    }

    @Property(tries = 40)
    void narrowMmMatchesTheReference(@ForAll("narrowCases") MmCase c) {
        mmMatchesTheReference(c);
    }

    @Property(tries = 60)
    void mvMatchesTheReference(@ForAll("mmCases") MmCase c) {
        try (Scope scope = Scope.open()) {
            Random r = new Random(c.seed());
            double[] av = MatmulCheck.values(c.m() * c.k(), c.type(), r);
            double[] xv = MatmulCheck.values(c.k(), c.type(), r);
            Tensor a = MatmulCheck.matrix(av, c.m(), c.k(), c.type(), c.a());
            // x as a column of the b layout: contiguous, or strided
            Tensor x = MatmulCheck.matrix(xv, c.k(), 1, c.type(), c.b()).select(1, 0);
            Tensor got = c.out() == OutLayout.STRIDED ? a.mv(x, Tensor.zeros(c.type(), 2L * c.m()).slice(0, 0, 2L * c.m(), 2))
                    : c.out() == OutLayout.NEW ? a.mv(x) : a.matmul(x);
            assertArrayEquals(new long[]{c.m()}, got.shape());
            double[] abs = new double[c.m()];
            double[] want = MatmulCheck.reference(av, xv, c.m(), 1, c.k(), abs);
            MatmulCheck.assertWithinBound(want, abs, got.toDoubleArray(), c.k(), c.type(), c.toString());
        }
    }

    record BatchCase(long[] aShape, long[] bShape, DType type, boolean aTransposed, long seed) {
        @Override
        public String toString() {
            return Arrays.toString(aShape) + " @ " + Arrays.toString(bShape) + " " + type + (aTransposed ? " (a transposed)" : "") + " seed " + seed;
        }
    }

    @Provide
    Arbitrary<BatchCase> batchCases() {
        Arbitrary<long[]> batch = Arbitraries.longs().between(1, 3).array(long[].class).ofMinSize(0).ofMaxSize(3);
        Arbitrary<Integer> dim = Arbitraries.integers().between(1, 9);
        Arbitrary<DType> types = Arbitraries.of(DType.FLOAT32, DType.FLOAT64, DType.INT64);
        return Combinators.combine(batch, dim, dim, dim, Arbitraries.integers().between(0, 5), types, Arbitraries.of(true, false),
                Arbitraries.longs()).as((bt, n, k, p, kind, type, tr, seed) -> {
                    Random r = new Random(seed);
                    long[] ba = broadcastable(bt, r);
                    long[] bb = broadcastable(bt, r);
                    // kind picks 1-D operands now and then: 0 = a is 1-D, 1 = b is 1-D
                    long[] aShape = kind == 0 ? new long[]{k} : concat(ba, n, k);
                    long[] bShape = kind == 1 ? new long[]{k} : concat(bb, k, p);
                    return new BatchCase(aShape, bShape, type, tr && aShape.length >= 2, seed);
                });
    }

    @Property(tries = 150)
    void batchedMatmulMatchesPerMatrixReference(@ForAll("batchCases") BatchCase c) {
        try (Scope scope = Scope.open()) {
            Random r = new Random(c.seed());
            double[] av = MatmulCheck.values((int) numel(c.aShape()), c.type(), r);
            double[] bv = MatmulCheck.values((int) numel(c.bShape()), c.type(), r);
            Tensor a = Tensor.of(av).to(c.type()).reshape(c.aShape());
            if (c.aTransposed()) {
                // the same values, stored transposed in the last two dims
                int d = c.aShape().length;
                a = a.transpose(d - 2, d - 1).contiguous().transpose(d - 2, d - 1);
            }
            Tensor b = Tensor.of(bv).to(c.type()).reshape(c.bShape());
            Tensor got = a.matmul(b);
            long[] expectedShape = matmulShape(c.aShape(), c.bShape());
            assertArrayEquals(expectedShape, got.shape(), c.toString());
            double[] abs = new double[(int) numel(expectedShape)];
            double[] want = batchedReference(av, c.aShape(), bv, c.bShape(), abs);
            int k = (int) c.aShape()[c.aShape().length - 1];
            MatmulCheck.assertWithinBound(want, abs, got.toDoubleArray(), k, c.type(), c.toString());
        }
    }

    /** torch.matmul's result shape, written out from its documentation. */
    static long[] matmulShape(long[] a, long[] b) {
        long[] aM = a.length == 1 ? new long[]{1, a[0]} : a;
        long[] bM = b.length == 1 ? new long[]{b[0], 1} : b;
        long[] batch = BinaryProperties.broadcastShape(Arrays.copyOf(aM, aM.length - 2), Arrays.copyOf(bM, bM.length - 2));
        long[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = aM[aM.length - 2];
        out[batch.length + 1] = bM[bM.length - 1];
        if (b.length == 1) {
            out = Arrays.copyOf(out, out.length - 1);
        }
        if (a.length == 1) {
            long[] o = new long[out.length - 1];
            System.arraycopy(out, 0, o, 0, out.length - 2);
            o[o.length - 1] = out[out.length - 1];
            out = o;
        }
        return out;
    }

    /** Per batch entry (broadcast by index arithmetic), the naive product. */
    private static double[] batchedReference(double[] av, long[] a, double[] bv, long[] b, double[] abs) {
        long[] aM = a.length == 1 ? new long[]{1, a[0]} : a;
        long[] bM = b.length == 1 ? new long[]{b[0], 1} : b;
        long[] ab = Arrays.copyOf(aM, aM.length - 2);
        long[] bb = Arrays.copyOf(bM, bM.length - 2);
        long[] batch = BinaryProperties.broadcastShape(ab, bb);
        int n = (int) aM[aM.length - 2];
        int k = (int) aM[aM.length - 1];
        int p = (int) bM[bM.length - 1];
        int entries = (int) numel(batch);
        double[] out = new double[entries * n * p];
        long[] idx = new long[batch.length];
        for (int e = 0; e < entries; e++) {
            long rem = e;
            for (int d = batch.length - 1; d >= 0; d--) {
                idx[d] = rem % batch[d];
                rem /= batch[d];
            }
            int ae = entry(idx, ab);
            int be = entry(idx, bb);
            double[] aMat = Arrays.copyOfRange(av, ae * n * k, (ae + 1) * n * k);
            double[] bMat = Arrays.copyOfRange(bv, be * k * p, (be + 1) * k * p);
            double[] absE = new double[n * p];
            double[] c = MatmulCheck.reference(aMat, bMat, n, p, k, absE);
            System.arraycopy(c, 0, out, e * n * p, n * p);
            System.arraycopy(absE, 0, abs, e * n * p, n * p);
        }
        return out;
    }

    /** The row-major entry number of a broadcast operand's batch for an output batch index. */
    private static int entry(long[] idx, long[] shape) {
        int lead = idx.length - shape.length;
        int e = 0;
        for (int d = 0; d < shape.length; d++) {
            e = (int) (e * shape[d] + (shape[d] == 1 ? 0 : idx[lead + d]));
        }
        return e;
    }

    /** {@code full} without some leading dims and with some dims set to 1: a shape that broadcasts to it. */
    private static long[] broadcastable(long[] full, Random r) {
        long[] s = Arrays.copyOfRange(full, full.length == 0 ? 0 : r.nextInt(full.length + 1), full.length);
        for (int i = 0; i < s.length; i++) {
            s[i] = r.nextInt(4) == 0 ? 1 : s[i];
        }
        return s;
    }

    private static long[] concat(long[] batch, long x, long y) {
        long[] s = Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = x;
        s[batch.length + 1] = y;
        return s;
    }

    private static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
