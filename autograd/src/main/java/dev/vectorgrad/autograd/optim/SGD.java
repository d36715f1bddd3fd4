package dev.vectorgrad.autograd.optim;

import dev.vectorgrad.autograd.Variable;
import dev.vectorgrad.engine.Tensor;

/**
 * {@code torch.optim.SGD(params, lr, momentum, dampening, weight_decay, nesterov)}, with
 * PyTorch's update rule:
 * <pre>
 * g = grad + weight_decay * p
 * buf = g                                  (first step)
 * buf = momentum * buf + (1 - dampening) * g (later steps)
 * g = nesterov ? g + momentum * buf : buf    (when momentum != 0)
 * p = p - lr * g
 * </pre>
 */
public final class SGD extends Optimizer {
    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;
    private final Tensor[] momentumBuffers;
    private final Tensor[][] scratch;

    public SGD(Iterable<? extends Variable> params, double lr) {
        this(params, lr, 0, 0, 0, false);
    }

    public SGD(Iterable<? extends Variable> params, double lr, double momentum) {
        this(params, lr, momentum, 0, 0, false);
    }

    public SGD(Iterable<? extends Variable> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        super(params, lr);
        checkNonNegative("momentum", momentum);
        checkNonNegative("weight_decay", weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.momentumBuffers = new Tensor[params().size()];
        this.scratch = new Tensor[params().size()][2];
    }

    @Override
    protected void update(int i, Tensor p, Tensor grad) {
        Tensor g = grad;
        if (weightDecay != 0) {
            g = work(i, 0, p);
            p.mul(weightDecay, g);
            g.addi(grad);
        }
        if (momentum != 0) {
            Tensor buf = momentumBuffers[i];
            if (buf == null) {
                buf = momentumBuffers[i] = stateLike(p);
                buf.assign(g);
            } else {
                buf.muli(momentum);
                if (dampening == 0) {
                    buf.addi(g);
                } else {
                    Tensor t = work(i, 1, p);
                    g.mul(1 - dampening, t);
                    buf.addi(t);
                }
            }
            if (nesterov) {
                Tensor t = work(i, 1, p);
                buf.mul(momentum, t);
                g = t.addi(g);
            } else {
                g = buf;
            }
        }
        // p.add_(g, alpha=-lr), as torch.optim.SGD: one fused pass, no temporary
        p.addi(g, -lr);
    }

    /** Scratch tensor {@code k} of parameter {@code i}, made on first use and kept. */
    private Tensor work(int i, int k, Tensor p) {
        if (scratch[i][k] == null) {
            scratch[i][k] = stateLike(p);
        }
        return scratch[i][k];
    }

    /** The momentum buffer of parameter {@code i} (null before its first step or without momentum). */
    public Tensor momentumBuffer(int i) {
        return momentumBuffers[i];
    }
}
