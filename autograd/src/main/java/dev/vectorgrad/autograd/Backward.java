package dev.vectorgrad.autograd;

import dev.vectorgrad.engine.Scope;
import dev.vectorgrad.engine.Tensor;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Runs backward from one output: counts how many edges reach each node, then runs nodes whose
 * every consumer has delivered its gradient, summing gradients that meet at a node. Iterative
 * (no recursion: a 100 000-node chain is fine). Gradient temporaries live in a scope of their own,
 * freed when backward returns; leaf gradients are made in the scope their leaf lives in.
 */
final class Backward {
    private Backward() {
    }

    static void run(Variable root, Tensor gradient, boolean retainGraph) {
        Node start = root.gradNode();
        if (start == null) {
            throw new IllegalStateException("element 0 of tensors does not require grad and does not have a grad_fn"
                    + " (did you forget requiresGrad() on an input, run the op inside Autograd.noGrad(), or call detach()?)");
        }
        Map<Node, Integer> dependencies = countDependencies(start);
        Map<Node, Tensor> pending = new IdentityHashMap<>();
        try (Scope scope = Scope.open()) {
            Tensor seed = gradient == null ? Tensor.onesLike(root.data()) : checkGradient(root, gradient);
            pending.put(start, seed);
            ArrayDeque<Node> ready = new ArrayDeque<>();
            ready.add(start);
            while (!ready.isEmpty()) {
                Node node = ready.poll();
                Tensor grad = pending.remove(node);
                if (node.isAccumulateGrad()) {
                    node.leaf.accumulate(grad);
                    continue;
                }
                Tensor[] outs = directOuts(node, dependencies, pending);
                Tensor[] inputGrads = node.apply(grad, outs);
                if (outs != null) {
                    for (int i = 0; i < outs.length; i++) {
                        if (outs[i] != null && inputGrads[i] == outs[i]) {
                            node.next()[i].leaf.gradWrittenInPlace = true;
                        }
                    }
                }
                if (!retainGraph) {
                    node.release();
                }
                Node[] next = node.next();
                for (int i = 0; i < next.length; i++) {
                    Node target = next[i];
                    if (target == null || inputGrads[i] == null) {
                        if (target != null) {
                            release(target, dependencies, ready);
                        }
                        continue;
                    }
                    Tensor g = reduceTo(inputGrads[i], node.inputShape(i));
                    Tensor sum = pending.get(target);
                    pending.put(target, sum == null ? g : sum.add(g));
                    release(target, dependencies, ready);
                }
            }
        }
    }

    /**
     * Per input of {@code node}: the leaf gradient its rule may overwrite, when the input is a
     * leaf whose gradient is zeroed and untouched since, and this edge is the only one left that
     * brings it a gradient; null when there is none.
     */
    private static Tensor[] directOuts(Node node, Map<Node, Integer> dependencies, Map<Node, Tensor> pending) {
        Node[] next = node.next();
        Tensor[] outs = null;
        for (int i = 0; i < next.length; i++) {
            Node target = next[i];
            if (target == null || !target.isAccumulateGrad() || pending.containsKey(target) || dependencies.get(target) != 1) {
                continue;
            }
            Tensor buffer = target.leaf.zeroedGrad(node.inputShape(i));
            if (buffer != null) {
                if (outs == null) {
                    outs = new Tensor[next.length];
                }
                outs[i] = buffer;
            }
        }
        return outs;
    }

    private static void release(Node target, Map<Node, Integer> dependencies, ArrayDeque<Node> ready) {
        int left = dependencies.merge(target, -1, Integer::sum);
        if (left == 0) {
            ready.add(target);
        }
    }

    /** How many edges (from nodes reachable from start) point at each node; iterative DFS. */
    private static Map<Node, Integer> countDependencies(Node start) {
        Map<Node, Integer> deps = new IdentityHashMap<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        deps.put(start, 0);
        stack.push(start);
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            for (Node next : node.next()) {
                if (next == null) {
                    continue;
                }
                Integer count = deps.get(next);
                deps.put(next, count == null ? 1 : count + 1);
                if (count == null) {
                    stack.push(next);
                }
            }
        }
        return deps;
    }

    private static Tensor checkGradient(Variable root, Tensor gradient) {
        if (!Arrays.equals(gradient.shape(), root.data().shape())) {
            throw new IllegalArgumentException("Mismatch in shape: grad_output[0] has a shape of "
                    + Arrays.toString(gradient.shape()) + " and output[0] has a shape of " + Arrays.toString(root.data().shape()) + ".");
        }
        return gradient;
    }

    /** sum_to_size: a gradient shaped like a broadcast output, summed back to the input's shape. */
    static Tensor reduceTo(Tensor grad, long[] shape) {
        long[] g = grad.shape();
        if (Arrays.equals(g, shape)) {
            return grad;
        }
        int lead = g.length - shape.length;
        int[] dims = new int[g.length];
        int count = 0;
        for (int d = 0; d < g.length; d++) {
            if (d < lead || (shape[d - lead] == 1 && g[d] != 1)) {
                dims[count++] = d;
            }
        }
        Tensor summed = count == 0 ? grad : grad.sum(Arrays.copyOf(dims, count), true);
        return summed.reshape(shape);
    }
}
