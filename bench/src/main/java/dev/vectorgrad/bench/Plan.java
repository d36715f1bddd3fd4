package dev.vectorgrad.bench;

import dev.vectorgrad.bench.compare.Comparison;
import dev.vectorgrad.bench.compare.Impl;
import dev.vectorgrad.bench.limit.Limit;
import dev.vectorgrad.bench.limit.MemoryBandwidth;
import dev.vectorgrad.bench.suite.Comparisons;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which cases a run times, and which ceilings it measures for them. Each comparison's
 * implementations come from what it declares, so a vectorgrad variant, once declared, joins
 * both the quick and the full run without an edit here.
 */
record Plan(List<LimitCase> limits, List<Case> cases) {

    /** Smaller ops measure call latency, for which a bandwidth fraction means nothing. */
    static final int LIMITED_FROM = 1 << 10;

    /**
     * Copy probes of at least this many bytes (the 32M rows' operands, past the last-level
     * cache) are measured a second way, by a vector store loop, beside {@code MemorySegment.copy}
     * with its non-temporal stores (see {@link MemoryBandwidth}).
     */
    static final long STORE_LOOP_FROM = 128L << 20;
    /** Products from this size on one thread (issue #5's 1024^3 target) also get the micro-kernel probe. */
    static final int KERNEL_FROM = 1024;

    /**
     * One row of the quick subset: op and size, whether to add an all-cores row, and the peers
     * left out of it to save a fork (each case is one JVM; a row keeps at least one peer).
     */
    private record Pick(String op, int size, boolean allCores, Set<Impl> skip) {
        Pick(String op, int size, boolean allCores, Impl... skip) {
            this(op, size, allCores, skip.length == 0 ? Set.of() : EnumSet.copyOf(List.of(skip)));
        }
    }

    private static final int SQUARE_1M = 1024 * 1024;

    /**
     * Issue #4's suites in miniature, with the rows issue #3's targets are read from: tiny-op
     * latency; add into out at 1K (vs the scalar loop) and 32M (vs copy bandwidth); broadcast
     * and transposed adds at 1024x1024 beside the contiguous add at the same 1M elements; a
     * transcendental; sum at 32M (vs read bandwidth), sum over each dim and cumsum at 1M; one
     * matmul size. All-cores rows only where an op is large enough to split. Peers are dropped
     * where another row already shows them, to stay inside three minutes on two cores: the
     * float[] loop where the segment loop (the same loop over vectorgrad's kind of memory) runs,
     * the segment loop where add_out 1M has it or libtorch is the peer (add_t, sum_outer), exp_new's
     * scalar Math.exp loop (full has it), and EJML's threaded and the triple loop's mm.
     */
    private static final List<Pick> QUICK = List.of(
            new Pick("add_new", 4, false),
            new Pick("add_out", 1 << 10, false),
            new Pick("add", 1 << 20, false, Impl.JAVA_ARRAY, Impl.JAVA_SEGMENT),
            new Pick("add_out", 1 << 20, false, Impl.JAVA_ARRAY),
            new Pick("broadcast", SQUARE_1M, false),
            new Pick("add_t", SQUARE_1M, false, Impl.JAVA_SEGMENT),
            new Pick("add_out", 1 << 25, true, Impl.JAVA_ARRAY),
            new Pick("exp_new", 1 << 20, false, Impl.JAVA_ARRAY),
            new Pick("sum", 1 << 25, true, Impl.JAVA_ARRAY),
            new Pick("sum_inner", SQUARE_1M, false),
            new Pick("sum_outer", SQUARE_1M, false, Impl.JAVA_SEGMENT),
            new Pick("cumsum", 1 << 20, false),
            new Pick("mm", 256, true, Impl.JAVA_ARRAY));

