package dev.vectorgrad.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.bench.compare.Impl;
import dev.vectorgrad.bench.limit.Ceiling;
import dev.vectorgrad.bench.limit.Limit;
import dev.vectorgrad.bench.report.BarChart;
import dev.vectorgrad.bench.report.Report;
import dev.vectorgrad.bench.suite.Comparisons;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planning and reporting around the timings, which no JMH run exercises in CI. */
class PlanAndReportTest {

    @Test
    void everyQuickRowHasItsLimitProbe() {
        Plan plan = Plan.quick(2);
        for (Case c : plan.cases()) {
            Limit limit = Comparisons.get(c.op()).limit();
            if (c.size() >= Plan.LIMITED_FROM) {
                long bytes = Comparisons.get(c.op()).probeBytes(c.size());
                assertTrue(plan.limits().contains(new LimitCase(limit.kind(), bytes, c.threads())),
                        "no " + limit.kind() + " probe for " + c);
            }
            assertTrue(c.impl().threaded() || c.threads() == 1, "plain loop on threads: " + c);
        }
        assertTrue(plan.limits().contains(new LimitCase(Limit.Kind.FMA, 0, 2)));
        // quick times no 1024^3 product, so it has no micro-kernel probe; the full mm suite does, on one thread
        assertFalse(plan.limits().stream().anyMatch(l -> l.kind() == Limit.Kind.KERNEL));
        Plan mm = Plan.full(2, java.util.Set.of("mm"));
        assertTrue(mm.limits().contains(new LimitCase(Limit.Kind.KERNEL, 0, 1)));
        assertFalse(mm.limits().contains(new LimitCase(Limit.Kind.KERNEL, 0, 2)));
        // the 32M adds' copy ceiling is also measured as a store loop, on one core and on two
        assertTrue(plan.limits().contains(new LimitCase(Limit.Kind.COPY_LOOP, 128L << 20, 1)));
        assertTrue(plan.limits().contains(new LimitCase(Limit.Kind.COPY_LOOP, 128L << 20, 2)));
        assertFalse(plan.without(Impl.LIBTORCH).cases().stream().anyMatch(c -> c.impl() == Impl.LIBTORCH));
    }

    /**
     * Each quick case or probe is one forked JVM of about three seconds on two cores (start,
     * setup, 0.75 s warm-up, 0.75 s measurement), plus vectorgrad mm's 8 s warm-ups: 48 forks is
     * what fits in issue #4's three minutes. A new row has to displace one.
     */
    @Test
    void theQuickRunFitsItsBudget() {
        Plan plan = Plan.quick(2);
        assertTrue(plan.size() <= 48, plan.limits().size() + " probes + " + plan.cases().size() + " cases");
        for (String op : new String[] {"add_out", "broadcast", "add_t", "sum", "sum_inner", "sum_outer", "cumsum", "mm"}) {
            assertTrue(plan.cases().stream().anyMatch(c -> c.op().equals(op) && c.impl() == Impl.VECTORGRAD),
                    "quick has no vectorgrad " + op);
        }
    }

    @Test
    void theTargetsAreReadOffTheRows() {
        Report report = new Report("test");
        // 32M floats: 384 MiB moved per add; at 25 ms per op that is 16.1 GB/s, 80% of 20.1 GB/s.
        report.ceiling(new Ceiling(Limit.Kind.COPY, 128L << 20, 1, 20.13e9, 0.01));
        report.timing(Comparisons.get("add_out"), 1 << 25, 1, Impl.VECTORGRAD, 25e6, 0.01, 0.2);
        report.timing(Comparisons.get("add_out"), 1 << 20, 1, Impl.VECTORGRAD, 1e6, 0.01, 0);
        report.timing(Comparisons.get("broadcast"), 1 << 20, 1, Impl.VECTORGRAD, 0.5e6, 0.01, 0);
        report.timing(Comparisons.get("add_t"), 1 << 20, 1, Impl.VECTORGRAD, 4e6, 0.01, 800);
        report.timing(Comparisons.get("add_t"), 1 << 20, 1, Impl.JAVA_SEGMENT, 5e6, 0.01, 40);
        report.timing(Comparisons.get("add_out"), 1 << 10, 1, Impl.VECTORGRAD, 50, 0.01, 0);
        report.timing(Comparisons.get("add_out"), 1 << 10, 1, Impl.JAVA_SEGMENT, 300, 0.01, 0);
        String md = report.markdown();
        assertTrue(md.contains("32M (32M, 1T): >= 90% of copy bandwidth | 80% | **no** |"), md);
        // the store loop's copy beside it, when measured: 16.1 GB/s of 12.65 is 127%
        report.ceiling(new Ceiling(Limit.Kind.COPY_LOOP, 128L << 20, 1, 12.65e9, 0.01));
        String withLoop = report.markdown();
        assertTrue(withLoop.contains("32M (32M, 1T): >= 90% of copy bandwidth | 80% (127% of a vector store loop's copy)"
                + " | **no** |"), withLoop);
        assertTrue(withLoop.contains("| copy 128 MiB by a vector store loop (read + written) | 12.7 GB/s |"), withLoop);
        assertTrue(md.contains("broadcast (n,1)+(1,n) (1024x1024, 1T): >= 60% of contiguous add_out's speed per element"
                + " | 200% (add_out 1M: 1.00 ms) | yes |"), md);
        assertTrue(md.contains("add of a transposed operand (1024x1024, 1T): >= 60% of contiguous add_out's speed per element"
                + " | 25% (add_out 1M: 1.00 ms) | **no** |"), md);
        assertTrue(md.contains("add_out 1K (1T): >= 4x the scalar loop over the same memory | 6.0x | yes |"), md);
        // the segment loop's 40 B/op at 5 ms is the harness's share: 32 B/op at vectorgrad's 4 ms
        assertTrue(md.contains("allocating: add_t 1024x1024 1T: 800 B/op (harness ~32)."), md);
        assertTrue(md.contains("0 B/op: add_out 32M 1T, add_out 1M 1T, broadcast 1024x1024 1T, add_out 1K 1T."), md);
    }

