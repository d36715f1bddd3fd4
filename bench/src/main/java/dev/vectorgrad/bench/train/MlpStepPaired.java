package dev.vectorgrad.bench.train;

import dev.vectorgrad.bench.peer.Torch;
import dev.vectorgrad.engine.Engine;

import java.util.Arrays;

/**
 * vectorgrad and libtorch MLP steps interleaved one by one in one JVM, medians of each: on a
 * shared, loaded machine both see the same load at the same moments, so their ratio holds up
 * better than two JMH runs taken a minute apart. Not a replacement for MlpStepBench.
 * {@code java @jdk-flags.txt -cp bench/target/benchmarks.jar dev.vectorgrad.bench.train.MlpStepPaired [threads] [steps]}.
 */
public final class MlpStepPaired {
    private MlpStepPaired() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Engine.setThreads(threads);
        Torch.setThreads(threads);
        MlpStep.Data d = MlpStep.Data.make(42);
        MlpStep.checkAgree(d);
        try (MlpStep.Model ours = MlpStep.vectorgrad(d); MlpStep.Model theirs = MlpStep.libtorch(d)) {
            for (int i = 0; i < steps; i++) { // warm-up: both compiled and settled
                ours.step();
                theirs.step();
            }
            long[] a = new long[steps];
            long[] b = new long[steps];
            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                ours.step();
                long t1 = System.nanoTime();
                theirs.step();
                long t2 = System.nanoTime();
                a[i] = t1 - t0;
                b[i] = t2 - t1;
            }
            Arrays.sort(a);
            Arrays.sort(b);
            System.out.printf("%d thread(s), %d steps: vectorgrad median %.3f ms (p25 %.3f), libtorch median %.3f ms (p25 %.3f), ratio %.2f%n",
                    threads, steps, a[steps / 2] / 1e6, a[steps / 4] / 1e6, b[steps / 2] / 1e6, b[steps / 4] / 1e6,
                    (double) a[steps / 2] / b[steps / 2]);
        }
    }
}
