package dev.vectorgrad.autograd;

import dev.vectorgrad.autograd.nn.Loss;
import dev.vectorgrad.autograd.optim.SGD;
import dev.vectorgrad.engine.DType;
import dev.vectorgrad.engine.Scope;
import dev.vectorgrad.engine.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The shortcuts a training step takes keep PyTorch's results: rules skip gradients no input
 * needs, a zeroed leaf gradient is written in place by the matrix product that is its only
 * gradient, and the fused ReLU / log-softmax / nll-loss / SGD ops give what the composed ops give.
 */
class TrainingFastPathTest {
    /** w's gradient of sum((x @ w) * c), computed from scratch: x^T c. */
    private static Tensor reference(Tensor x, Tensor c) {
        return x.t().mm(c);
    }

    @Test
    void inputsThatNeedNoGradientGetNone() {
        try (Scope s = Scope.open()) {
            Variable x = Variable.of(Tensor.randn(DType.FLOAT64, 4, 3));
            Variable w = Variable.param(Tensor.randn(DType.FLOAT64, 3, 2));
            Tensor c = Tensor.randn(DType.FLOAT64, 4, 2);
            x.mm(w).mul(Variable.of(c)).sum().backward();
            assertNull(x.grad());
            assertTrue(w.grad().allclose(reference(x.data(), c)));
            // the other side: only the first operand requires grad
            Variable a = Variable.param(Tensor.randn(DType.FLOAT64, 4, 3));
            Variable b = Variable.of(Tensor.randn(DType.FLOAT64, 3, 2));
            a.mm(b).mul(Variable.of(c)).sum().backward();
            assertNull(b.grad());
            assertTrue(a.grad().allclose(c.mm(b.data().t())));
            // mul, div, dot, mv, matmul, linear, mse, where with one side constant
            Variable v = Variable.param(Tensor.randn(DType.FLOAT64, 3));
            Variable k = Variable.of(Tensor.randn(DType.FLOAT64, 3));
            v.mul(k).sum().add(v.div(k.abs().add(1.0)).sum()).add(v.dot(k)).add(k.dot(v)).backward();
            Tensor expected = k.data().mul(3.0).add(k.data().abs().add(1.0).reciprocal());
            assertTrue(v.grad().allclose(expected));
            Variable m = Variable.of(Tensor.randn(DType.FLOAT64, 2, 3));
            Variable lin = Variable.param(Tensor.randn(DType.FLOAT64, 4, 3));
            m.linear(lin).sum().backward();
            assertTrue(lin.grad().allclose(Tensor.ones(DType.FLOAT64, 4, 2).mm(m.data())));
        }
    }

    @Test
    void zeroedLeafGradientIsWrittenInPlaceAndAccumulatesAfterwards() {
        try (Scope s = Scope.open()) {
            Tensor xd = Tensor.randn(5, 4);
            Tensor c = Tensor.randn(5, 3);
            Variable x = Variable.of(xd);
            Variable w = Variable.param(Tensor.randn(4, 3));
            Tensor ref = reference(xd, c);
            x.mm(w).mul(Variable.of(c)).sum().backward();
            Tensor g = w.grad();
            assertTrue(g.allclose(ref));
            // a second backward without zeroing adds
            x.mm(w).mul(Variable.of(c)).sum().backward();
            assertSame(g, w.grad());
            assertTrue(g.allclose(ref.mul(2.0)));
            // zeroGrad zeroes the tensor a caller holds, at once, as grad.zero_()
            w.zeroGrad();
            assertEquals(0.0, g.abs().sum().item());
            int v = g.version();
            x.mm(w).mul(Variable.of(c)).sum().backward();
            assertSame(g, w.grad());
            assertTrue(g.allclose(ref));
            assertTrue(g.version() > v);
            // and accumulates again after that
            x.mm(w).mul(Variable.of(c)).sum().backward();
            assertTrue(g.allclose(ref.mul(2.0)));
            // a gradient written to after zeroGrad is added to, not overwritten
            w.zeroGrad();
            g.addi(1.0);
            x.mm(w).mul(Variable.of(c)).sum().backward();
            assertTrue(g.allclose(ref.add(1.0)));
        }
    }

