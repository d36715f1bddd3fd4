package dev.vectorgrad.engine;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The tiled walk (an input contiguous along an outer dim, {@code a + b.t()}) against a plain
 * reference: 2-D and 3-D shapes whose sizes sit on and around the tile edges (tiles are 256 rows
 * by 256 KiB / 256 / element size columns; heap buffers of 16 columns), every operand (the output too) in a random memory
 * order of its dims, some dims broadcast, every dtype; binary ops fresh, into out and in place,
 * a unary op, a comparison and where. Values are small integers, exact in every dtype.
 */
class TiledProperties {
    /** REMAINDER_OUT has no vector loop and ADD_SCALAR_OUT a scalar operand: their tiles go row by row. */
    enum Kind { ADD, MUL_OUT, SUB_IN_PLACE, NEG, LT, WHERE, REMAINDER_OUT, ADD_SCALAR_OUT }


    record Case(long[] shape, DType type, Kind kind, int[] aPerm, int[] bPerm, int[] oPerm, int bBroadcast, long seed) {
        @Override
        public String toString() {
            return kind + " " + type + Arrays.toString(shape) + " a" + Arrays.toString(aPerm) + " b" + Arrays.toString(bPerm)
                    + " out" + Arrays.toString(oPerm) + " b broadcast along " + bBroadcast + " seed " + seed;
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<long[]> shapes = Arbitraries.of(1L, 2L, 3L, 15L, 16L, 17L, 33L, 127L, 128L, 129L, 255L, 256L, 257L).array(long[].class).ofMinSize(2).ofMaxSize(3)
                .filter(s -> BinaryProperties.numel(s) <= 70_000);
        Arbitrary<DType> types = Arbitraries.of(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64, DType.BOOL);
        return Combinators.combine(shapes, types, Arbitraries.of(Kind.class), Arbitraries.longs())
                .as((shape, type, kind, seed) -> {
                    Random r = new Random(seed);
                    int rank = shape.length;
                    // mostly a transposed b, so most cases tile; sometimes a broadcast dim in b
                    int[] bPerm = r.nextInt(4) == 0 ? permutation(rank, r) : reverse(rank);
                    int bBroadcast = r.nextInt(4) == 0 ? r.nextInt(rank) : -1;
                    // a double scalar makes an integer add float, which an integer out cannot hold
                    DType t = kind == Kind.ADD_SCALAR_OUT ? floating(type)
                            : kind == Kind.NEG || kind == Kind.ADD || kind == Kind.LT ? type : numeric(type);
                    return new Case(shape, t,
                            kind, permutation(rank, r), bPerm, permutation(rank, r), bBroadcast, seed);
                });
    }

    private static DType numeric(DType t) {
        return t == DType.BOOL ? DType.INT32 : t;
    }

    private static DType floating(DType t) {
        return t == DType.FLOAT64 ? t : DType.FLOAT32;
    }

