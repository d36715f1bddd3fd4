package dev.vectorgrad.engine.kernel;

import java.lang.foreign.MemorySegment;

/**
 * One row of an elementwise unary op: {@code n} elements of out and a at byte offsets with byte
 * strides. {@code p0} and {@code p1} carry the op's parameters (clamp's bounds), unused by most:
 * floating kernels read them as values, integral ones as the bits of a long
 * ({@link Double#longBitsToDouble}), so that every int64 bound is exact. Implementations are
 * generated, one per op and dtype.
 */
public interface UnaryKernel {
    void run(MemorySegment o, long oo, long os, MemorySegment a, long ao, long as, long n, double p0, double p1);

    /**
     * {@code rows} rows of {@link #run} at once: row r of out and a starts {@code r} pitches (bytes,
     * {@code op}, {@code ap}) after its offset (see {@link BinaryKernel#rows}).
     */
    default void rows(MemorySegment o, long oo, long os, long op, MemorySegment a, long ao, long as, long ap, long n,
                      long rows, double p0, double p1) {
        for (long r = 0; r < rows; r++, oo += op, ao += ap) {
            run(o, oo, os, a, ao, as, n, p0, p1);
        }
    }
}
