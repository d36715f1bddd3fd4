package dev.vectorgrad.bench;

import dev.vectorgrad.bench.compare.Check;
import dev.vectorgrad.bench.compare.CompareBench;
import dev.vectorgrad.bench.compare.Comparison;
import dev.vectorgrad.bench.compare.Inputs;
import dev.vectorgrad.bench.compare.Kernel;
import dev.vectorgrad.bench.compare.Resources;
import dev.vectorgrad.bench.limit.Ceiling;
import dev.vectorgrad.bench.limit.FmaPeak;
import dev.vectorgrad.bench.limit.MicroKernel;
import dev.vectorgrad.bench.limit.Limit;
import dev.vectorgrad.bench.limit.MemoryBandwidth;
import dev.vectorgrad.bench.report.Report;
import dev.vectorgrad.bench.report.Sizes;
import dev.vectorgrad.bench.suite.Comparisons;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import dev.vectorgrad.bench.compare.Impl;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs cases one at a time through JMH's runner API (one fork each) and turns the raw scores
 * into timings and ceilings, printing one progress line per case. A case that fails (its
 * correctness check, a missing native library) is reported and the run goes on.
 */
final class Runs {

    private final Options settings;
    private final int total;
    private int done;
    /** The last operands made; cases come grouped by size, so one entry saves most rebuilds. */
    private Inputs inputs;
    /** The reference for the last op and size, for the same reason. */
    private float[] expected;
    private String expectedKey;
    private final List<String> failures = new ArrayList<>();

    /**
     * @param settings JMH options shared by every case (iterations, forks, profilers...); the
     *                 include pattern and parameters are set per case on top of them
     * @param total    how many cases will run, for the progress counter
     */
    Runs(Options settings, int total) {
        this.settings = settings;
        this.total = total;
    }

    /** JMH's gc profiler's figure: heap bytes allocated per op, by every thread of the fork. */
    static final String HEAP_PER_OP = "gc.alloc.rate.norm";

    /**
     * Times one comparison case: nanoseconds per operation, or empty when it failed. The case's
     * correctness check runs here first, in this JVM, so a failure prints its reason on the
     * progress line; the fork checks again before it times (a JMH command line has no host).
     * vectorgrad's cases also run under JMH's gc profiler: issue #3 wants its out= and in-place
     * forms at 0 heap bytes per op, and the report shows the figure beside the time.
     */
    Optional<Score> time(Case c) {
        long checkStart = System.nanoTime();
        try {
            precheck(c);
        } catch (RuntimeException | LinkageError e) {
            fail(c.toString(), e.toString(), checkStart);
            return Optional.empty();
        }
        // Time per op, whatever the shared settings say: the report divides by it.
        ChainedOptionsBuilder options = options(CompareBench.class, "run")
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .param("op", c.op())
                .param("size", Integer.toString(c.size()))
                .param("impl", c.impl().id())
                .param("threads", Integer.toString(c.threads()));
        warmAtLeast(options, comparison(c).warmupMillis(c.impl()));
        // the segment loop's figure is the control: the harness's own allocations per op
        boolean heap = c.impl() == Impl.VECTORGRAD || c.impl() == Impl.JAVA_SEGMENT;
        if (heap && settings.getProfilers().stream().noneMatch(p -> p.getKlass().equals(GCProfiler.class.getName()))) {
            options.addProfiler(GCProfiler.class);
        }
        long start = System.nanoTime();
        Optional<RunResult> result = run(options.build(), c.toString());
        Optional<Score> nanos = result.map(r -> score(r, it -> it.getPrimaryResult())
                .withHeap(heap ? heapPerOp(r) : Double.NaN));
        nanos.ifPresent(t -> progress(c.toString(), Sizes.time(t.median()) + "/op" + spread(t)
                + (Double.isNaN(t.heap()) ? "" : String.format(Locale.ROOT, ", %.0f B/op heap", t.heap())), start));
        return nanos;
    }

    private static Comparison comparison(Case c) {
        return Comparisons.get(c.op());
    }

    /** Adds warm-up iterations (of the run's length) until they last {@code millis}. */
    private void warmAtLeast(ChainedOptionsBuilder options, long millis) {
        // JMH's own defaults, from CompareBench's annotations, when the run's settings say nothing
        long each = settings.getWarmupTime().orElse(TimeValue.seconds(1)).convertTo(TimeUnit.MILLISECONDS);
        int iterations = settings.getWarmupIterations().orElse(5);
        if (millis > 0 && (long) iterations * each < millis) {
            options.warmupIterations((int) ((millis + each - 1) / each));
        }
    }

