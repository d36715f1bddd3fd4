package dev.vectorgrad.bench.report;

import dev.vectorgrad.bench.compare.Comparison;
import dev.vectorgrad.bench.compare.Impl;
import dev.vectorgrad.bench.limit.Ceiling;
import dev.vectorgrad.bench.limit.Limit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The results of one run, in the order they were planned, and the Markdown they make: the
 * machine, its measured ceilings, then one row per (op, size, threads) with each
 * implementation's time per op, vectorgrad's speed against its best peer, and the fraction of
 * the machine's limit reached.
 */
public final class Report {

    /** Iterations spreading wider than this ((max - min) / median) mark a figure as disturbed. */
    public static final double UNSTABLE = 0.25;

    /** One row of the comparison table. */
    public static final class Row {
        final Comparison comparison;
        final int size;
        final int threads;
        final Map<Impl, Double> nanos = new EnumMap<>(Impl.class);
        final Map<Impl, Double> spreads = new EnumMap<>(Impl.class);
        /** Heap bytes per op, where the gc profiler measured them (vectorgrad's cases). */
        final Map<Impl, Double> heap = new EnumMap<>(Impl.class);

        Row(Comparison comparison, int size, int threads) {
            this.comparison = comparison;
            this.size = size;
            this.threads = threads;
        }

        /** The fastest peer (anything but vectorgrad) and its time. */
        Optional<Map.Entry<Impl, Double>> bestPeer() {
            return nanos.entrySet().stream()
                    .filter(e -> e.getKey() != Impl.VECTORGRAD)
                    .min(Map.Entry.comparingByValue());
        }
    }

    private final String title;
    private final List<String> header = new ArrayList<>();
    private final List<Ceiling> ceilings = new ArrayList<>();
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    public Report(String title) {
        this.title = title;
    }

    /** A line under the title: the machine, the libtorch status. */
    public void header(String line) {
        header.add(line);
    }

    /** A line under the tables: failures, skipped peers. */
    public void note(String line) {
        notes.add(line);
    }

    public void ceiling(Ceiling ceiling) {
        ceilings.add(ceiling);
    }

    /** Reserves the row so it keeps plan order even when its first case fails. */
    public void plan(Comparison comparison, int size, int threads) {
        rows.computeIfAbsent(key(comparison, size, threads), k -> new Row(comparison, size, threads));
    }

    public void timing(Comparison comparison, int size, int threads, Impl impl, double nanos, double spread) {
        timing(comparison, size, threads, impl, nanos, spread, Double.NaN);
    }

    /** As above, with heap bytes per op from JMH's gc profiler (NaN: not measured). */
    public void timing(Comparison comparison, int size, int threads, Impl impl, double nanos, double spread,
                       double heapPerOp) {
        plan(comparison, size, threads);
        Row row = rows.get(key(comparison, size, threads));
        row.nanos.put(impl, nanos);
        row.spreads.put(impl, spread);
        if (!Double.isNaN(heapPerOp)) {
            row.heap.put(impl, heapPerOp);
        }
    }

    private static String key(Comparison comparison, int size, int threads) {
        return comparison.name() + "/" + size + "/" + threads;
    }

    public List<Row> rows() {
        return List.copyOf(rows.values());
    }

    /** The ceiling of {@code kind} measured at {@code bytes} on {@code threads} threads, if any. */
    public Optional<Ceiling> ceiling(Limit.Kind kind, long bytes, int threads) {
        return ceilings.stream()
                .filter(c -> c.kind() == kind && c.threads() == threads && (kind.compute() || c.bytes() == bytes))
                .findFirst();
    }

    /** Fraction of the row's limit that {@code nanos} per op reaches, if the ceiling was measured. */
    public Optional<Double> fractionOfLimit(Row row, double nanos) {
        return fractionOf(row.comparison.limit().kind(), row, nanos);
    }

