package dev.vectorgrad.engine.kernel;

import java.lang.foreign.MemorySegment;

/**
 * One row of an elementwise binary op: {@code n} elements of out, a and b, each at a byte offset
 * with a byte stride (0 = broadcast). Implementations are generated, one per op and dtype.
 */
public interface BinaryKernel {
    void run(MemorySegment o, long oo, long os, MemorySegment a, long ao, long as,
             MemorySegment b, long bo, long bs, long n);

    /**
     * {@code rows} rows of {@link #run} at once: row r of an operand starts {@code r} pitches (bytes,
     * {@code op}, {@code ap}, {@code bp}) after its offset. The tiled walk hands over a whole tile in
     * one call; generated kernels run the contiguous case as one loop nest.
     */
    default void rows(MemorySegment o, long oo, long os, long op, MemorySegment a, long ao, long as, long ap,
                      MemorySegment b, long bo, long bs, long bp, long n, long rows) {
        for (long r = 0; r < rows; r++, oo += op, ao += ap, bo += bp) {
            run(o, oo, os, a, ao, as, b, bo, bs, n);
        }
    }

    /** b is a scalar: {@code sd} for floating dtypes, {@code sl} for integral ones. */
    void runScalar(MemorySegment o, long oo, long os, MemorySegment a, long ao, long as,
                   double sd, long sl, long n);
}