    /** The median over iterations of heap bytes per op; NaN when the profiler gave none. */
    private static double heapPerOp(RunResult r) {
        double[] perIteration = r.getBenchmarkResults().stream()
                .flatMap(b -> b.getIterationResults().stream())
                .map(it -> it.getSecondaryResults().get(HEAP_PER_OP))
                .filter(java.util.Objects::nonNull)
                .mapToDouble(Result::getScore)
                .toArray();
        return perIteration.length == 0 ? Double.NaN : Score.of(perIteration).median();
    }

    /** Measures one ceiling of this machine, or empty when the probe failed. */
    Optional<Ceiling> measure(LimitCase c) {
        ChainedOptionsBuilder options = switch (c.kind()) {
            case COPY -> options(MemoryBandwidth.class, "copy").param("bytes", Long.toString(c.bytes()));
            case COPY_LOOP -> options(MemoryBandwidth.class, "copyLoop").param("bytes", Long.toString(c.bytes()));
            case READ -> options(MemoryBandwidth.class, "read").param("bytes", Long.toString(c.bytes()));
            case FMA -> options(FmaPeak.class, "fma");
            case KERNEL -> options(MicroKernel.class, "run");
        };
        // Counters per second, summed over threads: the report reads them as bytes/s or flops/s.
        options.mode(Mode.Throughput).timeUnit(TimeUnit.SECONDS).threads(c.threads());
        String counter = c.kind().compute() ? "flops" : "bytes";
        long start = System.nanoTime();
        Optional<Ceiling> ceiling = run(options.build(), c.toString())
                .map(r -> score(r, it -> secondary(it, counter)))
                .map(rate -> new Ceiling(c.kind(), c.bytes(), c.threads(), rate.median(), rate.spread()));
        ceiling.ifPresent(x -> progress(c.toString(), String.format(Locale.ROOT, "%.1f %s%s", x.giga(),
                c.kind().unit(), spread(new Score(x.rate(), x.spread()))), start));
        return ceiling;
    }

    private void precheck(Case c) {
        Comparison comparison = Comparisons.get(c.op());
        int elements = comparison.elements(c.size());
        if (inputs == null || inputs.size() != elements) {
            inputs = null; // let a 32M pair go before making the next
            inputs = Inputs.random(2, elements); // a is the same whatever the arity
        }
        Inputs in = comparison.arity() == 2 ? inputs : new Inputs(elements, inputs.a(), null);
        String key = c.op() + "/" + c.size();
        if (!key.equals(expectedKey)) {
            expected = null;
            expected = comparison.expected(in);
            expectedKey = key;
        }
        try (Resources resources = new Resources()) {
            Kernel kernel = comparison.open(c.impl(), in, c.threads(), resources);
            Check.verify(comparison, c.impl(), in, kernel, expected);
        }
    }

    private ChainedOptionsBuilder options(Class<?> benchmark, String method) {
        return new OptionsBuilder()
                .parent(settings)
                .include("^" + Pattern.quote(benchmark.getName()) + "\\." + method + "$")
                .shouldFailOnError(true);
    }

    private Optional<RunResult> run(Options options, String what) {
        long start = System.nanoTime();
        try {
            Collection<RunResult> results = new Runner(options).run();
            if (results.isEmpty()) {
                fail(what, "JMH found no such benchmark", start);
                return Optional.empty();
            }
            return Optional.of(results.iterator().next());
        } catch (RunnerException | RuntimeException e) {
            fail(what, e.getMessage() + " (rerun it alone on JMH's command line to see the fork's error)", start);
            return Optional.empty();
        }
    }

    /**
     * The median over measurement iterations, where JMH's score is their mean: on a machine
     * shared with other work one preempted iteration drags a mean far more than a median, and
     * short runs have too few iterations to average that out.
     */
    private static Score score(RunResult r, Function<IterationResult, Result<?>> score) {
        return Score.of(r.getBenchmarkResults().stream()
                .flatMap(b -> b.getIterationResults().stream())
                .mapToDouble(it -> score.apply(it).getScore())
                .toArray());
    }

    private static String spread(Score s) {
        return s.spread() > Report.UNSTABLE ? String.format(Locale.ROOT, " (spread %.0f%%)", 100 * s.spread()) : "";
    }

    private static Result<?> secondary(IterationResult it, String counter) {
        Result<?> result = it.getSecondaryResults().get(counter);
        if (result == null) {
            throw new IllegalStateException("JMH reported no '" + counter + "' counter");
        }
        return result;
    }

    /** Failed cases with their reasons, for the report's notes. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    private void fail(String what, String reason, long startNanos) {
        failures.add(what + ": " + reason);
        progress(what, "FAILED: " + reason, startNanos);
    }

    private void progress(String what, String outcome, long startNanos) {
        done++;
        System.out.printf(Locale.ROOT, "[%2d/%d] %-32s %-36s (%.1f s)%n", done, total, what, outcome,
                (System.nanoTime() - startNanos) / 1e9);
        System.out.flush();
    }
}