    /** The 1024^3 target divides by the register-only peak; the micro-kernel alone is shown beside it. */
    @Test
    void theMatrixTargetShowsTheMicroKernelBesideThePeak() {
        Report report = new Report("test");
        // 2 x 1024^3 flops in 20 ms is 107.4 GFLOP/s: 80% of 134.2, 90% of 119.3
        report.ceiling(new Ceiling(Limit.Kind.FMA, 0, 1, 134.2e9, 0.01));
        report.timing(Comparisons.get("mm"), 1024, 1, Impl.VECTORGRAD, 20e6, 0.01, 0);
        String md = report.markdown();
        assertTrue(md.contains("#5 mm 1024^3 on one thread: >= 75% of the FMA peak | 80% | yes |"), md);
        report.ceiling(new Ceiling(Limit.Kind.KERNEL, 0, 1, 119.3e9, 0.01));
        String withKernel = report.markdown();
        assertTrue(withKernel.contains("#5 mm 1024^3 on one thread: >= 75% of the FMA peak | 80% (90% of the micro-kernel in L1) | yes |"),
                withKernel);
        assertTrue(withKernel.contains("| GEMM micro-kernel alone, operands in L1 (float) | 119.3 GFLOP/s |"), withKernel);
    }

    /** An mm-only run has no segment loop to measure JMH's own bytes per op against: not a verdict. */
    @Test
    void heapBytesWithoutAControlAreNotJudged() {
        Report report = new Report("test");
        report.timing(Comparisons.get("mm"), 1024, 1, Impl.VECTORGRAD, 20e6, 0.01, 210);
        report.timing(Comparisons.get("mm"), 64, 1, Impl.VECTORGRAD, 10e3, 0.01, 0);
        String md = report.markdown();
        assertTrue(md.contains("0 B/op: mm 64x64 1T. not judged (no segment loop in this run to measure the harness's"
                + " share): mm 1024x1024 1T (210). | yes |"), md);
        Report slowOnly = new Report("test");
        slowOnly.timing(Comparisons.get("mm"), 1024, 1, Impl.VECTORGRAD, 20e6, 0.01, 210);
        assertTrue(slowOnly.markdown().contains("mm 1024x1024 1T (210). | not judged |"), slowOnly.markdown());
    }

    @Test
    void theTableShowsTimesRatiosAndFractions(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Report report = new Report("test");
        var add = Comparisons.get("add");
        // 1M floats: 12 MiB moved per op; at 1 ms per op that is 12.58 GB/s.
        report.ceiling(new Ceiling(Limit.Kind.COPY, 4L << 20, 1, 25.16e9, 0.01));
        report.timing(add, 1 << 20, 1, Impl.JAVA_ARRAY, 2e6, 0.01);
        report.timing(add, 1 << 20, 1, Impl.LIBTORCH, 1e6, 0.5);
        report.timing(add, 1 << 20, 1, Impl.VECTORGRAD, 0.5e6, 0.01);
        String md = report.markdown();
        assertTrue(md.contains("| add | 1M | 1 | 500 µs | ~1.00 ms | 2.00 ms | — | 2.00x (libtorch) | 100%; 50% libtorch | — |"),
                md);
        Path png = dir.resolve("chart.png");
        assertTrue(BarChart.write(report, "test", png));
        assertTrue(Files.size(png) > 1000);
        assertEquals(0.5, report.fractionOfLimit(report.rows().get(0), 1e6).orElseThrow(), 1e-3);
    }
}
