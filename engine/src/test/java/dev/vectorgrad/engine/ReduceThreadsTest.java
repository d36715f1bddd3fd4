package dev.vectorgrad.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Large reductions: cascaded float sums, results bitwise independent of the thread count, the
 * split paths checked against a float64 reference, and no heap allocation in steady state.
 */
class ReduceThreadsTest {
    private final int threads = Engine.threads();

    @AfterEach
    void restoreThreads() {
        Engine.setThreads(threads);
    }

    // ------------------------------------------------------------------ cascade

    @Test
    void float32SumOfTenMillionIsWithinOnePpmOfTheFloat64Sum() {
        try (Scope s = Scope.open()) {
            Tensor.manualSeed(20240611);
            int n = 10_000_000;
            Tensor x = Tensor.rand(n);
            float[] v = x.toFloatArray();
            double exact = 0;
            float naive = 0;
            for (float f : v) {
                exact += f;
                naive += f; // the plain loop: one float accumulator
            }
            float sum = x.sum().floatValue();
            double error = Math.abs(sum - exact) / exact;
            double naiveError = Math.abs(naive - exact) / exact;
            assertTrue(error < 1e-6, "cascaded float32 sum is off by " + error + " (relative) from the float64 sum");
            // the bound can fail: a sequential float loop is far outside it
            assertTrue(naiveError > 1e-6, "the naive loop was unexpectedly accurate: " + naiveError);
            assertEquals(exact / n, x.mean().floatValue(), 1e-6 * exact / n);
            // the same sum through the outer path (a column of a wide tensor would be strided; here a transposed view)
            float viaOuter = x.reshape(10_000, 1_000).sum(0).sum().floatValue();
            assertTrue(Math.abs(viaOuter - exact) / exact < 1e-6, "sum(0).sum() off by " + Math.abs(viaOuter - exact) / exact);
        }
    }

    // ------------------------------------------------------------------ threads

