package dev.vectorgrad.bench.limit;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The arithmetic ceiling: fused multiply-adds on {@code FloatVector.SPECIES_PREFERRED} that never
 * touch memory. Run with one thread for one core's peak, with all for the machine's.
 *
 * <p>An FMA has a latency of about 4 cycles and current cores retire two (x86) to four (Arm
 * Neoverse) per cycle, so a single dependency chain would measure latency, not throughput: the
 * loop keeps 16 independent accumulators when the ISA has 32 vector registers (AVX-512, NEON,
 * SVE) and 12 when it has 16 (AVX2), leaving room for the two constants without spilling.
 * Each accumulator iterates {@code x = x * M + C}, which converges to 1 and so never drifts
 * into subnormals or infinities, whose slow paths would understate the peak. The accumulators
 * start from different values read from a field: equal starts would let C2 prove the chains
 * identical and merge them into one.
 */
public class FmaPeak extends FlopProbe {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    /** 32 architectural vector registers: AVX-512 (x86 with 512-bit species) and all of AArch64. */
    static final boolean WIDE_REGISTER_FILE =
            SPECIES.vectorBitSize() >= 512 || "aarch64".equals(System.getProperty("os.arch"));

    static final int ACCUMULATORS = WIDE_REGISTER_FILE ? 16 : 12;

    /** Loop trips per invocation: long enough to hide the call, short enough for fine timing. */
    static final int STEPS = 1024;

    /** Flops per invocation: two per lane per FMA. */
    public static final long FLOPS = 2L * SPECIES.length() * ACCUMULATORS * STEPS;

    private final FloatVector m = FloatVector.broadcast(SPECIES, 0.999f);
    private final FloatVector c = FloatVector.broadcast(SPECIES, 0.001f);
    private final float[] starts = new float[16];

    public FmaPeak() {
        for (int k = 0; k < starts.length; k++) {
            starts[k] = 0.5f + k / 64f;
        }
    }

    @Benchmark
    public float fma(Done done) {
        done.flops += FLOPS;
        return WIDE_REGISTER_FILE ? fma16(starts, m, c) : fma12(starts, m, c);
    }

    private static FloatVector start(float[] starts, int k) {
        return FloatVector.broadcast(SPECIES, starts[k]);
    }

    private static float fma16(float[] s0, FloatVector m, FloatVector c) {
        FloatVector x0 = start(s0, 0), x1 = start(s0, 1), x2 = start(s0, 2), x3 = start(s0, 3);
        FloatVector x4 = start(s0, 4), x5 = start(s0, 5), x6 = start(s0, 6), x7 = start(s0, 7);
        FloatVector x8 = start(s0, 8), x9 = start(s0, 9), x10 = start(s0, 10), x11 = start(s0, 11);
        FloatVector x12 = start(s0, 12), x13 = start(s0, 13), x14 = start(s0, 14), x15 = start(s0, 15);
        for (int i = 0; i < STEPS; i++) {
            x0 = x0.fma(m, c); x1 = x1.fma(m, c); x2 = x2.fma(m, c); x3 = x3.fma(m, c);
            x4 = x4.fma(m, c); x5 = x5.fma(m, c); x6 = x6.fma(m, c); x7 = x7.fma(m, c);
            x8 = x8.fma(m, c); x9 = x9.fma(m, c); x10 = x10.fma(m, c); x11 = x11.fma(m, c);
            x12 = x12.fma(m, c); x13 = x13.fma(m, c); x14 = x14.fma(m, c); x15 = x15.fma(m, c);
        }
        FloatVector s = x0.add(x1).add(x2).add(x3).add(x4).add(x5).add(x6).add(x7)
                .add(x8).add(x9).add(x10).add(x11).add(x12).add(x13).add(x14).add(x15);
        return s.lane(0);
    }

    private static float fma12(float[] s0, FloatVector m, FloatVector c) {
        FloatVector x0 = start(s0, 0), x1 = start(s0, 1), x2 = start(s0, 2), x3 = start(s0, 3);
        FloatVector x4 = start(s0, 4), x5 = start(s0, 5), x6 = start(s0, 6), x7 = start(s0, 7);
        FloatVector x8 = start(s0, 8), x9 = start(s0, 9), x10 = start(s0, 10), x11 = start(s0, 11);
        for (int i = 0; i < STEPS; i++) {
            x0 = x0.fma(m, c); x1 = x1.fma(m, c); x2 = x2.fma(m, c);
            x3 = x3.fma(m, c); x4 = x4.fma(m, c); x5 = x5.fma(m, c);
            x6 = x6.fma(m, c); x7 = x7.fma(m, c); x8 = x8.fma(m, c);
            x9 = x9.fma(m, c); x10 = x10.fma(m, c); x11 = x11.fma(m, c);
        }
        FloatVector s = x0.add(x1).add(x2).add(x3).add(x4).add(x5)
                .add(x6).add(x7).add(x8).add(x9).add(x10).add(x11);
        return s.lane(0);
    }
}
