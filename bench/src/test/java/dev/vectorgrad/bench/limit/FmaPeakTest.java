package dev.vectorgrad.bench.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The tile probe does the multiply-adds it counts: its result against the same sums in scalars. */
class FmaPeakTest {

    @Test
    void theTileLoopComputesWhatItsFlopCountSays() {
        FmaPeak probe = new FmaPeak();
        float expected = probe.tileReference();
        // the accumulators start near 0.5-0.9 and each grows by under 0.01: a sum of a few hundred
        assertTrue(expected > 0, "reference " + expected);
        // float accumulators summed in another order than the double reference: a few ulps of the total
        assertEquals(expected, probe.tileResult(), Math.abs(expected) * 1e-5f);
        assertEquals(2L * FmaPeak.SPECIES.length() * FmaPeak.TILE_ROWS * FmaPeak.TILE_COLS * FmaPeak.TILE_STEPS,
                FmaPeak.TILE_FLOPS);
        // both operands fit a 48 KiB L1
        assertTrue(FmaPeak.TILE_STEPS * (FmaPeak.TILE_ROWS * 4L + FmaPeak.TILE_COLS * FmaPeak.SPECIES.vectorByteSize()) <= 48 << 10);
    }

    @Test
    void aChangedOperandChangesTheResult() {
        FmaPeak probe = new FmaPeak();
        float before = probe.tileResult();
        probe.tileB().setAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, 5, 100f);
        float after = probe.tileResult();
        assertEquals(probe.tileReference(), after, Math.abs(after) * 1e-5f);
        assertTrue(after > before + 0.5f, before + " -> " + after);
    }
}