    /** Every op of the list, as bits, per thread count. */
    private static Map<String, long[]> runAll(Map<String, Supplier<Tensor>> ops, int threads) {
        Engine.setThreads(threads);
        Map<String, long[]> bits = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<Tensor>> e : ops.entrySet()) {
            try (Scope s = Scope.open()) {
                double[] v = e.getValue().get().toDoubleArray();
                long[] b = new long[v.length];
                for (int i = 0; i < v.length; i++) {
                    b[i] = Double.doubleToRawLongBits(v[i]);
                }
                bits.put(e.getKey(), b);
            }
        }
        return bits;
    }

    @Test
    void resultsAreBitwiseIdenticalOnOneTwoAndEightThreads() {
        try (Scope s = Scope.open()) {
            Tensor.manualSeed(7);
            Tensor v = Tensor.rand(3_000_001);
            Tensor m = Tensor.rand(1999, 1501);
            Tensor tall = Tensor.randn(300_001, 7);
            Tensor wide = Tensor.randn(5, 600_001);
            Tensor d = Tensor.randn(DType.FLOAT64, 2_000_003);
            Tensor ints = Tensor.rand(1_000_003).mul(1000.0).to(DType.INT32);
            Map<String, Supplier<Tensor>> ops = new LinkedHashMap<>();
            ops.put("sum", v::sum);
            ops.put("mean", v::mean);
            ops.put("norm", v::norm);
            ops.put("norm 3", () -> v.norm(3));
            ops.put("var", v::var);
            ops.put("std", v::std);
            ops.put("max", v::max);
            ops.put("argmax", v::argmax);
            ops.put("cumsum", () -> v.cumsum(0));
            ops.put("cumprod", () -> v.get("::100").add(0.5).cumprod(0));
            ops.put("dot", () -> v.dot(v));
            ops.put("strided dot", () -> v.get(":3000000:3").dot(v.get("1::3")));
            ops.put("f64 sum", d::sum);
            ops.put("f64 var", d::var);
            ops.put("f64 cumsum", () -> d.cumsum(0));
            ops.put("int sum", ints::sum);
            ops.put("m sum(0)", () -> m.sum(0));
            ops.put("m sum(1)", () -> m.sum(1));
            ops.put("m mean(0)", () -> m.mean(0));
            ops.put("m var(0)", () -> m.var(0));
            ops.put("m var(1)", () -> m.var(1));
            ops.put("m norm dim 0", () -> m.norm(2, 0));
            ops.put("m argmax(0)", () -> m.argmax(0));
            ops.put("m max(1)", () -> m.max(1));
            ops.put("m cumsum(0)", () -> m.cumsum(0));
            ops.put("m cumsum(1)", () -> m.cumsum(1));
            ops.put("m.t() sum(0)", () -> m.t().sum(0));
            ops.put("m.t() sum", () -> m.t().sum());
            ops.put("m stepped sum", () -> m.get("::2, 1::2").sum());
            ops.put("tall sum(0)", () -> tall.sum(0));
            ops.put("tall var(0)", () -> tall.var(0));
            ops.put("tall argmin(0)", () -> tall.argmin(0));
            ops.put("tall sum(1)", () -> tall.sum(1));
            ops.put("wide sum(1)", () -> wide.sum(1));
            ops.put("wide std(1)", () -> wide.std(1));
            ops.put("wide argmax(1)", () -> wide.argmax(1));
            ops.put("wide sum(0)", () -> wide.sum(0));
            Map<String, long[]> one = runAll(ops, 1);
            for (int t : new int[]{2, 8}) {
                Map<String, long[]> other = runAll(ops, t);
                for (String op : ops.keySet()) {
                    assertArrayEquals(one.get(op), other.get(op), op + " differs between 1 and " + t + " threads");
                }
            }
        }
    }

    /** The split paths (many outputs by chunk, few outputs with partials) of sum, argmax and var against a float64 reference. */
    @Test
    void largeReductionsMatchTheFloat64Reference() {
        Engine.setThreads(4);
        try (Scope s = Scope.open()) {
            Tensor.manualSeed(11);
            for (long[] shape : new long[][]{{100_003, 7}, {5, 200_003}, {999, 701}, {3, 4, 50_001}, {20_000, 3, 9}}) {
                Tensor x = Tensor.randn(shape);
                float[] v = x.toFloatArray();
                for (int dim = 0; dim < shape.length; dim++) {
                    double[] ref = new double[(int) (v.length / shape[dim])];
                    double[] mag = new double[ref.length];
                    long inner = 1;
                    for (int i = dim + 1; i < shape.length; i++) {
                        inner *= shape[i];
                    }
                    for (int i = 0; i < v.length; i++) {
                        int o = (int) (i / (inner * shape[dim]) * inner + i % inner);
                        ref[o] += v[i];
                        mag[o] += Math.abs(v[i]);
                    }
                    // the first maximum, and the sum of squared deviations, per output
                    long[] arg = new long[ref.length];
                    double[] dev = new double[ref.length];
                    long size = shape[dim];
                    for (int i = 0; i < v.length; i++) {
                        int o = (int) (i / (inner * size) * inner + i % inner);
                        long at = i / inner % size;
                        int best = (int) (i - (at - arg[o]) * inner);
                        if (v[i] > v[best]) {
                            arg[o] = at;
                        }
                        double d = v[i] - ref[o] / size;
                        dev[o] += d * d;
                    }
                    Tensor t = x.transpose(0, shape.length - 1).contiguous().transpose(0, shape.length - 1);
                    float[] got = x.sum(dim).toFloatArray();
                    float[] gotT = t.sum(dim).toFloatArray();
                    long[] gotArg = x.argmax(dim).toLongArray();
                    long[] gotArgT = t.argmax(dim).toLongArray();
                    float[] gotVar = x.var(dim).toFloatArray();
                    String where = "dim " + dim + " of " + java.util.Arrays.toString(shape) + " at ";
                    for (int o = 0; o < ref.length; o++) {
                        double tol = 1e-6 * mag[o] + 1e-5;
                        if (Math.abs(got[o] - ref[o]) > tol || Math.abs(gotT[o] - ref[o]) > tol) {
                            fail("sum " + where + o + ": " + got[o] + " / " + gotT[o] + " vs " + ref[o]);
                        }
                        if (gotArg[o] != arg[o] || gotArgT[o] != arg[o]) {
                            fail("argmax " + where + o + ": " + gotArg[o] + " / " + gotArgT[o] + " vs " + arg[o]);
                        }
                        double var = dev[o] / (size - 1);
                        if (Math.abs(gotVar[o] - var) > 1e-5 * var) {
                            fail("var " + where + o + ": " + gotVar[o] + " vs " + var);
                        }
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ allocation

    private static final com.sun.management.ThreadMXBean BEAN =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * The fewest heap bytes one call allocated over rounds of calls, measured until a round is
     * within {@code target} (or a time budget runs out): the steady state, once C2 has compiled
     * the kernels (interpreted or C1 code boxes vectors) — which takes a while on a busy machine.
     */
    private static long bytesPerCall(Runnable op, long target) {
        long best = Long.MAX_VALUE;
        long deadline = System.nanoTime() + 30_000_000_000L;
        do {
            long before = BEAN.getCurrentThreadAllocatedBytes();
            // results are freed batch by batch: a run that keeps missing its target for the whole
            // deadline must not pile up millions of them (it ran out of heap once)
            try (Scope batch = Scope.open()) {
                for (int i = 0; i < 500; i++) {
                    op.run();
                }
            }
            best = Math.min(best, (BEAN.getCurrentThreadAllocatedBytes() - before) / 500);
        } while (best > target && System.nanoTime() < deadline);
        return best;
    }

    @Test
    @Tag("steady-state") // waits for C2 in a JVM of its own (engine/pom.xml), once per CI run
    void reductionsIntoOutAllocateNothing() {
        Engine.setThreads(2);
        try (Scope s = Scope.open()) {
            Tensor small = Tensor.rand(64, 100);
            Tensor big = Tensor.rand(300, 200); // 60000 elements: above the grain, so split across threads
            Tensor col = Tensor.empty(100);
            Tensor row = Tensor.empty(64);
            Tensor bigCol = Tensor.empty(200);
            Tensor bigRow = Tensor.empty(300);
            Tensor scalar = Tensor.empty();
            Tensor scan = Tensor.empty(300, 200);
            Tensor bigT = big.t();
            int[] d0 = {0};
            int[] d1 = {1};
            int[] all = {};
            Map<String, Runnable> ops = new LinkedHashMap<>();
            ops.put("sum(0) out", () -> small.sum(d0, false, col));
            ops.put("sum(1) out", () -> small.sum(d1, false, row));
            ops.put("sum() out", () -> small.sum(all, false, scalar));
            ops.put("big sum(0) out", () -> big.sum(d0, false, bigCol));
            ops.put("big sum(1) out", () -> big.sum(d1, false, bigRow));
            ops.put("big sum() out", () -> big.sum(all, false, scalar));
            ops.put("big transposed sum(1) out", () -> bigT.sum(d1, false, bigCol));
            ops.put("mean(0) out", () -> big.mean(d0, false, bigCol));
            ops.put("max(1) out", () -> big.max(d1, false, bigRow));
            ops.put("prod(0) out", () -> small.prod(d0, false, col));
            ops.put("norm out", () -> big.norm(2, all, false, scalar));
            ops.put("cumsum(0) out", () -> big.cumsum(0, scan));
            ops.put("cumsum(1) out", () -> big.cumsum(1, scan));
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, Runnable> e : ops.entrySet()) {
                long bytes = bytesPerCall(e.getValue(), 0);
                if (bytes != 0) {
                    failures.add(e.getKey() + ": " + bytes + " bytes per call");
                }
            }
            assertTrue(failures.isEmpty(), String.join("; ", failures));
        }
    }

    @Test
    @Tag("steady-state") // see engine/pom.xml: a JVM of its own, once per CI run
    void fullReductionsAllocateOnlyTheirResult() {
        Engine.setThreads(2);
        try (Scope s = Scope.open()) {
            Tensor big = Tensor.rand(300, 200);
            Tensor ints = Tensor.ones(DType.INT32, 50_000);
            Tensor r0 = big.get("0");
            Tensor r1 = big.get("1");
            long baseline = Long.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                baseline = Math.min(baseline, bytesPerCall(() -> Tensor.empty(DType.FLOAT32, new long[0]), Long.MAX_VALUE));
            }
            // beyond a bare empty(): a long[], a small record, and on a loaded machine (where C2 may leave
            // one vector boxed for a while) a little more; still below a temporary tensor plus its storage
            long slack = 192;
            Map<String, Runnable> ops = new LinkedHashMap<>();
            ops.put("sum", big::sum);
            ops.put("mean", big::mean);
            ops.put("norm", big::norm);
            ops.put("max", big::max);
            ops.put("var", big::var);
            ops.put("std", big::std);
            ops.put("argmax", big::argmax);
            ops.put("all", big::all);
            ops.put("dot", () -> r0.dot(r1));
            ops.put("int sum", ints::sum);
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, Runnable> e : ops.entrySet()) {
                long bytes = bytesPerCall(e.getValue(), baseline + slack); // frees its results batch by batch
                if (bytes > baseline + slack) {
                    failures.add(e.getKey() + ": " + bytes + " bytes per call (an empty 0-d tensor takes " + baseline + ")");
                }
            }
            assertTrue(failures.isEmpty(), String.join("; ", failures));
        }
    }
}
