package dev.vectorgrad.autograd;

import dev.vectorgrad.engine.Tensor;

import java.util.Arrays;

/**
 * A step of the recorded graph: how to turn the gradient of one op's output into gradients of its
 * inputs. It holds the tensors the rule needs (with the version each had when saved) and an edge
 * to each input's node; a leaf that requires grad is reached through its AccumulateGrad node.
 */
public final class Node {
    /** The backward rule: input gradients (shaped like the output; reduced to the inputs' shapes by the engine). */
    @FunctionalInterface
    interface Rule {
        Tensor[] apply(Node node, Tensor grad);
    }

    private final String name;
    private final Node[] next;
    private final long[][] inputShapes;
    private final Rule rule;
    private Tensor[] saved;
    private int[] savedVersions;
    private boolean released;
    /** While backward applies this node: per input, a zeroed leaf gradient the rule may write into (or null). */
    private Tensor[] gradOuts;
    /** Set only on AccumulateGrad nodes. */
    final Variable leaf;

    Node(String name, Node[] next, long[][] inputShapes, Rule rule, Tensor[] saved, Variable leaf) {
        this.name = name;
        this.next = next;
        this.inputShapes = inputShapes;
        this.rule = rule;
        this.saved = saved;
        this.leaf = leaf;
        this.savedVersions = new int[saved.length];
        for (int i = 0; i < saved.length; i++) {
            savedVersions[i] = saved[i] == null ? 0 : saved[i].version();
        }
    }

    static Node accumulateGrad(Variable leaf) {
        return new Node("AccumulateGrad", new Node[0], new long[0][], null, new Tensor[0], leaf);
    }

    /** PyTorch's name of the backward function, e.g. {@code MulBackward0}. */
    public String name() {
        return name;
    }

    /** The nodes of this node's inputs (null where an input needs no gradient), as {@code next_functions}. */
    public Node[] nextFunctions() {
        return next.clone();
    }

    Node[] next() {
        return next;
    }

    /**
     * Whether input {@code i} needs a gradient (PyTorch's {@code needs_input_grad}): rules skip
     * the work for inputs that don't, e.g. the data operand of a matrix product.
     */
    boolean needsInputGrad(int i) {
        return next[i] != null;
    }

    long[] inputShape(int i) {
        return inputShapes[i];
    }

    boolean isAccumulateGrad() {
        return leaf != null;
    }

    /**
     * A saved tensor, checked against in-place modification since it was saved and against
     * a graph already freed by an earlier backward.
     */
    Tensor saved(int i) {
        if (released) {
            throw new IllegalStateException("Trying to backward through the graph a second time (or directly access saved"
                    + " tensors after they have already been freed). Saved intermediate values of the graph are freed when"
                    + " you call backward(). Call backward(gradient, retainGraph=true) (y.backward(null, true)) if you need"
                    + " to backward through the graph a second time.");
        }
        Tensor t = saved[i];
        if (t.version() != savedVersions[i]) {
            throw new IllegalStateException("one of the variables needed for gradient computation has been modified by an"
                    + " inplace operation: [" + t.dtype() + " " + Arrays.toString(t.shape()) + "], which is saved by " + name
                    + ", is at version " + t.version() + "; expected version " + savedVersions[i] + " instead.");
        }
        return t;
    }

    Tensor[] apply(Tensor grad, Tensor[] outs) {
        gradOuts = outs;
        try {
            return rule.apply(this, grad);
        } finally {
            gradOuts = null;
        }
    }

    /**
     * The matrix product {@code a @ b} as input {@code i}'s gradient. When that input is a leaf
     * whose gradient was zeroed and this is the only gradient it gets in this backward, the
     * product is written straight into the leaf's gradient (0 + p is p), which saves a
     * temporary and the add that would accumulate it.
     */
    Tensor product(Tensor a, Tensor b, int i) {
        Tensor out = gradOuts == null ? null : gradOuts[i];
        if (out != null && out.dtype() == a.dtype() && a.dim() == 2 && b.dim() == 2
                && out.size(0) == a.size(0) && out.size(1) == b.size(1)) {
            return a.mm(b, out);
        }
        return a.mm(b);
    }

    /** Drops the saved tensors (they become collectable or are freed with their scope). */
    void release() {
        if (saved.length > 0) {
            saved = new Tensor[0];
            released = true;
        }
    }

    @Override
    public String toString() {
        return "<" + name + ">";
    }
}
