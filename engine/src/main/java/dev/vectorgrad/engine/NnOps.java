package dev.vectorgrad.engine;

import dev.vectorgrad.engine.internal.Shapes;
import dev.vectorgrad.engine.kernel.gen.NnF32;
import dev.vectorgrad.engine.kernel.gen.NnF64;
import dev.vectorgrad.engine.parallel.Parallel;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The tensor-level half of the fused ops training needs (ATen's names): add with alpha,
 * threshold_backward (ReLU's gradient), log_softmax and its backward, nll_loss and its backward.
 * Float operands of one dtype and shape, contiguous (and the last dim, for the row ops) run one
 * generated kernel in one pass; every other layout is computed from the general ops, with the
 * same results.
 */
final class NnOps {
    private static final ThreadLocal<Task> TASKS = ThreadLocal.withInitial(Task::new);
    /**
     * Elements below which one thread does a fused op. Larger than Elementwise.GRAIN: these ops
     * are memory-bound passes of a few microseconds at training sizes (a 256 x 256 ReLU gradient,
     * a 784 x 256 SGD update), and waking a parked worker cost more than it saved on 2 cores
     * (threshold_backward 30 us on 1 thread, 75 us on 2, MlpProfile).
     */
    static final long GRAIN = 1L << 18;

    private NnOps() {
    }

    // ------------------------------------------------------------------ add with alpha

    /** {@code torch.add(a, b, alpha=alpha)} (out null) or {@code a.add_(b, alpha=alpha)} (out == a). */
    static Tensor addScaled(Tensor a, Tensor b, double alpha, boolean inPlace) {
        a.storage.checkAlive();
        b.storage.checkAlive();
        DType result = inPlace ? a.dtype : Promotion.resultType(a, b);
        if (!result.isFloatingPoint()) {
            throw new IllegalArgumentException("For integral input tensors, argument alpha must not be a floating point number.");
        }
        if (a.dtype == b.dtype && Arrays.equals(a.shape, b.shape) && a.isContiguous() && b.isContiguous()
                && (!inPlace || b.storage != a.storage || b.offset == a.offset)) {
            Tensor out = inPlace ? a : Tensor.empty(a.dtype, a.shape);
            if (inPlace) {
                out.storage.checkWritable();
            }
            int w = a.dtype.byteSize();
            elementwise(Task.ADD, out, a.offset * w, b.storage.segment(), b.offset * w, a.storage.segment(), alpha, a.numel());
            out.storage.bumpVersion();
            return out;
        }
        try (Scope tmp = Scope.open()) {
            Tensor scaled = b.mul(alpha);
            return inPlace ? a.addi(scaled) : tmp.keep(a.add(scaled));
        }
    }

    // ------------------------------------------------------------------ ReLU's gradient

    /** {@code threshold_backward(grad, self, threshold)}: grad where self > threshold, else 0. */
    static Tensor thresholdBackward(Tensor grad, Tensor self, double threshold) {
        grad.storage.checkAlive();
        self.storage.checkAlive();
        if (grad.dtype == self.dtype && grad.dtype.isFloatingPoint() && Arrays.equals(grad.shape, self.shape)
                && grad.isContiguous() && self.isContiguous()) {
            Tensor out = Tensor.empty(grad.dtype, grad.shape);
            int w = grad.dtype.byteSize();
            elementwise(Task.THRESHOLD, out, grad.offset * w, self.storage.segment(), self.offset * w,
                    grad.storage.segment(), threshold, out.numel());
            return out;
        }
        try (Scope tmp = Scope.open()) {
            Tensor g = grad.expand(Shapes.broadcast(grad.shape, self.shape));
            return tmp.keep(Tensor.where(self.le(threshold), 0.0, g).to(Promotion.resultType(grad, self)));
        }
    }

    /** out = kernel(x, y) over n contiguous elements, split across threads past {@link #GRAIN}. */
    private static void elementwise(int op, Tensor out, long xo, MemorySegment y, long yo, MemorySegment x, double p, long n) {
        Task t = TASKS.get();
        t.set(op, out.dtype == DType.FLOAT64, out.storage.segment(), out.offset * out.dtype.byteSize(), x, xo, y, yo, p);
        try {
            if (n < GRAIN || Parallel.threads() == 1) {
                t.run(0, 0, n);
            } else {
                Parallel.range(n, GRAIN, t);
            }
        } finally {
            t.clear();
        }
    }

    /** A reusable chunk body (no allocation per call) for the two elementwise kernels. */
    private static final class Task implements Parallel.Body {
        static final int ADD = 0;
        static final int THRESHOLD = 1;
        int op;
        boolean f64;
        MemorySegment o;
        MemorySegment x;
        MemorySegment y;
        long oo;
        long xo;
        long yo;
        double p;

        void set(int op, boolean f64, MemorySegment o, long oo, MemorySegment x, long xo, MemorySegment y, long yo, double p) {
            this.op = op;
            this.f64 = f64;
            this.o = o;
            this.oo = oo;
            this.x = x;
            this.xo = xo;
            this.y = y;
            this.yo = yo;
            this.p = p;
        }

        void clear() {
            o = x = y = null;
        }

        @Override
        public void run(int chunk, long start, long end) {
            int w = f64 ? 8 : 4;
            long s = start * w;
            long n = end - start;
            if (op == ADD) { // o = x + p * y
                if (f64) {
                    NnF64.addScaled(o, oo + s, x, xo + s, y, yo + s, p, n);
                } else {
                    NnF32.addScaled(o, oo + s, x, xo + s, y, yo + s, (float) p, n);
                }
            } else { // o = y <= p ? 0 : x
                if (f64) {
                    NnF64.thresholdBackward(o, oo + s, x, xo + s, y, yo + s, p, n);
                } else {
                    NnF32.thresholdBackward(o, oo + s, x, xo + s, y, yo + s, (float) p, n);
                }
            }
        }
    }

    // ------------------------------------------------------------------ log_softmax

    /** {@code torch.log_softmax(x, dim)}: x - max - log(sum(exp(x - max))) along dim. */
    static Tensor logSoftmax(Tensor x, int dim) {
        x.storage.checkAlive();
        checkFloating(x.dtype, "log_softmax_lastdim_kernel_impl");
        int d = Shapes.wrapDim(dim, Math.max(1, x.shape.length));
        if (x.shape.length == 0) {
            return Tensor.zeros(x.dtype);
        }
        Tensor out = Tensor.empty(x.dtype, x.shape);
        if (d == x.shape.length - 1 && x.isContiguous()) {
            rows(out, x, null, x.shape[d]);
            return out;
        }
        try (Scope tmp = Scope.open()) {
            Tensor shifted = x.sub(x.max(d, true));
            Tensor logSum = shifted.exp().sum(d, true).log();
            out.assign(shifted.subi(logSum));
        }
        return out;
    }

    /** log_softmax's gradient from the forward's output: grad - exp(output) * sum(grad, dim). */
    static Tensor logSoftmaxBackward(Tensor grad, Tensor output, int dim) {
        grad.storage.checkAlive();
        output.storage.checkAlive();
        checkFloating(output.dtype, "log_softmax_backward_lastdim_kernel_impl");
        if (!Arrays.equals(grad.shape, output.shape)) {
            throw new IllegalArgumentException("grad_output shape " + Shapes.format(grad.shape) + " does not match output shape "
                    + Shapes.format(output.shape));
        }
        if (output.shape.length == 0) {
            return Tensor.zeros(output.dtype);
        }
        int d = Shapes.wrapDim(dim, output.shape.length);
        if (grad.dtype == output.dtype && d == output.shape.length - 1 && grad.isContiguous() && output.isContiguous()) {
            Tensor out = Tensor.empty(output.dtype, output.shape);
            rows(out, grad, output, output.shape[d]);
            return out;
        }
        try (Scope tmp = Scope.open()) {
            return tmp.keep(grad.sub(output.exp().muli(grad.sum(d, true))));
        }
    }

    /** The row kernels over every row of {@code cols}: log_softmax of a (b null), or its backward with grad a and output b. */
    private static void rows(Tensor out, Tensor a, Tensor b, long cols) {
        long n = out.numel();
        if (n == 0) {
            return;
        }
        long rowCount = n / cols;
        MemorySegment o = out.storage.segment();
        MemorySegment as = a.storage.segment();
        MemorySegment bs = b == null ? null : b.storage.segment();
        int w = out.dtype.byteSize();
        long oo = out.offset * w;
        long ao = a.offset * w;
        long bo = b == null ? 0 : b.offset * w;
        boolean f64 = out.dtype == DType.FLOAT64;
        Parallel.Body body = (chunk, r0, r1) -> {
            if (bs == null) {
                if (f64) {
                    NnF64.logSoftmaxRows(o, oo, as, ao, r0, r1, cols);
                } else {
                    NnF32.logSoftmaxRows(o, oo, as, ao, r0, r1, cols);
                }
            } else if (f64) {
                NnF64.logSoftmaxBackwardRows(o, oo, as, ao, bs, bo, r0, r1, cols);
            } else {
                NnF32.logSoftmaxBackwardRows(o, oo, as, ao, bs, bo, r0, r1, cols);
            }
        };
        if (n < GRAIN || Parallel.threads() == 1) {
            body.run(0, 0, rowCount);
        } else {
            Parallel.range(rowCount, Math.max(1, GRAIN / cols), body);
        }
        out.storage.bumpVersion();
    }

    private static void checkFloating(DType t, String kernel) {
        if (!t.isFloatingPoint()) {
            throw new IllegalArgumentException("\"" + kernel + "\" not implemented for '" + Promotion.scalarTypeName(t) + "'");
        }
    }

    // ------------------------------------------------------------------ nll_loss

    /**
     * {@code F.nll_loss(self, target)} with mean reduction: self (N, C) log-probabilities, target
     * N class indices (int64 or int32) in [0, C); a 0-d result, NaN for N = 0 as in PyTorch.
     */
    static Tensor nllLoss(Tensor self, Tensor target) {
        self.storage.checkAlive();
        target.storage.checkAlive();
        checkNll(self, target);
        long rows = self.shape[0];
        MemorySegment x = self.storage.segment();
        int w = self.dtype.byteSize();
        double sum = 0;
        for (long r = 0; r < rows; r++) {
            long c = targetAt(target, r, self.shape[1]);
            sum += self.dtype.getDouble(x, (self.offset + r * self.strides[0] + c * self.strides[1]) * w);
        }
        Tensor out = Tensor.empty(self.dtype);
        out.dtype.putDouble(out.storage.segment(), out.offset * w, rows == 0 ? Double.NaN : -sum / rows);
        return out;
    }

    /** nll_loss's gradient: zeros shaped like self, with -grad / N at each row's target. */
    static Tensor nllLossBackward(Tensor grad, Tensor self, Tensor target) {
        grad.storage.checkAlive();
        checkNll(self, target);
        if (grad.numel() != 1) {
            throw new IllegalArgumentException("grad_output must be one element for mean reduction, got shape "
                    + Shapes.format(grad.shape));
        }
        long rows = self.shape[0];
        Tensor out = Tensor.zeros(self.dtype, self.shape);
        double v = -grad.item() / rows;
        MemorySegment o = out.storage.segment();
        int w = out.dtype.byteSize();
        long cols = self.shape[1];
        for (long r = 0; r < rows; r++) {
            out.dtype.putDouble(o, (r * cols + targetAt(target, r, cols)) * w, v);
        }
        out.storage.bumpVersion();
        return out;
    }

    private static void checkNll(Tensor self, Tensor target) {
        if (self.shape.length != 2) {
            throw new IllegalArgumentException("nllLoss expects (N, C) log-probabilities, got shape " + Arrays.toString(self.shape));
        }
        checkFloating(self.dtype, "nll_loss_out_frame");
        if (target.dtype != DType.INT64 && target.dtype != DType.INT32) {
            throw new IllegalArgumentException("expected class indices of dtype int64 or int32 as the target, got " + target.dtype);
        }
        long rows = self.shape[0];
        if (target.shape.length != 1 || target.shape[0] != rows) {
            throw new IllegalArgumentException("Expected input batch_size (" + rows + ") to match target batch_size ("
                    + (target.shape.length == 0 ? 1 : target.shape[0]) + ").");
        }
    }

    /** Row r's class index, range-checked as PyTorch does. */
    private static long targetAt(Tensor target, long r, long classes) {
        long t = target.dtype.getLong(target.storage.segment(), (target.offset + r * target.strides[0]) * target.dtype.byteSize());
        if (t < 0 || t >= classes) {
            throw new IllegalArgumentException("Target " + t + " is out of bounds (" + classes + " classes).");
        }
        return t;
    }
}