    @Test
    void leafReachedTwiceGetsTheSumOfItsGradients() {
        try (Scope s = Scope.open()) {
            Tensor xd = Tensor.randn(5, 4);
            Variable x = Variable.of(xd);
            Variable w = Variable.param(Tensor.randn(4, 3));
            Tensor c = Tensor.ones(5, 3);
            x.mm(w).sum().backward();
            w.zeroGrad();
            x.mm(w).add(x.mm(w)).sum().backward();
            assertTrue(w.grad().allclose(reference(xd, c).mul(2.0)));
            // a leaf whose own gradient is fed back as the seed: added, not mistaken for a direct write
            Variable p = Variable.param(Tensor.ones(3));
            p.mul(2.0).sum().backward();
            p.backward(p.grad());
            assertArrayEquals(new float[]{4, 4, 4}, p.grad().toFloatArray());
        }
    }

    @Test
    void mlpStepMatchesTheComposedOpsAndNamesNodesAsPyTorch() {
        try (Scope s = Scope.open()) {
            Tensor.manualSeed(3);
            Tensor xd = Tensor.randn(DType.FLOAT64, 8, 6);
            Tensor y = Tensor.of(new long[]{0, 1, 2, 3, 0, 1, 2, 3});
            Variable w1 = Variable.param(Tensor.randn(DType.FLOAT64, 6, 5));
            Variable b1 = Variable.param(Tensor.randn(DType.FLOAT64, 5));
            Variable w2 = Variable.param(Tensor.randn(DType.FLOAT64, 5, 4));
            Variable b2 = Variable.param(Tensor.randn(DType.FLOAT64, 4));
            Variable x = Variable.of(xd);
            Variable loss = Loss.crossEntropy(x.mm(w1).add(b1).relu().mm(w2).add(b2), y);
            assertEquals("NllLossBackward0", loss.gradFn().name());
            assertEquals("LogSoftmaxBackward0", loss.gradFn().nextFunctions()[0].name());
            assertEquals("AddBackward0", loss.gradFn().nextFunctions()[0].nextFunctions()[0].name());
            loss.backward();
            // the same loss from composed ops with their own rules
            Variable[] p2 = {Variable.param(w1.data().clone()), Variable.param(b1.data().clone()),
                    Variable.param(w2.data().clone()), Variable.param(b2.data().clone())};
            Variable h = x.mm(p2[0]).add(p2[1]);
            Variable r = Variable.where(h.data().gt(0.0), h, Variable.of(Tensor.zerosLike(h.data())));
            Variable logits = r.mm(p2[2]).add(p2[3]);
            Variable shifted = logits.sub(Variable.of(logits.data().max(1, true)));
            Variable logp = shifted.sub(shifted.exp().sum(1, true).log());
            Tensor onehot = Tensor.zeros(DType.FLOAT64, 8, 4).scatteri(1, y.unsqueeze(1), 1.0);
            Variable composed = logp.mul(Variable.of(onehot)).sum().div(-8.0);
            assertEquals(composed.item(), loss.item(), 1e-12);
            composed.backward();
            Variable[] p1 = {w1, b1, w2, b2};
            for (int i = 0; i < 4; i++) {
                assertTrue(p1[i].grad().allclose(p2[i].grad(), 1e-9, 1e-12), "parameter " + i);
            }
            // SGD: p.add_(g, alpha=-lr)
            Tensor before = w1.data().clone();
            SGD sgd = new SGD(List.of(w1, b1, w2, b2), 0.1);
            sgd.step();
            assertTrue(w1.data().allclose(before.sub(w1.grad().mul(0.1))));
            sgd.zeroGrad();
            assertEquals(0.0, w1.grad().abs().sum().item());
        }
    }
}
