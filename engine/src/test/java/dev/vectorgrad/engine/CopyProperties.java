package dev.vectorgrad.engine;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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

    private static Tensor base(int[] shape, DType type) {
        Tensor t = ViewProperties.arange(shape, type == DType.BOOL ? DType.INT64 : type);
        return type == DType.BOOL ? t.remainder(2L).to(DType.BOOL) : t;
    }

    private static long[] expected(long[] values, DType type) {
        return type == DType.BOOL ? Arrays.stream(values).map(v -> v % 2).toArray() : values;
    }

    @Provide
    Arbitrary<int[]> shapes() {
        Arbitrary<Integer> size = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0)),
                Tuple.of(3, Arbitraries.just(1)),
                Tuple.of(8, Arbitraries.integers().between(2, 6)));
        return size.list().ofMaxSize(4).map(l -> l.stream().mapToInt(Integer::intValue).toArray());
    }

    @Provide
    Arbitrary<Integer> sides() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 40), Arbitraries.integers().between(250, 530));
    }
}