    /** Fraction of the ceiling of {@code kind} at the row's probe size that {@code nanos} per op reaches, if measured. */
    public Optional<Double> fractionOf(Limit.Kind kind, Row row, double nanos) {
        return ceiling(kind, row.comparison.probeBytes(row.size), row.threads)
                .map(c -> row.comparison.work(row.size) / (nanos * 1e-9) / c.rate());
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(title).append(" (").append(LocalDate.now()).append(")\n\n");
        header.forEach(line -> md.append(line).append("  \n"));
        md.append('\n');
        limits(md);
        comparisons(md);
        md.append('\n');
        targets(md);
        legend(md);
        return md.toString();
    }

    private void limits(StringBuilder md) {
        List<Integer> threadCounts = ceilings.stream().map(Ceiling::threads).distinct().sorted().toList();
        md.append("### Machine limits, measured in this run\n\n| probe |");
        threadCounts.forEach(t -> md.append(' ').append(t).append(t == 1 ? " thread |" : " threads |"));
        md.append("\n|---|");
        threadCounts.forEach(t -> md.append("---:|"));
        md.append('\n');
        Map<String, Map<Integer, Ceiling>> byProbe = new LinkedHashMap<>();
        for (Ceiling c : ceilings) {
            String probe = switch (c.kind()) {
                case FMA -> "FMA peak (register-only, float)";
                case KERNEL -> "GEMM micro-kernel alone, operands in L1 (float)";
                case COPY -> "copy " + Sizes.bytes(c.bytes()) + " (read + written)";
                case COPY_LOOP -> "copy " + Sizes.bytes(c.bytes()) + " by a vector store loop (read + written)";
                case READ -> "read " + Sizes.bytes(c.bytes());
            };
            byProbe.computeIfAbsent(probe, k -> new LinkedHashMap<>()).put(c.threads(), c);
        }
        byProbe.forEach((probe, byThreads) -> {
            md.append("| ").append(probe).append(" |");
            for (int t : threadCounts) {
                Ceiling c = byThreads.get(t);
                md.append(' ').append(c == null ? "—" : mark(c.spread())
                        + String.format(Locale.ROOT, "%.1f %s", c.giga(), c.kind().unit())).append(" |");
            }
            md.append('\n');
        });
        md.append('\n');
    }

    private void comparisons(StringBuilder md) {
        // vectorgrad always has its column; a peer only where some row's op has it (EJML: mm).
        List<Impl> columns = java.util.Arrays.stream(Impl.values())
                .filter(i -> i == Impl.VECTORGRAD || rows.values().stream().anyMatch(r -> r.comparison.has(i)))
                .toList();
        md.append("### Time per operation (lower is better)\n\n| op | size | threads |");
        columns.forEach(i -> md.append(' ').append(i.title()).append(" |"));
        md.append(" vectorgrad vs best peer | of limit: vectorgrad; best peer | heap B/op: vectorgrad; segment loop |\n|---|---:|---:|");
        columns.forEach(i -> md.append("---:|"));
        md.append("---:|---|---:|\n");
        for (Row row : rows.values()) {
            md.append("| ").append(row.comparison.name())
                    .append(" | ").append(row.comparison.sizeLabel(row.size))
                    .append(" | ").append(row.threads);
            for (Impl impl : columns) {
                md.append(" | ").append(cell(row, impl));
            }
            md.append(" | ").append(speedup(row))
                    .append(" | ").append(fractions(row))
                    .append(" | ").append(heap(row)).append(" |\n");
        }
    }

    private static String cell(Row row, Impl impl) {
        Double nanos = row.nanos.get(impl);
        return nanos == null ? "—" : mark(row.spreads.getOrDefault(impl, 0.0)) + Sizes.time(nanos);
    }

    /**
     * vectorgrad's heap bytes per op, and the segment loop's beside it as the control: that loop
     * allocates nothing, so its figure is what the harness itself adds per op.
     */
    private static String heap(Row row) {
        if (!row.heap.containsKey(Impl.VECTORGRAD) && !row.heap.containsKey(Impl.JAVA_SEGMENT)) {
            return "—";
        }
        return bytes(row.heap.get(Impl.VECTORGRAD)) + "; " + bytes(row.heap.get(Impl.JAVA_SEGMENT));
    }

