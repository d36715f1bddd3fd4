package dev.vectorgrad.bench.limit;

/**
 * What bounds an operation on this machine, and how much of it one element of the operation
 * uses. The report divides an implementation's rate by the ceiling of the same kind measured in
 * the same run, at the same operand size and thread count.
 *
 * @param kind       which measured ceiling applies
 * @param perElement bytes (memory kinds) or flops (compute) per unit of work
 * @param exponent   how work grows with the op's size: 1 for elementwise ops and reductions
 *                   (size = elements), 3 for an n x n matrix product (size = n, 2n^3 flops)
 */
public record Limit(Kind kind, double perElement, int exponent) {

    /** The ceilings the limit probes measure. */
    public enum Kind {
        /** {@code MemorySegment.copy}: bytes read plus bytes written per second. */
        COPY("GB/s"),
        /**
         * A Vector API load/store loop copying the same bytes: bytes read plus written per second.
         * Its stores, like every store Java code can make, read each line of the destination before
         * writing it, where {@code MemorySegment.copy} may not (see {@link MemoryBandwidth}); it is
         * shown beside {@link #COPY}, never used as a row's limit.
         */
        COPY_LOOP("GB/s"),
        /** {@code MemorySegment.mismatch} of two equal segments: bytes read per second. */
        READ("GB/s"),
        /** Register-only fused multiply-adds: flops per second (an FMA is two). */
        FMA("GFLOP/s"),
        /**
         * The engine's GEMM micro-kernel alone, operands in L1 (see {@link MicroKernel}): shown
         * beside {@link #FMA}, never used as a row's limit.
         */
        KERNEL("GFLOP/s");

        private final String unit;

        Kind(String unit) {
            this.unit = unit;
        }

        /** Whether the probe counts flops (its rate does not depend on an operand size). */
        public boolean compute() {
            return this == FMA || this == KERNEL;
        }

        /** The unit of {@link Ceiling#rate()} / 1e9. */
        public String unit() {
            return unit;
        }
    }

    /** Streams memory: {@code bytesPerElement} read plus written, against copy bandwidth. */
    public static Limit copy(double bytesPerElement) {
        return new Limit(Kind.COPY, bytesPerElement, 1);
    }

    /** Only reads memory (reductions), against read bandwidth. */
    public static Limit read(double bytesPerElement) {
        return new Limit(Kind.READ, bytesPerElement, 1);
    }

    /** Bound by arithmetic, against the FMA peak: {@code flops * size^exponent} per op. */
    public static Limit fma(double flops, int exponent) {
        return new Limit(Kind.FMA, flops, exponent);
    }

    /** Bytes or flops one operation of {@code size} costs. */
    public double work(long size) {
        return perElement * Math.pow(size, exponent);
    }
}