    static Plan quick(int cores) {
        List<Case> cases = new ArrayList<>();
        for (Pick pick : QUICK) {
            Comparison comparison = Comparisons.get(pick.op());
            expand(comparison, pick.size(), pick.allCores(), cores).stream()
                    .filter(c -> !pick.skip().contains(c.impl()))
                    // EJML's threaded mm is the one multi-threaded peer the quick run leaves to full
                    .filter(c -> !(c.impl() == Impl.EJML && c.threads() > 1))
                    .forEach(cases::add);
        }
        // no 256 MiB headline copy: the 128 MiB probes of the 32M rows are the DRAM ceiling here
        return new Plan(limitsFor(cases, cores, false), cases);
    }

    /** Every comparison at every size, or only the ops named in {@code only} (null or empty: all). */
    static Plan full(int cores, Set<String> only) {
        List<Case> cases = new ArrayList<>();
        for (Comparison comparison : Comparisons.all()) {
            if (only != null && !only.isEmpty() && !only.contains(comparison.name())) {
                continue;
            }
            for (int size : comparison.sizes()) {
                cases.addAll(expand(comparison, size, size >= comparison.parallelFrom(), cores).stream()
                        .filter(c -> comparison.sizes(c.impl()).contains(size))
                        .toList());
            }
        }
        return new Plan(limitsFor(cases, cores, true), cases);
    }

    /** This plan without {@code impl}'s cases, e.g. libtorch's where it cannot load. */
    Plan without(Impl impl) {
        return new Plan(limits, cases.stream().filter(c -> c.impl() != impl).toList());
    }

    int size() {
        return limits.size() + cases.size();
    }

    private static List<Case> expand(Comparison comparison, int size, boolean allCores, int cores) {
        List<Case> cases = new ArrayList<>();
        for (Impl impl : Impl.values()) {
            if (comparison.has(impl)) {
                cases.add(new Case(comparison.name(), size, impl, 1));
            }
        }
        if (allCores && cores > 1) {
            for (Impl impl : Impl.values()) {
                if (impl.threaded() && comparison.has(impl)) {
                    cases.add(new Case(comparison.name(), size, impl, cores));
                }
            }
        }
        return cases;
    }

    /**
     * The headline ceilings (the FMA peak and, unless {@code headlineCopy} is false, a 256 MiB
     * copy, on one core and on all), plus the memory ceiling of each case's kind at its operand size and thread count, so every row's
     * "of limit" divides by a probe that touched the same amount of memory, and the micro-kernel
     * alone on one core when a large product runs on one.
     */
    private static List<LimitCase> limitsFor(List<Case> cases, int cores, boolean headlineCopy) {
        Set<LimitCase> limits = new LinkedHashSet<>();
        limits.add(new LimitCase(Limit.Kind.FMA, 0, 1));
        limits.add(new LimitCase(Limit.Kind.FMA, 0, cores));
        if (headlineCopy) {
            limits.add(new LimitCase(Limit.Kind.COPY, MemoryBandwidth.LARGE, 1));
            limits.add(new LimitCase(Limit.Kind.COPY, MemoryBandwidth.LARGE, cores));
        }
        for (Case c : cases) {
            Limit limit = Comparisons.get(c.op()).limit();
            if (limit.kind() == Limit.Kind.FMA && c.threads() == 1 && c.size() >= KERNEL_FROM) {
                // beside issue #5's one-thread target: the micro-kernel alone (see MicroKernel)
                limits.add(new LimitCase(Limit.Kind.KERNEL, 0, 1));
            }
            if (limit.kind() != Limit.Kind.FMA && c.size() >= LIMITED_FROM) {
                long bytes = Comparisons.get(c.op()).probeBytes(c.size());
                limits.add(new LimitCase(limit.kind(), bytes, c.threads()));
                if (limit.kind() == Limit.Kind.COPY && bytes >= STORE_LOOP_FROM) {
                    limits.add(new LimitCase(Limit.Kind.COPY_LOOP, bytes, c.threads()));
                }
            }
        }
        return List.copyOf(limits);
    }
}
