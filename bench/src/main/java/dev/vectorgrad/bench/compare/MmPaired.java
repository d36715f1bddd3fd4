package dev.vectorgrad.bench.compare;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.vectorgrad.bench.limit.FlopProbe;
import dev.vectorgrad.bench.limit.FmaPeak;
import dev.vectorgrad.bench.limit.MicroKernel;
import dev.vectorgrad.bench.peer.Torch;
import dev.vectorgrad.engine.Engine;
import dev.vectorgrad.engine.Scope;
import dev.vectorgrad.engine.Tensor;

import java.util.Arrays;
import java.util.Random;

/**
 * Square float32 products, vectorgrad's {@code a.mm(b, c)} and libtorch's {@code matMul}
 * interleaved call by call in one JVM, medians of each, as {@link dev.vectorgrad.bench.train.MlpStepPaired}
 * does for the MLP step. On this shared machine a JMH case's figure moves by up to 40% between
 * runs a minute apart (the host's other tenants), which swamps the difference between the two;
 * interleaved, both see the same moments. Not a replacement for CompareBench.
 *
 * <p>On two or more threads the pairing handicaps vectorgrad: libtorch's OpenMP workers (GNU
 * libgomp) spin for a while after each call, on the cores vectorgrad's next call needs. At
 * 1024^3 on 2 threads vectorgrad's median went from 22.3-23.8 ms to 18.3-18.5 ms with
 * {@code OMP_WAIT_POLICY=PASSIVE} in the environment, libtorch's stayed at 14.6-15.4 ms (two runs
 * each, 2026-11-22); at 512^3 PASSIVE costs libtorch instead (2.1-2.4 ms to 2.8-4.3 ms, its
 * workers woken for each call). Neither setting is neutral; quote the two-thread rows with the
 * setting, or use CompareBench, whose forks run one library each.
 * {@code java @jdk-flags.txt -cp bench/target/benchmarks.jar dev.vectorgrad.bench.compare.MmPaired [sizes] [threads] [seconds]},
 * e.g. {@code 256,1024 1,2 10}.
 *
 * <p>On one thread each round also runs the register-only {@link FmaPeak} and the engine's
 * micro-kernel alone ({@link MicroKernel}, operands in L1) for about as long as vectorgrad's call
 * took, and reports the medians of the per-round ratios: issue #5's "share of the FMA peak" measured in the same moments, where
 * the report's figure divides by a probe that ran in another fork minutes away.
 */
public final class MmPaired {
    private MmPaired() {
    }

    public static void main(String[] args) {
        int[] sizes = ints(args.length > 0 ? args[0] : "256,1024");
        int[] threadCounts = ints(args.length > 1 ? args[1] : "1,2");
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        for (int n : sizes) {
            for (int threads : threadCounts) {
                run(n, threads, seconds);
            }
        }
    }

    private static void run(int n, int threads, double seconds) {
        Engine.setThreads(threads);
        Torch.setThreads(threads);
        Random r = new Random(n);
        float[] av = new float[n * n];
        float[] bv = new float[n * n];
        for (int i = 0; i < av.length; i++) {
            av[i] = r.nextFloat() - 0.5f;
            bv[i] = r.nextFloat() - 0.5f;
        }
        try (Scope scope = Scope.open(); NDManager manager = Torch.newManager()) {
            Tensor a = Tensor.of(av).reshape(n, n);
            Tensor b = Tensor.of(bv).reshape(n, n);
            Tensor c = Tensor.empty(n, n);
            NDArray ta = manager.create(av, new Shape(n, n));
            NDArray tb = manager.create(bv, new Shape(n, n));
            // warm-up: a third of the time, both compiled and settled
            long warm = System.nanoTime() + (long) (seconds / 3 * 1e9);
            while (System.nanoTime() < warm) {
                a.mm(b, c);
                try (NDScope s = new NDScope()) {
                    ta.matMul(tb);
                }
            }
            boolean probes = threads == 1;
            Probes peak = probes ? new Probes() : null;
            if (probes) {
                peak.warm(seconds / 3);
            }
            int calls = 0;
            long[] ours = new long[1 << 16];
            long[] theirs = new long[1 << 16];
            double[] ofPeak = new double[ours.length];
            double[] ofKernel = new double[ours.length];
            double[] torchOfPeak = new double[ours.length];
            double flops = 2.0 * n * n * n;
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end && calls < ours.length) {
                long t0 = System.nanoTime();
                a.mm(b, c);
                long t1 = System.nanoTime();
                try (NDScope s = new NDScope()) {
                    ta.matMul(tb);
                }
                long t2 = System.nanoTime();
                ours[calls] = t1 - t0;
                theirs[calls] = t2 - t1;
                if (probes) {
                    double rate = flops / (t1 - t0);
                    ofPeak[calls] = rate / peak.fma(t1 - t0);
                    ofKernel[calls] = rate / peak.kernel(t1 - t0);
                    torchOfPeak[calls] = flops / (t2 - t1) / peak.fma(t2 - t1);
                }
                calls++;
            }
            long[] o = Arrays.copyOf(ours, calls);
            long[] t = Arrays.copyOf(theirs, calls);
            Arrays.sort(o);
            Arrays.sort(t);
            System.out.printf("mm %dx%d, %d thread(s), %d pairs: vectorgrad median %s (p25 %s), libtorch median %s (p25 %s), libtorch/vectorgrad %.2fx%n",
                    n, n, threads, calls, time(o[calls / 2]), time(o[calls / 4]), time(t[calls / 2]), time(t[calls / 4]),
                    (double) t[calls / 2] / o[calls / 2]);
            if (probes) {
                System.out.printf("  per round (median, p25-p75): vectorgrad %s of the FMA peak, %s of the micro-kernel in L1; libtorch %s of the FMA peak%n",
                        quartiles(ofPeak, calls), quartiles(ofKernel, calls), quartiles(torchOfPeak, calls));
            }
        }
    }

    private static String time(long ns) {
        return ns >= 1_000_000 ? String.format("%.2f ms", ns / 1e6) : String.format("%.1f us", ns / 1e3);
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static String quartiles(double[] values, int count) {
        double[] v = Arrays.copyOf(values, count);
        Arrays.sort(v);
        return String.format("%.0f%% (%.0f-%.0f%%)", 100 * v[count / 2], 100 * v[count / 4], 100 * v[3 * count / 4]);
    }

    /** The FMA peak and the micro-kernel alone, each run for a given time; flops per nanosecond (GFLOP/s). */
    private static final class Probes {
        private final FmaPeak probe = new FmaPeak();
        private final MicroKernel kernel = new MicroKernel();
        private final FlopProbe.Done done = new FlopProbe.Done();
        private float sink;

        void warm(double seconds) {
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                rate(false, 1_000_000);
                rate(true, 1_000_000);
            }
        }

        double fma(long nanos) {
            return rate(false, nanos);
        }

        double kernel(long nanos) {
            return rate(true, nanos);
        }

        /** Runs the micro-kernel or the register-only probe for at least {@code nanos}: flops per ns. */
        private double rate(boolean ofKernel, long nanos) {
            done.flops = 0;
            long t0 = System.nanoTime();
            long t;
            do {
                if (ofKernel) {
                    kernel.run(done);
                } else {
                    sink += probe.fma(done);
                }
                t = System.nanoTime();
            } while (t - t0 < nanos);
            return (double) done.flops / (t - t0);
        }
    }
}
