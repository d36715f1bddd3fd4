package dev.vectorgrad.bench.limit;

import dev.vectorgrad.engine.kernel.Gemm;
import dev.vectorgrad.engine.kernel.GemmKernel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The engine's float32 GEMM micro-kernel alone, on one packed A panel, one packed B panel and one
 * C tile, all in L1: the product's speed without its cache blocking, packing and memory traffic.
 * Beside {@link FmaPeak}'s register-only loop it shows what the kernel's own loop costs (each k
 * step of the 6x4 tile also broadcasts 6 values of A and loads 4 vectors of B, and C2 adds index
 * arithmetic); beside a product, what everything around the kernel costs. Not a ceiling a row is
 * judged against.
 */
public class MicroKernel extends FlopProbe {

    static final GemmKernel KERNEL = Gemm.kernel(false);

    /** k steps per call: the A and B panels fill at most 32 KiB, so they and the C tile stay in a 48 KiB L1. */
    static final int KC = (32 << 10) / ((KERNEL.mr() + KERNEL.nr()) * Float.BYTES) / 8 * 8;

    /** Flops per call: two per multiply-add of the MR x NR tile over KC steps. */
    public static final long FLOPS = 2L * KERNEL.mr() * KERNEL.nr() * KC;

    /** Bytes from one row of the C tile to the next. */
    private static final long LDC = (long) KERNEL.nr() * Float.BYTES;

    final Object a = KERNEL.panelBuffer(null, KERNEL.mr() * KC);
    final MemorySegment b = Arena.ofAuto().allocate((long) KERNEL.nr() * KC * Float.BYTES, 64);
    final MemorySegment c = Arena.ofAuto().allocate((long) KERNEL.mr() * LDC, 64);

    public MicroKernel() {
        float[] panel = (float[]) a;
        for (int i = 0; i < panel.length; i++) {
            panel[i] = 0.01f * (i % 5);
        }
        for (long i = 0; i < b.byteSize() / Float.BYTES; i++) {
            b.setAtIndex(ValueLayout.JAVA_FLOAT, i, 0.001f * (i % 3));
        }
    }

    /** C += A B for one tile ({@link #FLOPS} flops). C grows by under 0.01 a call: never subnormal, never infinite in a run. */
    @Benchmark
    public void run(Done done) {
        done.flops += FLOPS;
        KERNEL.micro(KC, a, 0, b, 0, c, 0, LDC, c, 0, LDC);
    }
}