    @Property(tries = 120)
    void tiledWalksMatchTheReference(@ForAll("cases") Case c) {
        try (Scope scope = Scope.open()) {
            Random r = new Random(c.seed());
            long[] shape = c.shape();
            long[] bShape = shape.clone();
            if (c.bBroadcast() >= 0) {
                bShape[c.bBroadcast()] = 1;
            }
            DType t = c.type();
            double[] av = values(BinaryProperties.numel(shape), r, t);
            double[] bv = values(BinaryProperties.numel(bShape), r, t);
            Tensor a = laidOut(av, shape, c.aPerm(), t);
            Tensor b = laidOut(bv, bShape, c.bPerm(), t);
            int n = av.length;
            double[] want = new double[n];
            long[] idx = new long[shape.length];
            for (int i = 0; i < n; i++) {
                BinaryProperties.unravel(i, shape, idx);
                double x = av[i];
                double y = bv[(int) BinaryProperties.broadcastIndex(idx, shape, bShape)];
                want[i] = switch (c.kind()) {
                    case ADD -> t == DType.BOOL ? (x != 0 || y != 0 ? 1 : 0) : x + y;
                    case MUL_OUT -> x * y;
                    case SUB_IN_PLACE -> x - y;
                    case NEG -> t == DType.BOOL ? x : -y;
                    case LT -> x < y ? 1 : 0;
                    case WHERE -> x > 0 ? x : y;
                    case REMAINDER_OUT -> x - Math.floor(x / (y == 0 ? 1 : y)) * (y == 0 ? 1 : y); // b's zeros made 1
                    case ADD_SCALAR_OUT -> x + 3;
                };
            }
            Tensor result = switch (c.kind()) {
                case ADD -> a.add(b);
                case MUL_OUT -> a.mul(b, laidOut(new double[n], shape, c.oPerm(), t));
                case SUB_IN_PLACE -> a.subi(b);
                case NEG -> t == DType.BOOL ? a : (c.bBroadcast() >= 0 ? b.expand(shape) : b).neg(
                        laidOut(new double[n], shape, c.oPerm(), t));
                case LT -> a.lt(b);
                case WHERE -> Tensor.where(laidOut(positive(av), shape, c.oPerm(), DType.BOOL), a, b);
                case REMAINDER_OUT -> a.remainder(Tensor.where(b.eq(0L), 1L, b), laidOut(new double[n], shape, c.oPerm(), t));
                case ADD_SCALAR_OUT -> a.add(3, laidOut(new double[n], shape, c.oPerm(), t));
            };
            assertArrayEquals(want, result.toDoubleArray(), 0.0, c.toString());
        }
    }

    /** Tiles split across threads by the shape alone: the same bits for 1, 2 and 3 threads (and the reference). */
    @Example
    void tiledResultsDoNotDependOnTheThreadCount() {
        int threads = Engine.threads();
        try (Scope scope = Scope.open()) {
            Tensor a = Tensor.randn(700, 650);
            Tensor b = Tensor.randn(650, 700).t();
            float[] av = a.toFloatArray();
            float[] bv = b.toFloatArray();
            float[] want = new float[av.length];
            for (int i = 0; i < want.length; i++) {
                want[i] = av[i] * bv[i];
            }
            for (int t : new int[]{1, 2, 3}) {
                Engine.setThreads(t);
                assertArrayEquals(want, a.mul(b).toFloatArray(), t + " threads");
            }
        } finally {
            Engine.setThreads(threads);
        }
    }

    /** Small integers (0/1 for bool), exact in every dtype. */
    private static double[] values(long n, Random r, DType t) {
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = t == DType.BOOL ? r.nextInt(2) : r.nextInt(11) - 5;
        }
        return v;
    }

    private static double[] positive(double[] v) {
        double[] p = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            p[i] = v[i] > 0 ? 1 : 0;
        }
        return p;
    }

    /**
     * A tensor holding {@code vals} (row-major over {@code shape}) whose memory is ordered by
     * {@code perm}: dim perm[0] outermost, perm[last] contiguous. Built from a contiguous base of
     * the permuted shape, filled by index arithmetic, then permuted back.
     */
    static Tensor laidOut(double[] vals, long[] shape, int[] perm, DType type) {
        int rank = shape.length;
        long[] physShape = new long[rank];
        for (int k = 0; k < rank; k++) {
            physShape[k] = shape[perm[k]];
        }
        double[] phys = new double[vals.length];
        long[] idx = new long[rank];
        for (int i = 0; i < vals.length; i++) {
            BinaryProperties.unravel(i, shape, idx);
            long flat = 0;
            for (int k = 0; k < rank; k++) {
                flat = flat * physShape[k] + idx[perm[k]];
            }
            phys[(int) flat] = vals[i];
        }
        int[] inverse = new int[rank];
        for (int k = 0; k < rank; k++) {
            inverse[perm[k]] = k;
        }
        return Tensor.of(phys).to(type).reshape(physShape).permute(inverse);
    }

    private static int[] permutation(int rank, Random r) {
        int[] p = new int[rank];
        for (int i = 0; i < rank; i++) {
            p[i] = i;
        }
        for (int i = rank - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    private static int[] reverse(int rank) {
        int[] p = new int[rank];
        for (int i = 0; i < rank; i++) {
            p[i] = rank - 1 - i;
        }
        return p;
    }
}
