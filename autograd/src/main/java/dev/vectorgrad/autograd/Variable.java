package dev.vectorgrad.autograd;

import dev.vectorgrad.engine.DType;
import dev.vectorgrad.engine.Scope;
import dev.vectorgrad.engine.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tensor that records the ops applied to it, so {@link #backward()} can compute gradients, as a
 * PyTorch tensor with {@code requires_grad} does. The values are an engine {@link Tensor}
 * ({@link #data()}, no copy); every op runs the engine's kernels forward and its backward rule
 * runs the same kernels. The engine knows nothing of gradients.
 *
 * <p>Sealed: the one subclass is {@link dev.vectorgrad.autograd.nn.Parameter}, a leaf that a
 * module registers (as {@code torch.nn.Parameter} is a tensor).
 */
public sealed class Variable permits dev.vectorgrad.autograd.nn.Parameter {
    private final Tensor data;
    private final Node gradFn;
    private boolean requiresGrad;
    private Tensor grad;
    private Node accumulator;
    /** grad's version right after zeroGrad zeroed it (-1: not known to be zero). */
    private int zeroVersion = -1;
    /** Set by backward when a rule wrote this leaf's only gradient straight into grad. */
    boolean gradWrittenInPlace;

    private Variable(Tensor data, Node gradFn, boolean requiresGrad) {
        this.data = data;
        this.gradFn = gradFn;
        this.requiresGrad = requiresGrad;
    }

    /** A leaf over {@code data} that requires grad: the constructor of {@code Parameter}. */
    protected Variable(Tensor data) {
        this(data, null, false);
        requiresGrad(true);
    }

    // ------------------------------------------------------------------ leaves

    /** A leaf over {@code data} (no copy) that does not require grad until {@link #requiresGrad()}. */
    public static Variable of(Tensor data) {
        return new Variable(data, null, false);
    }

    /** A leaf that requires grad: {@code torch.randn(3, requires_grad=True)}. */
    public static Variable param(Tensor data) {
        return of(data).requiresGrad();
    }

    /** {@code x.requires_grad_(True)}: only leaves of a floating dtype can require gradients. */
    public Variable requiresGrad() {
        return requiresGrad(true);
    }

    public Variable requiresGrad(boolean flag) {
        if (gradFn != null) {
            throw new IllegalStateException("you can only change requires_grad flags of leaf variables.");
        }
        if (flag && !data.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("only Tensors of floating point dtype can require gradients (got " + data.dtype() + ")");
        }
        requiresGrad = flag;
        return this;
    }

    public boolean isRequiresGrad() {
        return requiresGrad;
    }

    public boolean isLeaf() {
        return gradFn == null;
    }

    /** The values (shared, no copy). */
    public Tensor data() {
        return data;
    }

    /** The accumulated gradient of a leaf; null until a backward reaches it. */
    public Tensor grad() {
        return grad;
    }

    /** The node that made this variable ({@code grad_fn}); null for leaves. */
    public Node gradFn() {
        return gradFn;
    }

    /** {@code x.grad.zero_()}: keeps the gradient tensor, zeroed; nothing to do before the first backward. */
    public void zeroGrad() {
        if (grad != null) {
            grad.zero();
            zeroVersion = grad.version();
        }
    }

    /** {@code x.grad = None}. */
    public void clearGrad() {
        grad = null;
        zeroVersion = -1;
    }

    /** The same values with no history: shares storage, requires no grad. */
    public Variable detach() {
        return new Variable(data, null, false);
    }

    public double item() {
        return data.item();
    }

    public long[] shape() {
        return data.shape();
    }

    public int dim() {
        return data.dim();
    }

    public long numel() {
        return data.numel();
    }

    public DType dtype() {
        return data.dtype();
    }

    // ------------------------------------------------------------------ backward

    /** {@code y.backward()} for a one-element output. */
    public void backward() {
        backward(null, false);
    }

    /** {@code y.backward(gradient)}: the vector-Jacobian product v^T J for a non-scalar output. */
    public void backward(Tensor gradient) {
        backward(gradient, false);
    }

    /**
     * {@code y.backward(gradient, retain_graph=...)}; a null gradient means ones for a one-element
     * output. Without retainGraph the saved tensors are dropped as each node runs.
     */
    public void backward(Tensor gradient, boolean retainGraph) {
        if (gradient == null && data.numel() != 1) {
            throw new IllegalStateException("grad can be implicitly created only for scalar outputs");
        }
        Backward.run(this, gradient, retainGraph);
    }

    /** The node backward starts from: the grad_fn, or the AccumulateGrad of a leaf that requires grad. */
    Node gradNode() {
        if (gradFn != null) {
            return gradFn;
        }
        if (!requiresGrad) {
            return null;
        }
        if (accumulator == null) {
            accumulator = Node.accumulateGrad(this);
        }
        return accumulator;
    }

    /**
     * Adds into the leaf's gradient, allocated once, in the scope the leaf's data lives in. A
     * gradient still zero since zeroGrad is overwritten (a copy instead of an add); one a rule
     * already wrote into directly ({@link #zeroedGrad}) arrives as the gradient itself.
     */
    void accumulate(Tensor g) {
        boolean written = gradWrittenInPlace;
        gradWrittenInPlace = false;
        if (written && g == grad) {
            return;
        }
        if (grad == null || !grad.isAlive()) {
            Tensor incoming = g;
            grad = Scope.within(Scope.ownerOf(data), () -> incoming.to(data.dtype()).clone());
        } else if (grad.version() == zeroVersion) {
            grad.assign(g);
        } else {
            grad.addi(g);
        }
    }

    /**
     * The leaf's gradient when it is zero since zeroGrad (nothing wrote to it since) and shaped
     * {@code shape}: backward may write this input's only gradient straight into it. Else null.
     */
    Tensor zeroedGrad(long[] shape) {
        if (grad != null && grad.isAlive() && grad.version() == zeroVersion && Arrays.equals(grad.shape(), shape)) {
            return grad;
        }
        return null;
    }

    // ------------------------------------------------------------------ recording

    /** Records {@code out} as made by a node named {@code name}, when grad mode is on and an input requires grad. */
    static Variable record(Tensor out, String name, Node.Rule rule, Tensor[] saved, Variable... inputs) {
        if (!Autograd.isGradEnabled()) {
            return new Variable(out, null, false);
        }
        Node[] next = new Node[inputs.length];
        long[][] shapes = new long[inputs.length][];
        boolean any = false;
        for (int i = 0; i < inputs.length; i++) {
            next[i] = inputs[i].gradNode();
            shapes[i] = inputs[i].data.shape();
            any |= next[i] != null;
        }
        if (!any) {
            return new Variable(out, null, false);
        }
        return new Variable(out, new Node(name, next, shapes, rule, saved, null), true);
    }

    private static final Tensor[] NOTHING = new Tensor[0];

    private static Tensor[] saving(Tensor... tensors) {
        return tensors;
    }

    // ------------------------------------------------------------------ arithmetic

    public Variable add(Variable other) {
        return record(data.add(other.data), "AddBackward0", (n, g) -> new Tensor[]{g, g}, NOTHING, this, other);
    }

    public Variable add(double other) {
        return record(data.add(other), "AddBackward0", (n, g) -> new Tensor[]{g}, NOTHING, this);
    }

    public Variable sub(Variable other) {
        return record(data.sub(other.data), "SubBackward0", (n, g) -> new Tensor[]{g, g.neg()}, NOTHING, this, other);
    }

    public Variable sub(double other) {
        return record(data.sub(other), "SubBackward0", (n, g) -> new Tensor[]{g}, NOTHING, this);
    }

    /** {@code other - this}, as Python's {@code 2 - x} (RsubBackward1). */
    public Variable rsub(double other) {
        return record(data.neg().add(other), "RsubBackward1", (n, g) -> new Tensor[]{g.neg()}, NOTHING, this);
    }

    public Variable mul(Variable other) {
        return record(data.mul(other.data), "MulBackward0",
                (n, g) -> new Tensor[]{n.needsInputGrad(0) ? g.mul(n.saved(1)) : null,
                        n.needsInputGrad(1) ? g.mul(n.saved(0)) : null}, saving(data, other.data), this, other);
    }

    public Variable mul(double other) {
        return record(data.mul(other), "MulBackward0", (n, g) -> new Tensor[]{g.mul(other)}, NOTHING, this);
    }

    public Variable div(Variable other) {
        return record(data.div(other.data), "DivBackward0", (n, g) -> {
            Tensor a = n.saved(0);
            Tensor b = n.saved(1);
            return new Tensor[]{n.needsInputGrad(0) ? g.div(b) : null,
                    n.needsInputGrad(1) ? g.mul(a).div(b.mul(b)).neg() : null};
        }, saving(data, other.data), this, other);
    }

    public Variable div(double other) {
        return record(data.div(other), "DivBackward0", (n, g) -> new Tensor[]{g.div(other)}, NOTHING, this);
    }

    /** {@code x ** p} for a number p (PowBackward0). */
    public Variable pow(double p) {
        return record(data.pow(p), "PowBackward0",
                (n, g) -> new Tensor[]{p == 0 ? Tensor.zerosLike(g) : g.mul(n.saved(0).pow(p - 1).mul(p))},
                saving(data), this);
    }

    /** {@code x ** y} for tensors (PowBackward1): d/dx = y x^(y-1), d/dy = x^y log x. */
    public Variable pow(Variable exponent) {
        Tensor out = data.pow(exponent.data);
        return record(out, "PowBackward1", (n, g) -> {
            Tensor x = n.saved(0);
            Tensor y = n.saved(1);
            Tensor out2 = n.saved(2);
            Tensor dx = n.needsInputGrad(0) ? g.mul(y).mul(x.pow(y.sub(1.0))) : null;
            if (!n.needsInputGrad(1)) {
                return new Tensor[]{dx, null};
            }
            // 0 ** y has gradient 0 wrt y (PyTorch masks the log(0) there)
            Tensor logx = Tensor.where(x.eq(0.0), Tensor.zerosLike(x), x.log());
            Tensor dy = g.mul(out2).mul(logx);
            return new Tensor[]{dx, dy};
        }, saving(data, exponent.data, out), this, exponent);
    }

    public Variable neg() {
        return record(data.neg(), "NegBackward0", (n, g) -> new Tensor[]{g.neg()}, NOTHING, this);
    }

    public Variable maximum(Variable other) {
        return record(data.maximum(other.data), "MaximumBackward0", (n, g) -> {
            Tensor a = n.saved(0);
            Tensor b = n.saved(1);
            // ties split the gradient evenly, as PyTorch does
            Tensor ga = g.mul(a.gt(b).to(g.dtype()).add(a.eq(b).to(g.dtype()).mul(0.5)));
            Tensor gb = g.mul(b.gt(a).to(g.dtype()).add(a.eq(b).to(g.dtype()).mul(0.5)));
            return new Tensor[]{ga, gb};
        }, saving(data, other.data), this, other);
    }

    public Variable minimum(Variable other) {
        return record(data.minimum(other.data), "MinimumBackward0", (n, g) -> {
            Tensor a = n.saved(0);
            Tensor b = n.saved(1);
            Tensor ga = g.mul(a.lt(b).to(g.dtype()).add(a.eq(b).to(g.dtype()).mul(0.5)));
            Tensor gb = g.mul(b.lt(a).to(g.dtype()).add(a.eq(b).to(g.dtype()).mul(0.5)));
            return new Tensor[]{ga, gb};
        }, saving(data, other.data), this, other);
    }

    // ------------------------------------------------------------------ unary math

    public Variable exp() {
        Tensor out = data.exp();
        return record(out, "ExpBackward0", (n, g) -> new Tensor[]{g.mul(n.saved(0))}, saving(out), this);
    }

    public Variable log() {
        return record(data.log(), "LogBackward0", (n, g) -> new Tensor[]{g.div(n.saved(0))}, saving(data), this);
    }

    public Variable sqrt() {
        Tensor out = data.sqrt();
        return record(out, "SqrtBackward0", (n, g) -> new Tensor[]{g.div(n.saved(0).mul(2.0))}, saving(out), this);
    }

    public Variable sin() {
        return record(data.sin(), "SinBackward0", (n, g) -> new Tensor[]{g.mul(n.saved(0).cos())}, saving(data), this);
    }

    public Variable cos() {
        return record(data.cos(), "CosBackward0", (n, g) -> new Tensor[]{g.mul(n.saved(0).sin()).neg()}, saving(data), this);
    }

    public Variable tanh() {
        Tensor out = data.tanh();
        return record(out, "TanhBackward0", (n, g) -> {
            Tensor y = n.saved(0);
            return new Tensor[]{g.mul(y.mul(y).neg().add(1.0))};
        }, saving(out), this);
    }

    public Variable sigmoid() {
        Tensor out = data.sigmoid();
        return record(out, "SigmoidBackward0", (n, g) -> {
            Tensor y = n.saved(0);
            return new Tensor[]{g.mul(y).mul(y.neg().add(1.0))};
        }, saving(out), this);
    }

    public Variable relu() {
        Tensor out = data.relu();
        // threshold_backward(g, out, 0) in one pass, as PyTorch's ReluBackward0
        return record(out, "ReluBackward0", (n, g) -> new Tensor[]{g.thresholdBackward(n.saved(0), 0)}, saving(out), this);
    }

    public Variable abs() {
        return record(data.abs(), "AbsBackward0", (n, g) -> new Tensor[]{g.mul(n.saved(0).sign())}, saving(data), this);
    }

    public Variable square() {
        return record(data.mul(data), "PowBackward0",
                (n, g) -> new Tensor[]{g.mul(n.saved(0).mul(2.0))}, saving(data), this);
    }

    // ------------------------------------------------------------------ reductions

    /** The sum of all elements, 0-d (SumBackward0). */
    public Variable sum() {
        long[] shape = data.shape();
        return record(data.sum(), "SumBackward0", (n, g) -> new Tensor[]{g.expand(shape)}, NOTHING, this);
    }

    /** The sum over {@code dims} (SumBackward1). */
    public Variable sum(int[] dims, boolean keepdim) {
        long[] shape = data.shape();
        return record(data.sum(dims, keepdim), "SumBackward1",
                (n, g) -> new Tensor[]{unreduce(g, shape, dims, keepdim)}, NOTHING, this);
    }

    public Variable sum(int... dims) {
        return sum(dims, false);
    }

    public Variable sum(int dim, boolean keepdim) {
        return sum(new int[]{dim}, keepdim);
    }

    /** The mean of all elements (MeanBackward0). */
    public Variable mean() {
        long[] shape = data.shape();
        double count = Math.max(1, data.numel());
        return record(data.mean(), "MeanBackward0", (n, g) -> new Tensor[]{g.div(count).expand(shape)}, NOTHING, this);
    }

    public Variable mean(int[] dims, boolean keepdim) {
        long[] shape = data.shape();
        double count = 1;
        for (int d : dims) {
            count *= shape[Math.floorMod(d, Math.max(1, shape.length))];
        }
        double c = count;
        return record(data.mean(dims, keepdim), "MeanBackward1",
                (n, g) -> new Tensor[]{unreduce(g.div(c), shape, dims, keepdim)}, NOTHING, this);
    }

    public Variable mean(int... dims) {
        return mean(dims, false);
    }

    /** The L2 norm of all elements (LinalgVectorNormBackward0): d/dx = x / ||x||, 0 at x = 0. */
    public Variable norm() {
        Tensor out = data.norm();
        return record(out, "LinalgVectorNormBackward0", (n, g) -> {
            Tensor x = n.saved(0);
            Tensor norm = n.saved(1);
            double v = norm.item();
            return new Tensor[]{v == 0 ? Tensor.zerosLike(x) : x.mul(g.div(norm))};
        }, saving(data, out), this);
    }

    /** Puts reduced dims back (as size 1 when they were dropped) and expands to the input shape. */
    static Tensor unreduce(Tensor g, long[] shape, int[] dims, boolean keepdim) {
        Tensor t = g;
        if (!keepdim && shape.length > 0) {
            int[] sorted = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                sorted[i] = Math.floorMod(dims[i], shape.length);
            }
            Arrays.sort(sorted);
            for (int d : sorted) {
                t = t.unsqueeze(d);
            }
        }
        return t.expand(shape);
    }

    // ------------------------------------------------------------------ linear algebra

    /** {@code torch.dot(x, y)} (DotBackward0). */
    public Variable dot(Variable other) {
        return record(data.dot(other.data), "DotBackward0",
                (n, g) -> new Tensor[]{n.needsInputGrad(0) ? n.saved(1).mul(g) : null,
                        n.needsInputGrad(1) ? n.saved(0).mul(g) : null}, saving(data, other.data), this, other);
    }

    /** {@code torch.mv(A, x)} (MvBackward0): dA = g x^T, dx = A^T g. */
    public Variable mv(Variable vec) {
        return record(data.mv(vec.data), "MvBackward0", (n, g) -> new Tensor[]{
                n.needsInputGrad(0) ? g.unsqueeze(1).mul(n.saved(1).unsqueeze(0)) : null,
                n.needsInputGrad(1) ? n.saved(0).t().mv(g) : null}, saving(data, vec.data), this, vec);
    }

    /** {@code torch.mm(A, B)} (MmBackward0): dA = g B^T, dB = A^T g. */
    public Variable mm(Variable other) {
        return record(data.mm(other.data), "MmBackward0", (n, g) -> new Tensor[]{
                n.needsInputGrad(0) ? n.product(g, n.saved(1).t(), 0) : null,
                n.needsInputGrad(1) ? n.product(n.saved(0).t(), g, 1) : null}, saving(data, other.data), this, other);
    }

    /** {@code A @ B} with torch.matmul's shapes; backward goes through the same decomposition. */
    public Variable matmul(Variable other) {
        int da = data.dim();
        int db = other.data.dim();
        if (da == 1 && db == 1) {
            return dot(other);
        }
        if (da == 2 && db == 1) {
            return mv(other);
        }
        if (da == 2 && db == 2) {
            return mm(other);
        }
        if (da == 1 && db == 2) {
            return unsqueeze(0).mm(other).squeeze(0);
        }
        return record(data.matmul(other.data), "MatmulBackward0", (n, g) -> {
            Tensor a = n.saved(0);
            Tensor b = n.saved(1);
            Tensor ga = !n.needsInputGrad(0) ? null : a.dim() == 1 ? g.unsqueeze(-2).matmul(b.transpose(-1, -2)).squeeze(-2)
                    : g.matmul(b.dim() == 1 ? b.unsqueeze(0) : b.transpose(-1, -2));
            Tensor gb = !n.needsInputGrad(1) ? null : b.dim() == 1 ? a.transpose(-1, -2).matmul(g.unsqueeze(-1)).squeeze(-1)
                    : (a.dim() == 1 ? a.unsqueeze(-1) : a.transpose(-1, -2)).matmul(a.dim() == 1 ? g.unsqueeze(-2) : g);
            return new Tensor[]{ga, gb};
        }, saving(data, other.data), this, other);
    }

    // ------------------------------------------------------------------ views and joins

    public Variable reshape(long... shape) {
        long[] in = data.shape();
        return record(data.reshape(shape), "ViewBackward0", (n, g) -> new Tensor[]{g.reshape(in)}, NOTHING, this);
    }

    public Variable view(long... shape) {
        long[] in = data.shape();
        return record(data.view(shape), "ViewBackward0", (n, g) -> new Tensor[]{g.reshape(in)}, NOTHING, this);
    }

    public Variable flatten() {
        return reshape(-1);
    }

    public Variable t() {
        return record(data.t(), "TBackward0", (n, g) -> new Tensor[]{g.t()}, NOTHING, this);
    }

    public Variable transpose(int dim0, int dim1) {
        return record(data.transpose(dim0, dim1), "TransposeBackward0",
                (n, g) -> new Tensor[]{g.transpose(dim0, dim1)}, NOTHING, this);
    }

    public Variable permute(int... dims) {
        int[] inverse = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            inverse[Math.floorMod(dims[i], dims.length)] = i;
        }
        return record(data.permute(dims), "PermuteBackward0", (n, g) -> new Tensor[]{g.permute(inverse)}, NOTHING, this);
    }

    /** Broadcast view; the gradient is summed back to this shape (ExpandBackward0). */
    public Variable expand(long... sizes) {
        return record(data.expand(sizes), "ExpandBackward0", (n, g) -> new Tensor[]{g}, NOTHING, this);
    }

    public Variable squeeze(int dim) {
        long[] in = data.shape();
        return record(data.squeeze(dim), "SqueezeBackward1", (n, g) -> new Tensor[]{g.reshape(in)}, NOTHING, this);
    }

    public Variable unsqueeze(int dim) {
        long[] in = data.shape();
        return record(data.unsqueeze(dim), "UnsqueezeBackward0", (n, g) -> new Tensor[]{g.reshape(in)}, NOTHING, this);
    }

    /** Python indexing ({@code x[1:3, 0]}): the gradient lands in the indexed places of a zero tensor. */
    public Variable get(String index) {
        long[] in = data.shape();
        DType type = data.dtype();
        String name = index.contains(":") || index.contains("...") || index.contains("None") ? "SliceBackward0" : "SelectBackward0";
        return record(data.get(index), name, (n, g) -> {
            Tensor z = Tensor.zeros(type, in);
            z.set(index, g);
            return new Tensor[]{z};
        }, NOTHING, this);
    }

    /** {@code torch.cat(vs, dim)} (CatBackward0): each input gets its slice of the gradient. */
    public static Variable cat(int dim, Variable... vs) {
        Tensor[] ts = new Tensor[vs.length];
        long[] sizes = new long[vs.length];
        for (int i = 0; i < vs.length; i++) {
            ts[i] = vs[i].data;
        }
        Tensor out = Tensor.cat(dim, ts);
        int d = Math.floorMod(dim, Math.max(1, out.dim()));
        for (int i = 0; i < vs.length; i++) {
            sizes[i] = ts[i].dim() == 0 || ts[i].numel() == 0 && ts[i].dim() == 1 ? 0 : ts[i].size(d);
        }
        return record(out, "CatBackward0", (n, g) -> {
            Tensor[] grads = new Tensor[sizes.length];
            long at = 0;
            for (int i = 0; i < sizes.length; i++) {
                grads[i] = sizes[i] == 0 && ts[i].dim() == 1 && ts[i].numel() == 0 ? null : g.slice(d, at, at + sizes[i]);
                at += sizes[i];
            }
            return grads;
        }, NOTHING, vs);
    }

    /** {@code torch.stack(vs, dim)} (StackBackward0). */
    public static Variable stack(int dim, Variable... vs) {
        Tensor[] ts = new Tensor[vs.length];
        for (int i = 0; i < vs.length; i++) {
            ts[i] = vs[i].data;
        }
        Tensor out = Tensor.stack(dim, ts);
        int d = Math.floorMod(dim, out.dim());
        return record(out, "StackBackward0", (n, g) -> {
            Tensor[] grads = new Tensor[vs.length];
            for (int i = 0; i < vs.length; i++) {
                grads[i] = g.select(d, i);
            }
            return grads;
        }, NOTHING, vs);
    }

    /** Advanced indexing ({@code y_hat[[0, 1], y]}); the gradient is scattered back with accumulation (IndexBackward0). */
    public Variable index(Tensor... indices) {
        long[] in = data.shape();
        DType type = data.dtype();
        Tensor[] idx = indices.clone();
        return record(data.index(indices), "IndexBackward0", (n, g) -> {
            return new Tensor[]{Tensor.zeros(type, in).indexPut(g, true, idx)};
        }, NOTHING, this);
    }

    /** {@code torch.where(cond, a, b)} (WhereBackward0). */
    public static Variable where(Tensor condition, Variable a, Variable b) {
        return record(Tensor.where(condition, a.data, b.data), "WhereBackward0", (n, g) -> {
            Tensor zero = Tensor.zerosLike(g);
            return new Tensor[]{n.needsInputGrad(0) ? Tensor.where(condition, g, zero) : null,
                    n.needsInputGrad(1) ? Tensor.where(condition, zero, g) : null};
        }, NOTHING, a, b);
    }

    // ------------------------------------------------------------------ extremes

    /** The largest element, 0-d (MaxBackward1); ties share the gradient evenly, as in PyTorch. */
    public Variable max() {
        return extreme(data.max(), "MaxBackward1");
    }

    /** The smallest element, 0-d (MinBackward1). */
    public Variable min() {
        return extreme(data.min(), "MinBackward1");
    }

    /**
     * The values of {@code torch.max(x, dim, keepdim)} (MaxBackward0): the gradient goes to the
     * first maximum of each slice, the one {@code argmax} names.
     */
    public Variable max(int dim, boolean keepdim) {
        Tensor.ValuesIndices vi = data.maxWithIndices(dim, keepdim);
        return alongIndices(vi, dim, keepdim, "MaxBackward0");
    }

    /** The values of {@code torch.min(x, dim, keepdim)} (MinBackward0). */
    public Variable min(int dim, boolean keepdim) {
        Tensor.ValuesIndices vi = data.minWithIndices(dim, keepdim);
        return alongIndices(vi, dim, keepdim, "MinBackward0");
    }

    private Variable extreme(Tensor out, String name) {
        return record(out, name, (n, g) -> {
            Tensor hits = n.saved(0).eq(n.saved(1)).to(g.dtype());
            return new Tensor[]{hits.mul(g.div(hits.sum()))};
        }, saving(data, out), this);
    }

    private Variable alongIndices(Tensor.ValuesIndices vi, int dim, boolean keepdim, String name) {
        long[] in = data.shape();
        DType type = data.dtype();
        return record(vi.values(), name, (n, g) -> {
            Tensor idx = n.saved(0);
            Tensor src = g;
            if (!keepdim && in.length > 0) {
                idx = idx.unsqueeze(dim);
                src = g.unsqueeze(dim);
            }
            return new Tensor[]{Tensor.zeros(type, in).scatteri(dim, idx, src.contiguous())};
        }, saving(vi.indices()), this);
    }

    // ------------------------------------------------------------------ softmax and losses

    /**
     * {@code F.log_softmax(x, dim)} (LogSoftmaxBackward0), computed stably as
     * {@code x - max - log(sum(exp(x - max)))}: the max shift keeps exp from overflowing and
     * does not change the result, so it is a constant here, not part of the graph.
     */
    public Variable logSoftmax(int dim) {
        Tensor out = data.logSoftmax(dim);
        // d/dx_i = g_i - softmax_i * sum_j g_j, one fused pass over the rows
        return record(out, "LogSoftmaxBackward0", (n, g) -> new Tensor[]{g.logSoftmaxBackward(n.saved(0), dim)},
                saving(out), this);
    }

    /** {@code F.softmax(x, dim)} (SoftmaxBackward0), shifted by the max as {@link #logSoftmax} is. */
    public Variable softmax(int dim) {
        Tensor e = data.sub(data.max(dim, true)).expi();
        Tensor out = e.divi(e.sum(dim, true));
        return record(out, "SoftmaxBackward0", (n, g) -> {
            Tensor y = n.saved(0);
            Tensor gy = g.mul(y);
            return new Tensor[]{gy.subi(y.mul(gy.sum(dim, true)))};
        }, saving(out), this);
    }

    /**
     * {@code F.nll_loss(logProbs, target)} with mean reduction (NllLossBackward0): this is
     * (N, C) log-probabilities, {@code target} N class indices (int64 or int32) in [0, C).
     */
    public Variable nllLoss(Tensor target) {
        Tensor out = data.nllLoss(target);
        // only the picked log-probabilities matter: each gets -g / N
        return record(out, "NllLossBackward0", (n, g) -> new Tensor[]{g.nllLossBackward(n.saved(0), n.saved(1))},
                saving(data, target), this);
    }

    /**
     * {@code F.mse_loss(x, target)}, mean reduction (MseLossBackward0). Shapes must match:
     * PyTorch only warns and broadcasts, which silently trains on an (N, N) matrix of errors.
     */
    public Variable mseLoss(Variable target) {
        if (!Arrays.equals(data.shape(), target.data.shape())) {
            throw new IllegalArgumentException("Using a target size (" + Arrays.toString(target.data.shape())
                    + ") that is different to the input size (" + Arrays.toString(data.shape()) + ") would broadcast and"
                    + " give wrong results; reshape one to match (e.g. y.reshape(yHat.shape()))");
        }
        Tensor diff = data.sub(target.data);
        double count = Math.max(1, diff.numel());
        Tensor out = diff.square().mean();
        return record(out, "MseLossBackward0", (n, g) -> {
            Tensor d = n.saved(0).mul(g.mul(2.0 / count));
            return new Tensor[]{n.needsInputGrad(0) ? d : null, n.needsInputGrad(1) ? d.neg() : null};
        }, saving(diff), this, target);
    }

    /**
     * {@code F.linear(x, weight, bias)}: {@code x @ weight.T + bias} for x of shape (*, in),
     * weight (out, in) and bias (out) or null; one matrix product and an in-place bias add
     * (AddmmBackward0, MmBackward0 without bias).
     */
    public Variable linear(Variable weight, Variable bias) {
        Tensor w = weight.data;
        long[] xShape = data.shape();
        if (w.dim() != 2 || data.dim() == 0 || xShape[xShape.length - 1] != w.size(1)) {
            long rows = data.dim() == 0 ? 1 : data.numel() / Math.max(1, xShape[xShape.length - 1]);
            throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied (" + rows + "x"
                    + (data.dim() == 0 ? 1 : xShape[xShape.length - 1]) + " and "
                    + (w.dim() == 2 ? w.size(1) + "x" + w.size(0) : Arrays.toString(w.shape())) + ")");
        }
        long in = w.size(1);
        long outFeatures = w.size(0);
        Tensor x2 = data.dim() == 2 ? data : data.reshape(-1, in);
        Tensor out = x2.mm(w.t());
        if (bias != null) {
            out.addi(bias.data);
        }
        long[] outShape = xShape.clone();
        outShape[outShape.length - 1] = outFeatures;
        Tensor result = data.dim() == 2 ? out : out.reshape(outShape);
        Node.Rule rule = (n, g) -> {
            Tensor x = n.saved(0);
            Tensor g2 = g.dim() == 2 ? g : g.reshape(-1, outFeatures);
            Tensor gx = n.needsInputGrad(0) ? g2.mm(n.saved(1)).reshape(xShape) : null;
            Tensor gw = n.needsInputGrad(1) ? n.product(g2.t(), x, 1) : null;
            return bias == null ? new Tensor[]{gx, gw}
                    : new Tensor[]{gx, gw, n.needsInputGrad(2) ? g2.sum(0) : null};
        };
        return bias == null ? record(result, "MmBackward0", rule, saving(x2, w), this, weight)
                : record(result, "AddmmBackward0", rule, saving(x2, w), this, weight, bias);
    }

    /** {@code F.linear(x, weight)} without a bias. */
    public Variable linear(Variable weight) {
        return linear(weight, null);
    }

    // ------------------------------------------------------------------ printing

    /** PyTorch's repr: {@code tensor(28., grad_fn=<MulBackward0>)}, or {@code requires_grad=True} on a leaf. */
    @Override
    public String toString() {
        List<String> suffixes = new ArrayList<>();
        if (gradFn != null) {
            suffixes.add("grad_fn=<" + gradFn.name() + ">");
        } else if (requiresGrad) {
            suffixes.add("requires_grad=True");
        }
        return data.toString(suffixes);
    }
}
