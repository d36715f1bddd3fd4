package dev.vectorgrad.bench.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** The probe does the multiply-adds it counts: one call's C tile against the same sums in doubles. */
class MicroKernelTest {

    @Test
    void oneCallAddsTheTileProduct() {
        MicroKernel probe = new MicroKernel();
        int mr = MicroKernel.KERNEL.mr();
        int nr = MicroKernel.KERNEL.nr();
        float[] a = (float[]) probe.a;
        FlopProbe.Done done = new FlopProbe.Done();
        probe.run(done);
        probe.run(done);
        assertEquals(2 * MicroKernel.FLOPS, done.flops);
        assertEquals(2L * mr * nr * MicroKernel.KC, MicroKernel.FLOPS);
        for (int i = 0; i < mr; i++) {
            for (int j = 0; j < nr; j++) {
                double sum = 0;
                for (int k = 0; k < MicroKernel.KC; k++) {
                    // packed panels: A's MR values per k step, B's NR
                    sum += (double) a[k * mr + i] * probe.b.getAtIndex(ValueLayout.JAVA_FLOAT, (long) k * nr + j);
                }
                float got = probe.c.getAtIndex(ValueLayout.JAVA_FLOAT, (long) i * nr + j);
                assertEquals(2 * sum, got, 1e-6 + 1e-5 * Math.abs(sum), "C[" + i + "][" + j + "]");
            }
        }
        assertTrue(probe.c.getAtIndex(ValueLayout.JAVA_FLOAT, 1) > 0);
    }

    @Test
    void itsOperandsFitL1() {
        int mr = MicroKernel.KERNEL.mr();
        int nr = MicroKernel.KERNEL.nr();
        assertTrue(((long) mr + nr) * MicroKernel.KC * Float.BYTES <= 32 << 10);
        assertTrue(MicroKernel.KC >= 64, "a call long enough to hide its C tile's loads and stores");
    }
}
