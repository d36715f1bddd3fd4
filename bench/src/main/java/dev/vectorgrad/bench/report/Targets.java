package dev.vectorgrad.bench.report;

import dev.vectorgrad.bench.compare.Impl;
import dev.vectorgrad.bench.limit.Limit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The issues' performance targets, read off a run's rows: what was asked, what this run
 * measured, and whether it is met. A target whose rows the run did not time is left out, so the
 * quick report shows the subset it covers and the full report all of them.
 */
final class Targets {
    private Targets() {}

    private static final int M1 = 1 << 20;
    private static final int M32 = 1 << 25;

    /** Markdown rows of {@code | target | measured | met |}; empty when the run covers none. */
    static List<String> rows(Report report) {
        List<String> out = new ArrayList<>();
        for (Report.Row row : report.rows()) {
            Double vg = row.nanos.get(Impl.VECTORGRAD);
            if (vg == null) {
                continue;
            }
            String op = row.comparison.name();
            String at = row.comparison.sizeLabel(row.size) + ", " + row.threads + "T";
            if (op.equals("add_out") && row.size == M32) {
                // beside the stub's non-temporal copy, what a copy by a store loop reaches (see MemoryBandwidth)
                String loop = report.fractionOf(Limit.Kind.COPY_LOOP, row, vg)
                        .map(f -> " (" + Report.percent(f) + " of a vector store loop's copy)").orElse("");
                report.fractionOfLimit(row, vg).ifPresent(f -> out.add(line(
                        "#3 add into a preallocated out, 32M (" + at + "): >= 90% of copy bandwidth",
                        Report.percent(f) + loop, f >= 0.90)));
            }
            if (op.equals("sum") && row.size == M32) {
                report.fractionOfLimit(row, vg).ifPresent(f -> out.add(line(
                        "#3 sum of 32M (" + at + "): >= 85% of read bandwidth", Report.percent(f), f >= 0.85)));
            }
            if (op.equals("broadcast") || op.equals("add_t")) {
                contiguous(report, row).ifPresent(base -> {
                    // per element: a 5792^2 op against the 2^25 one is within 0.02%, but divide anyway
                    double ratio = (base.nanos.get(Impl.VECTORGRAD) / base.size) / (vg / row.size);
                    out.add(line("#3 " + (op.equals("add_t") ? "add of a transposed operand" : "broadcast (n,1)+(1,n)")
                            + " (" + at + "): >= 60% of contiguous add_out's speed per element",
                            Report.percent(ratio) + " (add_out " + base.comparison.sizeLabel(base.size) + ": "
                                    + Sizes.time(base.nanos.get(Impl.VECTORGRAD)) + ")", ratio >= 0.60));
                });
            }
            if ((op.equals("add_out") || op.equals("add")) && row.size == 1 << 10 && row.nanos.containsKey(Impl.JAVA_SEGMENT)) {
                double ratio = row.nanos.get(Impl.JAVA_SEGMENT) / vg;
                out.add(line("#3 " + op + " 1K (" + row.threads + "T): >= 4x the scalar loop over the same memory",
                        String.format(Locale.ROOT, "%.1fx", ratio), ratio >= 4));
            }
            if (op.equals("mm") && row.size == 1024 && row.threads == 1) {
                // beside the register-only peak, the micro-kernel alone (see MicroKernel)
                String kernel = report.fractionOf(Limit.Kind.KERNEL, row, vg)
                        .map(f -> " (" + Report.percent(f) + " of the micro-kernel in L1)").orElse("");
                report.fractionOfLimit(row, vg).ifPresent(f -> out.add(line(
                        "#5 mm 1024^3 on one thread: >= 75% of the FMA peak", Report.percent(f) + kernel, f >= 0.75)));
            }
            Double torch = row.nanos.get(Impl.LIBTORCH);
            if ((op.equals("mm") || op.equals("mm_skinny")) && torch != null && row.threads > 1) {
                double ratio = torch / vg;
                out.add(line("#5 " + op + " " + at + ": >= 1.0x libtorch at all threads",
                        String.format(Locale.ROOT, "%.2fx", ratio), ratio >= 1.0));
            }
            if (op.equals("mm") && row.size == 64 && row.threads == 1 && torch != null) {
                double ratio = vg / torch;
                out.add(line("#5 mm 64^3 latency: within 1.5x of libtorch's",
                        String.format(Locale.ROOT, "%.2fx libtorch's time", ratio), ratio <= 1.5));
            }
        }
        heap(report, out);
        return out;
    }