    static String bytes(Double perOp) {
        return perOp == null ? "—" : String.format(Locale.ROOT, "%.0f", perOp);
    }

    private static String mark(double spread) {
        return spread > UNSTABLE ? "~" : "";
    }

    private static String speedup(Row row) {
        Double mine = row.nanos.get(Impl.VECTORGRAD);
        Optional<Map.Entry<Impl, Double>> best = row.bestPeer();
        if (mine == null || best.isEmpty()) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2fx (%s)", best.get().getValue() / mine, best.get().getKey());
    }

    private String fractions(Row row) {
        String mine = Optional.ofNullable(row.nanos.get(Impl.VECTORGRAD))
                .flatMap(t -> fractionOfLimit(row, t)).map(Report::percent).orElse("—");
        String peer = row.bestPeer()
                .flatMap(e -> fractionOfLimit(row, e.getValue()).map(f -> percent(f) + " " + e.getKey()))
                .orElse("—");
        return mine + "; " + peer;
    }

    private void targets(StringBuilder md) {
        List<String> rows = Targets.rows(this);
        if (rows.isEmpty()) {
            return;
        }
        md.append("### Targets (issues #3 and #5), from the rows above\n\n| target | measured (vectorgrad) | met |\n|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        md.append('\n');
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
    }

    private void legend(StringBuilder md) {
        Map<String, Comparison> ops = new LinkedHashMap<>();
        rows.values().forEach(r -> ops.putIfAbsent(r.comparison.name(), r.comparison));
        md.append("Ops (float32, every implementation computes the same thing and is checked against a "
                + "double-precision reference before it is timed):\n");
        ops.values().forEach(c -> md.append("- `").append(c.name()).append("`: `").append(c.semantics())
                .append("`; limit: ").append(limitText(c))
                .append(c.note() == null ? "" : "; " + c.note()).append('\n'));
        md.append("\nTimes are the median of the measurement iterations, ceilings likewise; \"~\" marks a "
                + "figure whose iterations spread by more than " + percent(UNSTABLE) + " of it (a disturbed run). ");
        md.append("\"vectorgrad vs best peer\" is the best peer's time divided by vectorgrad's: above 1 "
                + "vectorgrad is faster. \"of limit\" is the op's bytes (or flops) per second divided by the "
                + "ceiling measured in this run at the same operand size and thread count. The copy ceiling is "
                + "`MemorySegment.copy`, HotSpot's arraycopy stub: on 512-bit x86 it writes copies of 2.5 MB and more "
                + "with non-temporal (cache-bypassing) stores, which skip the read of each destination line that every "
                + "store a Java kernel can make pays first. So a loop over L2/L3-sized operands can exceed it (above "
                + "100%), and past the caches no out= kernel reaches it: the \"vector store loop\" copy beside it "
                + "copies the same bytes with Vector API loads and stores, as vectorgrad's kernels write. "
                + "\"heap B/op\" is JMH's gc profiler's gc.alloc.rate.norm: Java heap bytes allocated per op by every "
                + "thread of the fork, median of the iterations, for vectorgrad's case and the segment loop's. Issue #3 "
                + "wants 0 for out= and in-place forms (a fresh result's Scope and tensor objects are on the heap by "
                + "design). The segment loop allocates nothing, so its figure is the harness's own share: JMH's "
                + "bookkeeping per measurement iteration divided by the ops in it, near 0 for fast ops and tens to "
                + "hundreds of bytes where an op takes milliseconds. "
                + "\"—\": no such variant (yet), or not measured.\n");
        notes.forEach(n -> md.append("\n").append(n).append('\n'));
    }

    private static String limitText(Comparison c) {
        Limit limit = c.limit();
        String per = c.workText();
        return switch (limit.kind()) {
            case COPY, COPY_LOOP -> "copy bandwidth, " + (int) limit.perElement() + " bytes moved" + per;
            case READ -> "read bandwidth, " + (int) limit.perElement() + " bytes read" + per;
            case FMA, KERNEL -> "FMA peak, " + (int) limit.perElement() + " flops" + per;
        };
    }
}
