package dev.vectorgrad.bench.limit;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

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
 *
 * <p>{@link #tile} is the same arithmetic with the loads a GEMM micro-kernel needs: each step
 * broadcasts {@link #TILE_ROWS} values of a float[] and loads {@link #TILE_COLS} vectors of a
 * segment, both in L1, into {@code TILE_ROWS x TILE_COLS} accumulators (6x4 with 32 registers,
 * 6x2 with 16: the engine's tiles). It is not a ceiling a row is judged against, but beside the
 * register-only peak it separates what the loads and loop cost (on this 2-vCPU host the ratio
 * ran from 0.67 to 1.0 as the host's load changed, while a product's share of the tile loop
 * stayed put) from what cache blocking and packing cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class FmaPeak {

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
    private final float[] starts = new float[24];

    static final int TILE_ROWS = 6;
    static final int TILE_COLS = WIDE_REGISTER_FILE ? 4 : 2;
    /** Steps per invocation: the B rows fill 32 KiB, so A and B stay in a 48 KiB L1 (16 KiB at 128 bits). */
    static final int TILE_STEPS = (32 << 10) / (TILE_COLS * SPECIES.vectorByteSize());
    /** Flops per invocation of {@link #tile}. */
    public static final long TILE_FLOPS = 2L * SPECIES.length() * TILE_ROWS * TILE_COLS * TILE_STEPS;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final long VB = SPECIES.vectorByteSize();
    /** B bytes per step, a long: {@code k * STEP_BYTES} is then linear in k and C2 hoists the loads' bounds checks. */
    private static final long STEP_BYTES = TILE_COLS * VB;
    /** The step count as the engine's kernel gets kc: an argument, not a constant. */
    private final int tileSteps = TILE_STEPS;
    /** A panel: TILE_ROWS values per step. */
    private final float[] tileA = new float[TILE_ROWS * TILE_STEPS];
    /** B panel: TILE_COLS vectors per step, 64-byte aligned as the engine packs it. */
    private final MemorySegment tileB = Arena.ofAuto().allocate(TILE_STEPS * TILE_COLS * VB, 64);

    public FmaPeak() {
        for (int k = 0; k < starts.length; k++) {
            starts[k] = 0.5f + k / 64f;
        }
        // small products: TILE_STEPS of them move an accumulator by under 0.01, never to subnormals
        java.util.Arrays.fill(tileA, 0.01f);
        for (long i = 0; i < tileB.byteSize() / Float.BYTES; i++) {
            tileB.setAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, i, 0.001f * (i % 3));
        }
    }

    /** Flops done, per second once JMH divides by the iteration time (summed over threads). */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Done {
        public long flops;

        @Setup(Level.Iteration)
        public void reset() {
            flops = 0;
        }
    }

    @Benchmark
    public float fma(Done done) {
        done.flops += FLOPS;
        return WIDE_REGISTER_FILE ? fma16(starts, m, c) : fma12(starts, m, c);
    }

    /** The GEMM tile loop ({@link #TILE_FLOPS} flops per call); see the class comment. */
    @Benchmark
    public float tile(Done done) {
        done.flops += TILE_FLOPS;
        return WIDE_REGISTER_FILE ? tile6x4(starts, tileA, tileB, tileSteps) : tile6x2(starts, tileA, tileB, tileSteps);
    }

    private static FloatVector load(MemorySegment b, long offset) {
        return FloatVector.fromMemorySegment(SPECIES, b, offset, NATIVE);
    }

    private static FloatVector bcast(float[] a, int i) {
        return FloatVector.broadcast(SPECIES, a[i]);
    }

    /** Returns the sum of the accumulators' lanes, which {@link #tileReference} computes in scalars. */
    static float tile6x4(float[] s0, float[] a, MemorySegment b, int steps) {
        FloatVector c00 = start(s0, 0), c01 = start(s0, 1), c02 = start(s0, 2), c03 = start(s0, 3);
        FloatVector c10 = start(s0, 4), c11 = start(s0, 5), c12 = start(s0, 6), c13 = start(s0, 7);
        FloatVector c20 = start(s0, 8), c21 = start(s0, 9), c22 = start(s0, 10), c23 = start(s0, 11);
        FloatVector c30 = start(s0, 12), c31 = start(s0, 13), c32 = start(s0, 14), c33 = start(s0, 15);
        FloatVector c40 = start(s0, 16), c41 = start(s0, 17), c42 = start(s0, 18), c43 = start(s0, 19);
        FloatVector c50 = start(s0, 20), c51 = start(s0, 21), c52 = start(s0, 22), c53 = start(s0, 23);
        for (int k = 0; k < steps; k++) {
            int ak = k * TILE_ROWS;
            long bk = k * STEP_BYTES;
            FloatVector x0 = bcast(a, ak), x1 = bcast(a, ak + 1), x2 = bcast(a, ak + 2);
            FloatVector x3 = bcast(a, ak + 3), x4 = bcast(a, ak + 4), x5 = bcast(a, ak + 5);
            FloatVector v = load(b, bk);
            c00 = v.fma(x0, c00); c10 = v.fma(x1, c10); c20 = v.fma(x2, c20); c30 = v.fma(x3, c30); c40 = v.fma(x4, c40); c50 = v.fma(x5, c50);
            v = load(b, bk + VB);
            c01 = v.fma(x0, c01); c11 = v.fma(x1, c11); c21 = v.fma(x2, c21); c31 = v.fma(x3, c31); c41 = v.fma(x4, c41); c51 = v.fma(x5, c51);
            v = load(b, bk + 2 * VB);
            c02 = v.fma(x0, c02); c12 = v.fma(x1, c12); c22 = v.fma(x2, c22); c32 = v.fma(x3, c32); c42 = v.fma(x4, c42); c52 = v.fma(x5, c52);
            v = load(b, bk + 3 * VB);
            c03 = v.fma(x0, c03); c13 = v.fma(x1, c13); c23 = v.fma(x2, c23); c33 = v.fma(x3, c33); c43 = v.fma(x4, c43); c53 = v.fma(x5, c53);
        }
        return c00.add(c01).add(c02).add(c03).add(c10).add(c11).add(c12).add(c13)
                .add(c20).add(c21).add(c22).add(c23).add(c30).add(c31).add(c32).add(c33)
                .add(c40).add(c41).add(c42).add(c43).add(c50).add(c51).add(c52).add(c53)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    /** {@link #tile6x4} with two vectors per row, for 16 registers. */
    static float tile6x2(float[] s0, float[] a, MemorySegment b, int steps) {
        FloatVector c00 = start(s0, 0), c01 = start(s0, 1), c10 = start(s0, 2), c11 = start(s0, 3);
        FloatVector c20 = start(s0, 4), c21 = start(s0, 5), c30 = start(s0, 6), c31 = start(s0, 7);
        FloatVector c40 = start(s0, 8), c41 = start(s0, 9), c50 = start(s0, 10), c51 = start(s0, 11);
        for (int k = 0; k < steps; k++) {
            int ak = k * TILE_ROWS;
            long bk = k * STEP_BYTES;
            FloatVector x0 = bcast(a, ak), x1 = bcast(a, ak + 1), x2 = bcast(a, ak + 2);
            FloatVector x3 = bcast(a, ak + 3), x4 = bcast(a, ak + 4), x5 = bcast(a, ak + 5);
            FloatVector v = load(b, bk);
            c00 = v.fma(x0, c00); c10 = v.fma(x1, c10); c20 = v.fma(x2, c20); c30 = v.fma(x3, c30); c40 = v.fma(x4, c40); c50 = v.fma(x5, c50);
            v = load(b, bk + VB);
            c01 = v.fma(x0, c01); c11 = v.fma(x1, c11); c21 = v.fma(x2, c21); c31 = v.fma(x3, c31); c41 = v.fma(x4, c41); c51 = v.fma(x5, c51);
        }
        return c00.add(c01).add(c10).add(c11).add(c20).add(c21).add(c30).add(c31)
                .add(c40).add(c41).add(c50).add(c51).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    /** What {@link #tile} returns, in scalars (accumulator (i, j) starts at starts[i * TILE_COLS + j]). */
    float tileReference() {
        double sum = 0;
        int lanes = SPECIES.length();
        for (int i = 0; i < TILE_ROWS; i++) {
            for (int j = 0; j < TILE_COLS; j++) {
                for (int lane = 0; lane < lanes; lane++) {
                    float acc = starts[i * TILE_COLS + j];
                    for (int k = 0; k < TILE_STEPS; k++) {
                        float bv = tileB.getAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, (long) (k * TILE_COLS + j) * lanes + lane);
                        acc = Math.fma(bv, tileA[k * TILE_ROWS + i], acc);
                    }
                    sum += acc;
                }
            }
        }
        return (float) sum;
    }

    /** The B panel, for tests. */
    MemorySegment tileB() {
        return tileB;
    }

    /** {@link #tile}'s result for this instance, for tests. */
    float tileResult() {
        return WIDE_REGISTER_FILE ? tile6x4(starts, tileA, tileB, tileSteps) : tile6x2(starts, tileA, tileB, tileSteps);
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
