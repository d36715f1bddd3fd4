package dev.vectorgrad.engine;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code to(dtype)} and copies between dtypes, contiguous and strided, for every pair of dtypes,
 * element for element against {@link DType#convert} (PyTorch's one rounding step), on values
 * that include NaN, infinities, -0.0, fractions of both signs and values out of the target's range.
 */
class ConvertProperties {
    private static final double[] EDGES = {0.0, -0.0, 0.5, -0.5, 1.5, -2.5, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 3e9, -3e9, 1e20, -1e20, 16777217, 1L << 53, Float.MIN_VALUE, Double.MAX_VALUE};

    @Property(tries = 40)
    void everyPairConvertsElementForElementLikeTheScalarReference(@ForAll @IntRange(min = 0, max = 300) int n,
                                                                  @ForAll boolean strided, @ForAll long seed) {
        Random r = new Random(seed);
        double[] values = new double[n];
        long[] longs = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = r.nextInt(4) == 0 ? EDGES[r.nextInt(EDGES.length)] : (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(12));
            longs[i] = r.nextInt(4) == 0 ? r.nextLong() : r.nextInt(2001) - 1000;
        }
        for (DType from : DType.values()) {
            for (DType to : DType.values()) {
                try (Scope s = Scope.open()) {
                    Tensor src = from.isFloatingPoint() ? Tensor.of(values).to(from) : Tensor.of(longs).to(from);
                    if (strided) {
                        // the second column of an (n, 2) stack: a source with a step of 2
                        src = Tensor.stack(1, src, src).select(1, 1);
                    }
                    Tensor out = src.to(to).contiguous(); // to(own dtype) is the view itself
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment want = arena.allocate(Math.max(1, (long) n * to.byteSize()));
                        MemorySegment in = src.contiguous().segment();
                        for (int i = 0; i < n; i++) {
                            DType.convert(from, in, (long) i * from.byteSize(), to, want, (long) i * to.byteSize());
                        }
                        MemorySegment got = out.segment();
                        for (int i = 0; i < n; i++) {
                            long off = (long) i * to.byteSize();
                            assertEquals(to.getLong(want, off), to.getLong(got, off), from + " -> " + to + " element " + i);
                            if (to.isFloatingPoint()) {
                                assertEquals(Double.doubleToRawLongBits(to.getDouble(want, off)),
                                        Double.doubleToRawLongBits(to.getDouble(got, off)), from + " -> " + to + " element " + i);
                            }
                        }
                    }
                }
            }
        }
    }
}
