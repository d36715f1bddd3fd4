package dev.vectorgrad.bench.train;

import dev.vectorgrad.autograd.optim.SGD;
import dev.vectorgrad.autograd.Variable;
import dev.vectorgrad.autograd.nn.Loss;
import dev.vectorgrad.engine.Engine;
import dev.vectorgrad.engine.Scope;
import dev.vectorgrad.engine.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an MLP step's time goes: (1) the autograd step split into forward / backward / SGD /
 * scope close, (2) the ops its rules run replayed as plain engine calls, each timed. Not a benchmark
 * (no JMH): a rough breakdown to decide what to cut. {@code java @jdk-flags.txt -cp
 * bench/target/benchmarks.jar dev.vectorgrad.bench.train.MlpProfile [threads] [iterations]}.
 */
public final class MlpProfile {
    private final Map<String, long[]> times = new LinkedHashMap<>();
    private long mark;

    private void start() {
        mark = System.nanoTime();
    }

    private void lap(String what) {
        long now = System.nanoTime();
        times.computeIfAbsent(what, k -> new long[1])[0] += now - mark;
        mark = System.nanoTime();
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int iters = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Engine.setThreads(threads);
        System.out.println(Engine.info());
        MlpStep.Data d = MlpStep.Data.make(42);
        if (args.length > 2 && args[2].equals("autograd-only")) { // for a sampling profiler: only the step
            new MlpProfile().autogradStep(d, iters);
            return;
        }
        for (int round = 0; round < 3; round++) {
            MlpProfile autograd = new MlpProfile();
            MlpProfile fused = new MlpProfile();
            autograd.autogradStep(d, iters);
            fused.fusedStep(d, iters);
            autograd.print("autograd step, " + threads + " thread(s), round " + round, iters);
            fused.print("engine replay of the current rules, " + threads + " thread(s), round " + round, iters);
        }
    }

    private void print(String title, int iters) {
        System.out.println("== " + title);
        long total = 0;
        for (long[] t : times.values()) {
            total += t[0];
        }
        for (var e : times.entrySet()) {
            System.out.printf("  %-34s %8.1f us  %5.1f%%%n", e.getKey(), e.getValue()[0] / 1e3 / iters, 100.0 * e.getValue()[0] / total);
        }
        System.out.printf("  %-34s %8.1f us%n", "total", total / 1e3 / iters);
    }

    private void autogradStep(MlpStep.Data d, int iters) {
        try (Scope owner = Scope.open()) {
            Variable w1 = Variable.param(Tensor.of(d.w1()).reshape(MlpStep.IN, MlpStep.HIDDEN));
            Variable b1 = Variable.param(Tensor.of(d.b1()));
            Variable w2 = Variable.param(Tensor.of(d.w2()).reshape(MlpStep.HIDDEN, MlpStep.OUT));
            Variable b2 = Variable.param(Tensor.of(d.b2()));
            Variable x = Variable.of(Tensor.of(d.x()).reshape(MlpStep.BATCH, MlpStep.IN));
            Tensor y = Tensor.of(d.labels());
            SGD sgd = new SGD(java.util.List.of(w1, b1, w2, b2), MlpStep.LR);
            for (int it = -iters; it < iters; it++) {
                if (it == 0) {
                    times.clear();
                }
                start();
                Scope s = Scope.open();
                lap("scope open");
                Variable a1 = x.mm(w1);
                lap("forward x@w1");
                Variable h = a1.add(b1).relu();
                lap("forward add b1, relu");
                Variable logits = h.mm(w2).add(b2);
                lap("forward h@w2 + b2");
                Variable loss = Loss.crossEntropy(logits, y);
                lap("forward loss");
                loss.backward();
                lap("backward");
                sgd.step();
                lap("sgd step");
                sgd.zeroGrad();
                lap("zeroGrad");
                loss.data().floatValue();
                s.close();
                lap("scope close");
            }
        }
    }

    /** The ops the current rules run (fused nn ops, no unneeded gradient, direct leaf writes), as engine calls. */
    private void fusedStep(MlpStep.Data d, int iters) {
        try (Scope owner = Scope.open()) {
            Tensor w1 = Tensor.of(d.w1()).reshape(MlpStep.IN, MlpStep.HIDDEN);
            Tensor b1 = Tensor.of(d.b1());
            Tensor w2 = Tensor.of(d.w2()).reshape(MlpStep.HIDDEN, MlpStep.OUT);
            Tensor b2 = Tensor.of(d.b2());
            Tensor x = Tensor.of(d.x()).reshape(MlpStep.BATCH, MlpStep.IN);
            Tensor y = Tensor.of(d.labels());
            Tensor gw1 = Tensor.zerosLike(w1);
            Tensor gb1 = Tensor.zerosLike(b1);
            Tensor gw2 = Tensor.zerosLike(w2);
            Tensor gb2 = Tensor.zerosLike(b2);
            for (int it = -iters; it < iters; it++) {
                if (it == 0) {
                    times.clear();
                }
                try (Scope s = Scope.open()) {
                    start();
                    Tensor a1 = x.mm(w1);
                    lap("fwd mm x@w1 (256x784x256)");
                    Tensor z1 = a1.add(b1);
                    lap("fwd add b1");
                    Tensor h = z1.relu();
                    lap("fwd relu");
                    Tensor a2 = h.mm(w2);
                    lap("fwd mm h@w2 (256x256x10)");
                    Tensor logits = a2.add(b2);
                    lap("fwd add b2");
                    Tensor ls = logits.logSoftmax(1);
                    lap("fwd log_softmax");
                    Tensor loss = ls.nllLoss(y);
                    lap("fwd nll");
                    Tensor seed = Tensor.onesLike(loss);
                    Tensor gls = seed.nllLossBackward(ls, y);
                    lap("bwd nll");
                    Tensor glogits = gls.logSoftmaxBackward(ls, 1);
                    lap("bwd log_softmax");
                    Tensor gb2s = glogits.sum(new int[]{0}, true).reshape(MlpStep.OUT);
                    lap("bwd b2 sum");
                    Tensor gh = glogits.mm(w2.t());
                    lap("bwd mm g@w2^T (256x10x256)");
                    h.t().mm(glogits, gw2);
                    lap("bwd mm h^T@g (256x256x10) into grad");
                    Tensor gz1 = gh.thresholdBackward(h, 0);
                    lap("bwd relu (threshold_backward)");
                    Tensor gb1s = gz1.sum(new int[]{0}, true).reshape(MlpStep.HIDDEN);
                    lap("bwd b1 sum");
                    x.t().mm(gz1, gw1);
                    lap("bwd mm x^T@g (784x256x256) into grad");
                    gb1.assign(gb1s);
                    gb2.assign(gb2s);
                    lap("accumulate bias grads (assign)");
                    w1.addi(gw1, -MlpStep.LR);
                    b1.addi(gb1, -MlpStep.LR);
                    w2.addi(gw2, -MlpStep.LR);
                    b2.addi(gb2, -MlpStep.LR);
                    lap("sgd add_(g, alpha=-lr)");
                    gw1.zero();
                    gb1.zero();
                    gw2.zero();
                    gb2.zero();
                    lap("zeroGrad");
                    loss.floatValue();
                }
                lap("scope close");
            }
        }
    }
}
