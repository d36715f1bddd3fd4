package dev.vectorgrad.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The out= and in-place forms of elementwise ops allocate nothing on the heap in steady state,
 * whatever the operands' layout: contiguous, broadcast, stepped slices, transposed (the tiled
 * walk), small and split across threads. Per-thread plans, cursors, chunk bodies and tile
 * scratch are reused, so only the first calls on a thread allocate.
 */
class ElementwiseAllocationTest {
    private static final com.sun.management.ThreadMXBean BEAN =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final int threads = Engine.threads();

    @AfterEach
    void restoreThreads() {
        Engine.setThreads(threads);
    }

    /** The fewest heap bytes per call over rounds of calls, until a round allocates nothing (or 30 s pass): C2 must compile first. */
    private static long bytesPerCall(Runnable op) {
        long best = Long.MAX_VALUE;
        long deadline = System.nanoTime() + 30_000_000_000L;
        do {
            long before = BEAN.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 200; i++) {
                op.run();
            }
            best = Math.min(best, (BEAN.getCurrentThreadAllocatedBytes() - before) / 200);
        } while (best > 0 && System.nanoTime() < deadline);
        return best;
    }

    @Test
    @Tag("steady-state") // waits for C2 in a JVM of its own (engine/pom.xml), once per CI run
    void outAndInPlaceFormsAllocateNothingForAnyLayout() {
        Engine.setThreads(2);
        try (Scope s = Scope.open()) {
            Tensor a = Tensor.rand(64, 48);
            Tensor b = Tensor.rand(64, 48);
            Tensor out = Tensor.empty(64, 48);
            Tensor bt = Tensor.rand(48, 64).t();
            Tensor col = Tensor.rand(64, 1);
            Tensor row = Tensor.rand(1, 48);
            Tensor wide = Tensor.rand(64, 96);
            Tensor stepped = wide.slice(1, 0, 96, 2);
            Tensor bool = Tensor.empty(DType.BOOL, 64, 48);
            Tensor big = Tensor.rand(300, 300);        // 90000 elements: past the grain, split across threads
            Tensor bigT = Tensor.rand(300, 300).t();
            Tensor bigOut = Tensor.empty(300, 300);
            Tensor bigCol = Tensor.rand(300, 1);
            Tensor ints = Tensor.ones(DType.INT64, 48, 64).t();
            Tensor intOut = Tensor.empty(DType.INT64, 64, 48);
            Tensor flat = Tensor.rand(1024);
            Tensor flatOut = Tensor.empty(1024);
            Map<String, Runnable> ops = new LinkedHashMap<>();
            ops.put("contiguous add out", () -> flat.add(flat, flatOut));
            ops.put("contiguous addi", () -> flatOut.addi(flat));
            ops.put("broadcast (n,1)+(1,n) out", () -> col.add(row, out));
            ops.put("broadcast addi", () -> out.addi(row));
            ops.put("stepped slice add out", () -> stepped.add(b, out));
            ops.put("transposed add out", () -> a.add(bt, out));
            ops.put("transposed addi", () -> out.addi(bt));
            ops.put("transposed mul scalar out", () -> bt.mul(2.0, out));
            ops.put("int64 transposed sub out", () -> ints.sub(ints, intOut));
            ops.put("big transposed add out", () -> big.add(bigT, bigOut));
            ops.put("big broadcast add out", () -> bigCol.add(big, bigOut));
            ops.put("transposed neg out", () -> bt.neg(out));
            ops.put("stepped exp out", () -> stepped.exp(out));
            ops.put("transposed lt out", () -> a.lt(bt, bool));
            ops.put("broadcast lt out", () -> col.lt(row, bool));
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, Runnable> e : ops.entrySet()) {
                long bytes = bytesPerCall(e.getValue());
                if (bytes != 0) {
                    failures.add(e.getKey() + ": " + bytes + " bytes per call");
                }
            }
            assertTrue(failures.isEmpty(), String.join("; ", failures));
        }
    }
}