    /**
     * Issue #3's 0 heap bytes per op for out= and in-place forms, one line over all such rows.
     * JMH's figure includes its own bookkeeping, a few KB per measurement iteration, shared out
     * over the iteration's ops: a slow op carries tens to thousands of bytes that are not its
     * own. The segment loop allocates nothing, so its figure measures that share; scaled by the
     * two ops' times it is the share in vectorgrad's figure (the same row's loop, else the run's
     * median rate). A figure within half again that share (plus 8 bytes) cannot be told from 0.
     */
    private static void heap(Report report, List<String> out) {
        double harnessPerNano = harnessPerNano(report);
        List<String> zero = new ArrayList<>();
        List<String> floor = new ArrayList<>();
        List<String> allocating = new ArrayList<>();
        List<String> unjudged = new ArrayList<>();
        for (Report.Row row : report.rows()) {
            Double bytes = row.heap.get(Impl.VECTORGRAD);
            if (bytes == null || row.comparison.freshResult()) {
                continue;
            }
            double nanos = row.nanos.get(Impl.VECTORGRAD);
            Double control = row.heap.get(Impl.JAVA_SEGMENT);
            double share = control != null && row.nanos.containsKey(Impl.JAVA_SEGMENT)
                    ? control * nanos / row.nanos.get(Impl.JAVA_SEGMENT)
                    : Double.isNaN(harnessPerNano) ? 0 : harnessPerNano * nanos;
            String name = row.comparison.name() + " " + row.comparison.sizeLabel(row.size) + " " + row.threads + "T";
            if (bytes < 0.5) {
                zero.add(name);
            } else if (control == null && Double.isNaN(harnessPerNano)) {
                // no segment loop timed in this run (an mm-only run, say): the harness's share,
                // a few KB per iteration over a few slow ops, cannot be told from the op's own
                unjudged.add(name + " (" + Report.bytes(bytes) + ")");
            } else if (bytes <= 1.5 * share + 8) {
                floor.add(name + " (" + Report.bytes(bytes) + ", harness ~" + Report.bytes(share) + ")");
            } else {
                allocating.add(name + ": " + Report.bytes(bytes) + " B/op (harness ~" + Report.bytes(share) + ")");
            }
        }
        if (zero.isEmpty() && floor.isEmpty() && allocating.isEmpty() && unjudged.isEmpty()) {
            return;
        }
        String measured = (zero.isEmpty() ? "" : "0 B/op: " + String.join(", ", zero) + ". ")
                + (floor.isEmpty() ? "" : "within the harness's share: " + String.join(", ", floor) + ". ")
                + (allocating.isEmpty() ? "" : "allocating: " + String.join(", ", allocating) + ". ")
                + (unjudged.isEmpty() ? "" : "not judged (no segment loop in this run to measure the harness's share): "
                        + String.join(", ", unjudged) + ".");
        boolean judged = !zero.isEmpty() || !floor.isEmpty() || !allocating.isEmpty();
        out.add(line("#3 0 heap bytes per op for out= and in-place forms (JMH gc profiler)", measured.trim(),
                !judged ? "not judged" : allocating.isEmpty() ? "yes" : "**no**"));
    }

    /** The harness's heap bytes per nanosecond of op time: the median over the segment loop's rows; NaN: none. */
    private static double harnessPerNano(Report report) {
        double[] rates = report.rows().stream()
                .filter(r -> r.heap.containsKey(Impl.JAVA_SEGMENT) && r.nanos.containsKey(Impl.JAVA_SEGMENT))
                .mapToDouble(r -> r.heap.get(Impl.JAVA_SEGMENT) / r.nanos.get(Impl.JAVA_SEGMENT))
                .sorted()
                .toArray();
        return rates.length == 0 ? Double.NaN : rates[rates.length / 2];
    }

    /** The contiguous add_out row with the same thread count closest in element count, if timed. */
    private static Optional<Report.Row> contiguous(Report report, Report.Row row) {
        return report.rows().stream()
                .filter(r -> r.comparison.name().equals("add_out") && r.threads == row.threads
                        && r.nanos.containsKey(Impl.VECTORGRAD) && r.size >= M1)
                .min((x, y) -> Double.compare(Math.abs(Math.log((double) x.size / row.size)),
                        Math.abs(Math.log((double) y.size / row.size))))
                .filter(r -> Math.abs((double) r.size / row.size - 1) < 0.01);
    }

    private static String line(String target, String measured, boolean met) {
        return line(target, measured, met ? "yes" : "**no**");
    }

    private static String line(String target, String measured, String verdict) {
        return "| " + target + " | " + measured + " | " + verdict + " |";
    }
}
