package dev.vectorgrad.engine;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Copies of views ({@code contiguous}, {@code clone}, {@code assign}) in every dtype against the
 * plain reference of {@link RefArray}: same-dtype copies run on the elementwise walk (vector
 * loops, tiles for transposed sources, threads), bool on the element-by-element loop.
 */
class CopyProperties {

    @Property(tries = 200)
    void contiguousCopiesOfViewChainsHoldTheViewsValues(@ForAll("shapes") int[] shape, @ForAll Random r) {
        for (DType type : DType.values()) {
            try (Scope s = Scope.open()) {
                Tensor t = base(shape, type);
                ViewProperties.Viewed x = new ViewProperties.Viewed(t, RefArray.arange(shape), type + " " + Arrays.toString(shape));
                for (int k = 1 + r.nextInt(3); k > 0; k--) {
                    x = ViewProperties.Gen.randomView(x, r, ViewProperties.VIEWS);
                }
                Tensor copy = r.nextBoolean() ? x.tensor().contiguous() : x.tensor().clone();
                assertArrayEquals(x.ref().shapeAsLongs(), copy.shape(), x.desc());
                assertArrayEquals(expected(x.ref().values(), type), copy.toLongArray(), x.desc());
            }
        }
    }

    /** Big enough for whole tiles and ragged edges of the tiled walk, with and without a step. */
    @Property(tries = 25)
    void transposedAndSteppedSourcesOfEveryDtypeCopyIntoAnyLayout(@ForAll("sides") int rows, @ForAll("sides") int cols,
                                                                 @ForAll Random r) {
        for (DType type : DType.values()) {
            try (Scope s = Scope.open()) {
                int[] shape = {rows, cols};
                Tensor t = base(shape, type);
                RefArray ref = RefArray.arange(shape);
                Tensor src = t.t();
                RefArray want = ref.transpose(0, 1);
                if (r.nextBoolean() && cols > 1) {
                    src = src.get("::2");
                    want = want.index(java.util.List.of(new RefArray.Slice(null, null, 2L)));
                }
                Tensor dst = Tensor.empty(type, src.shape());
                if (r.nextBoolean()) {
                    // a transposed destination too: the copy walks in its order
                    dst = Tensor.empty(type, src.shape()[1], src.shape()[0]).t();
                }
                dst.assign(src);
                String what = type + " " + rows + "x" + cols + " transposed" + (want.shape[0] != cols ? ", stepped" : "");
                assertArrayEquals(expected(want.values(), type), dst.toLongArray(), what);
            }
        }
    }

    /** fill_ on whole tensors (every length around the vector width) and on views, each value as putDouble/putLong converts it. */
    @Property(tries = 150)
    void fillWritesTheConvertedValueIntoTheViewAndNothingElse(@ForAll("sides") int n, @ForAll Random r) {
        double[] doubles = {0.0, -0.0, 1.5, -2.75, Double.NaN, 3e9, -1e20, 16777217.0};
        long[] longs = {0, 1, -7, 16777217L, Long.MAX_VALUE, Integer.MIN_VALUE - 5L};
        for (DType type : DType.values()) {
            try (Scope s = Scope.open()) {
                boolean integral = r.nextBoolean();
                double dv = doubles[r.nextInt(doubles.length)];
                long lv = longs[r.nextInt(longs.length)];
                int cols = 1 + r.nextInt(3);
                Tensor t = Tensor.zeros(type, n, cols);
                // the whole tensor, a column (stride cols), or rows [1, n) (contiguous, offset)
                int view = r.nextInt(3);
                Tensor v = view == 0 ? t : view == 1 ? t.select(1, cols - 1) : t.get("1:");
                if (integral) {
                    v.fill(lv);
                } else {
                    v.fill(dv);
                }
                try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
                    java.lang.foreign.MemorySegment one = arena.allocate(8);
                    if (integral) {
                        type.putLong(one, 0, lv);
                    } else {
                        type.putDouble(one, 0, dv);
                    }
                    long want = type.getLong(one, 0);
                    long wantBits = Double.doubleToRawLongBits(type.getDouble(one, 0));
                    java.lang.foreign.MemorySegment all = t.segment();
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < cols; j++) {
                            boolean inView = view == 0 || (view == 1 ? j == cols - 1 : i >= 1);
                            long off = ((long) i * cols + j) * type.byteSize();
                            String what = type + " " + n + "x" + cols + " view " + view + " (" + i + ", " + j + ")";
                            if (inView) {
                                assertEquals(want, type.getLong(all, off), what);
                                assertEquals(wantBits, Double.doubleToRawLongBits(type.getDouble(all, off)), what);
                            } else {
                                assertEquals(0L, type.getLong(all, off), what + " is outside the view");
                            }
                        }
                    }
                }
            }
        }
    }

    private static Tensor base(int[] shape, DType type) {
        Tensor t = ViewProperties.arange(shape, type == DType.BOOL ? DType.INT64 : type);
        return type == DType.BOOL ? t.remainder(2L).to(DType.BOOL) : t;
    }

    private static long[] expected(long[] values, DType type) {
        return type == DType.BOOL ? Arrays.stream(values).map(v -> v % 2).toArray() : values;
    }

    @Provide
    Arbitrary<int[]> shapes() {
        return new ViewProperties().shapes(); // 0-5 dims, sizes 0, 1 and 2-5
    }

    @Provide
    Arbitrary<Integer> sides() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 40), Arbitraries.integers().between(250, 530));
    }
}
