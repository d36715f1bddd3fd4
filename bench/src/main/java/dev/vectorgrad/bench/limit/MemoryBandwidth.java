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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The memory ceilings, measured with the JDK's own bulk operations on 64-byte aligned native
 * segments (vectorgrad's storage):
 * <ul>
 *   <li>{@code copy}: {@code MemorySegment.copy}; counts bytes read plus written. C2 turns it
 *       into HotSpot's arraycopy stub, which on a 512-bit x86 machine writes a copy of 2.5 MB or
 *       more with non-temporal stores ({@code large_threshold} in
 *       {@code stubGenerator_x86_64_arraycopy.cpp}): they skip the read of each destination
 *       line that an ordinary store makes first (its read for ownership). The Vector API has no
 *       such store, so no Java kernel can write that way: past 2.5 MB this is a ceiling, not a
 *       target.</li>
 *   <li>{@code copyLoop}: the same copy as a loop of {@code FloatVector} loads and stores, the
 *       way vectorgrad's kernels write: the most a store loop moves. At 128 MiB on this
 *       machine's AVX-512 it ran at 0.63x the stub's rate; with {@code -XX:MaxVectorSize=32},
 *       where the stub has no non-temporal path, the two ran level.</li>
 *   <li>{@code read}: {@code MemorySegment.mismatch} of two equal segments, the JDK's vectorized
 *       compare; reads both, writes nothing. The ceiling for reductions.</li>
 * </ul>
 * {@code bytes} is the size of one operand, split evenly across the benchmark's threads: with
 * T threads each copies its own {@code bytes / T}, as a parallel kernel splits one tensor. The
 * {@code bytes} aux counter is the rate: JMH sums it over threads and reports it per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector", "-Xmx1g"})
public class MemoryBandwidth {

    /** The large copy the brief asks for: far past any last-level cache. */
    public static final long LARGE = 256L << 20;

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    @Param("268435456")
    public long bytes;

    private Arena arena;
    private MemorySegment a;
    private MemorySegment b;
    private long chunk;

    /** Bytes moved, per second once JMH divides by the iteration time. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Moved {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        chunk = Math.max(64, bytes / params.getThreads() / 64 * 64);
        arena = Arena.ofShared();
        a = arena.allocate(chunk, 64);
        b = arena.allocate(chunk, 64);
        // Touch every page once, so the timed loop never pays for first-touch page faults.
        a.fill((byte) 1);
        b.fill((byte) 1);
    }

    @Benchmark
    public void copy(Moved moved) {
        MemorySegment.copy(a, 0, b, 0, chunk);
        moved.bytes += 2 * chunk;
    }

    @Benchmark
    public void copyLoop(Moved moved) {
        // chunk is a multiple of 64 bytes, so of every vector size
        for (long at = 0; at < chunk; at += SPECIES.vectorByteSize()) {
            FloatVector.fromMemorySegment(SPECIES, a, at, ORDER).intoMemorySegment(b, at, ORDER);
        }
        moved.bytes += 2 * chunk;
    }

    @Benchmark
    public long read(Moved moved) {
        moved.bytes += 2 * chunk;
        return a.mismatch(b); // -1: equal, after reading both in full
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }
}
