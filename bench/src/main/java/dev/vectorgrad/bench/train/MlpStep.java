package dev.vectorgrad.bench.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import dev.vectorgrad.autograd.Variable;
import dev.vectorgrad.autograd.nn.Loss;
import dev.vectorgrad.autograd.optim.SGD;
import dev.vectorgrad.bench.peer.Torch;
import dev.vectorgrad.engine.DType;
import dev.vectorgrad.engine.Scope;
import dev.vectorgrad.engine.Tensor;

import java.util.List;
import java.util.Random;

/**
 * One training step of issue 6's MLP (784-256-10, batch 256, float32): forward, cross-entropy,
 * backward, SGD. The same weights, batch and learning rate in vectorgrad and in libtorch through
 * DJL (its autograd: a GradientCollector, as DJL's own training loop uses), so the first step's
 * loss must agree before anything is timed.
 */
public final class MlpStep {
    public static final int IN = 784;
    public static final int HIDDEN = 256;
    public static final int OUT = 10;
    public static final int BATCH = 256;
    public static final float LR = 0.1f;

    /** Weights, a batch and labels, seeded: the same numbers for both implementations. */
    public record Data(float[] w1, float[] b1, float[] w2, float[] b2, float[] x, long[] labels) {
        public static Data make(long seed) {
            Random r = new Random(seed);
            return new Data(uniform(r, IN * HIDDEN, 1 / Math.sqrt(IN)), uniform(r, HIDDEN, 1 / Math.sqrt(IN)),
                    uniform(r, HIDDEN * OUT, 1 / Math.sqrt(HIDDEN)), uniform(r, OUT, 1 / Math.sqrt(HIDDEN)),
                    uniform(r, BATCH * IN, 1), r.longs(BATCH, 0, OUT).toArray());
        }

        private static float[] uniform(Random r, int n, double bound) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = (float) ((r.nextDouble() * 2 - 1) * bound);
            }
            return a;
        }
    }

    /**
     * Two steps from the same start in both implementations: the losses (before each update)
     * must agree to float32 rounding, or the comparison is unfair.
     */
    public static void checkAgree(Data d) {
        if (!Torch.available()) {
            return;
        }
        try (Model ours = vectorgrad(d); Model theirs = libtorch(d)) {
            for (int step = 0; step < 2; step++) {
                float a = ours.step();
                float b = theirs.step();
                if (!(Math.abs(a - b) <= 1e-4f * Math.max(1f, Math.abs(b)))) {
                    throw new IllegalStateException("MLP step " + step + ": vectorgrad loss " + a + ", libtorch loss " + b);
                }
            }
        }
    }

    /** A model that takes a step and reports the loss it computed. */
    public interface Model extends AutoCloseable {
        float step();

        @Override
        void close();
    }

    /** vectorgrad: Variables over engine tensors; the step's temporaries live in a Scope. */
    public static Model vectorgrad(Data d) {
        Scope owner = Scope.open();
        Variable w1 = Variable.param(Tensor.of(d.w1()).reshape(IN, HIDDEN));
        Variable b1 = Variable.param(Tensor.of(d.b1()));
        Variable w2 = Variable.param(Tensor.of(d.w2()).reshape(HIDDEN, OUT));
        Variable b2 = Variable.param(Tensor.of(d.b2()));
        Variable x = Variable.of(Tensor.of(d.x()).reshape(BATCH, IN));
        Tensor y = Tensor.of(d.labels());
        SGD sgd = new SGD(List.of(w1, b1, w2, b2), LR);
        return new Model() {
            @Override
            public float step() {
                try (Scope s = Scope.open()) {
                    Variable logits = x.mm(w1).add(b1).relu().mm(w2).add(b2);
                    Variable loss = Loss.crossEntropy(logits, y);
                    loss.backward();
                    sgd.step();     // p.add_(grad, alpha=-lr), as torch.optim.SGD
                    sgd.zeroGrad(); // grad.zero_(), as optimizer.zero_grad(set_to_none=False)
                    return loss.data().floatValue();
                }
            }

            @Override
            public void close() {
                owner.close();
            }
        };
    }

    /** libtorch through DJL: NDArrays that require gradients, a GradientCollector per step. */
    public static Model libtorch(Data d) {
        NDManager m = Torch.newManager();
        NDArray w1 = m.create(d.w1(), new Shape(IN, HIDDEN));
        NDArray b1 = m.create(d.b1(), new Shape(HIDDEN));
        NDArray w2 = m.create(d.w2(), new Shape(HIDDEN, OUT));
        NDArray b2 = m.create(d.b2(), new Shape(OUT));
        NDArray x = m.create(d.x(), new Shape(BATCH, IN));
        NDArray oneHot = m.create(d.labels(), new Shape(BATCH)).oneHot(OUT, DataType.FLOAT32);
        NDArray[] params = {w1, b1, w2, b2};
        for (NDArray p : params) {
            p.setRequiresGradient(true);
        }
        return new Model() {
            @Override
            public float step() {
                try (NDScope scope = new NDScope()) {
                    float value;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.zeroGradients();
                        NDArray logits = Activation.relu(x.matMul(w1).add(b1)).matMul(w2).add(b2);
                        NDArray loss = logits.logSoftmax(1).mul(oneHot).sum(new int[]{1}).neg().mean();
                        gc.backward(loss);
                        value = loss.getFloat();
                    }
                    for (NDArray p : params) {
                        p.subi(p.getGradient().mul(LR));
                    }
                    return value;
                }
            }

            @Override
            public void close() {
                m.close();
            }
        };
    }
}
