package dev.vectorgrad.engine;

import dev.vectorgrad.engine.internal.Shapes;
import dev.vectorgrad.engine.iter.LoopPlan;
import dev.vectorgrad.engine.kernel.BinaryKernel;
import dev.vectorgrad.engine.kernel.BinaryOp;
import dev.vectorgrad.engine.kernel.Elementwise;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The tensor-level half of an elementwise binary op: shapes, result dtype, output checks and
 * conversions, then the generated kernel on segments. Mixed dtypes are converted to the compute
 * dtype in temporaries freed before returning. Same-dtype out= and in-place calls allocate
 * nothing: contiguous operands of one shape take a short path with the fewest checks straight to
 * the kernel, and other layouts (broadcast, strided, transposed) plan in the thread's reusable
 * {@link LoopPlan#scratch()}.
 */
final class BinaryOps {
    private BinaryOps() {
    }

    /** out = op(a, b), broadcasting; {@code out} null allocates the result. */
    static Tensor apply(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        if (out != null && sameLayout(op, a, b, out)) {
            return out;
        }
        a.storage.checkAlive();
        b.storage.checkAlive();
        long[] shape = broadcastShape(a.shape, b.shape, out);
        DType result = resultDtype(op, Promotion.resultType(a, b));
        DType compute = computeDtype(op, result);
        out = OutTensors.prepare(out, result, shape, true);
        if (a.dtype == compute && b.dtype == compute && out.dtype == compute && !overlaps(out, a) && !overlaps(out, b)) {
            run(op.kernel(compute), out, a, b);
        } else {
            try (Scope tmp = Scope.open()) {
                Tensor ca = converted(a, compute, out);
                Tensor cb = converted(b, compute, out);
                Tensor target = out.dtype == compute ? out : Tensor.empty(compute, shape);
                run(op.kernel(compute), target, ca, cb);
                if (target != out) {
                    out.assign(target);
                }
            }
        }
        out.storage.bumpVersion();
        return out;
    }

    /** out = op(a, s) for a Java number s: {@code isFloat} says whether it was a double. */
    static Tensor applyScalar(BinaryOp op, Tensor a, double sd, long sl, DType scalarType, Tensor out) {
        a.storage.checkAlive();
        DType result = resultDtype(op, Promotion.resultType(a, scalarType));
        DType compute = computeDtype(op, result);
        out = OutTensors.prepare(out, result, a.shape, true);
        if (scalarType != DType.FLOAT64 && scalarType != DType.FLOAT32) {
            sd = sl;
        }
        if (a.dtype == compute && out.dtype == compute && !overlaps(out, a)) {
            runScalar(op.kernel(compute), out, a, sd, sl);
        } else {
            try (Scope tmp = Scope.open()) {
                Tensor ca = converted(a, compute, out);
                Tensor target = out.dtype == compute ? out : Tensor.empty(compute, a.shape);
                runScalar(op.kernel(compute), target, ca, sd, sl);
                if (target != out) {
                    out.assign(target);
                }
            }
        }
        out.storage.bumpVersion();
        return out;
    }

    /**
     * The common case first, with the fewest checks: out, a and b of one dtype that has a kernel,
     * one shape, all contiguous. Same-dtype operands of one shape promote to that dtype (their
     * dims agree, so PyTorch's 0-d rule cannot apply), out needs no cast and cannot overlap
     * itself, so what is left to check is liveness, writability and overlap with the inputs.
     * Returns false (having done nothing) for every other call.
     */
    private static boolean sameLayout(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        DType t = out.dtype;
        BinaryKernel k = op.kernel(t);
        if (k == null || a.dtype != t || b.dtype != t) {
            return false;
        }
        long[] shape = out.shape;
        if (!Arrays.equals(a.shape, shape) || !Arrays.equals(b.shape, shape)
                || !out.isContiguous() || !a.isContiguous() || !b.isContiguous()) {
            return false;
        }
        if ((a.storage == out.storage && a.offset != out.offset) || (b.storage == out.storage && b.offset != out.offset)) {
            return false; // partial overlap: the general path copies the input first
        }
        MemorySegment as = a.storage.segment();
        MemorySegment bs = b.storage.segment();
        out.storage.checkWritable();
        int bytes = t.byteSize();
        Elementwise.binary(k, out.storage.segment(), out.offset * bytes, as, a.offset * bytes, bs, b.offset * bytes,
                bytes, bytes, Shapes.numel(shape));
        out.storage.bumpVersion();
        return true;
    }

    /**
     * The broadcast shape of a and b: a's own array when the shapes agree, out's when it is the
     * broadcast shape (so out= and in-place calls allocate none), else a new one (or PyTorch's
     * error for shapes that do not broadcast).
     */
    static long[] broadcastShape(long[] a, long[] b, Tensor out) {
        if (Arrays.equals(a, b)) {
            return a;
        }
        if (out != null && broadcastsTo(a, b, out.shape)) {
            return out.shape;
        }
        return Shapes.broadcast(a, b);
    }

    /** True when shapes a and b broadcast to exactly {@code target}. */
    static boolean broadcastsTo(long[] a, long[] b, long[] target) {
        int n = target.length;
        if (Math.max(a.length, b.length) != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int ia = a.length - n + i;
            int ib = b.length - n + i;
            long da = ia >= 0 ? a[ia] : 1;
            long db = ib >= 0 ? b[ib] : 1;
            if ((da != target[i] && da != 1) || (db != target[i] && db != 1)) {
                return false;
            }
        }
        return true;
    }

    private static DType resultDtype(BinaryOp op, DType promoted) {
        if (op == BinaryOp.DIV && !promoted.isFloatingPoint()) {
            return DType.defaultFloat(); // true division: int / int -> float32
        }
        if (promoted == DType.BOOL) {
            switch (op) {
                case ADD, MUL, MAXIMUM, MINIMUM -> {
                    return DType.BOOL;
                }
                case SUB -> throw new IllegalArgumentException("Subtraction, the `-` operator, with two bool tensors is not"
                        + " supported. Use the `^` or `logical_xor()` operator instead.");
                default -> throw new IllegalArgumentException("\"" + op.opName() + "\" not implemented for 'Bool'");
            }
        }
        return promoted;
    }

    /** Bool results are computed in int32 (1 + 1 = 2 -> True is logical or, 1 * 0 is and) and cast back. */
    private static DType computeDtype(BinaryOp op, DType result) {
        return result == DType.BOOL ? DType.INT32 : result;
    }

    /** True when in reads memory that out writes, other than element-for-element in the same place. */
    private static boolean overlaps(Tensor out, Tensor in) {
        if (out.storage != in.storage) {
            return false;
        }
        return !(out.offset == in.offset && Arrays.equals(out.shape, in.shape) && Arrays.equals(out.strides, in.strides));
    }

    /** t in the compute dtype; a copy when the dtype differs or when it overlaps the output. */
    private static Tensor converted(Tensor t, DType compute, Tensor out) {
        if (t.dtype != compute) {
            return t.to(compute);
        }
        return overlaps(out, t) ? t.clone() : t;
    }

    private static void run(BinaryKernel k, Tensor out, Tensor a, Tensor b) {
        int bytes = out.dtype.byteSize();
        long n = out.numel();
        if (n == 0) {
            return;
        }
        if (out.isContiguous() && a.isContiguous() && Arrays.equals(a.shape, out.shape)) {
            if (b.isContiguous() && Arrays.equals(b.shape, out.shape)) {
                Elementwise.binary(k, out.storage.segment(), out.offset * bytes, a.storage.segment(), a.offset * bytes,
                        b.storage.segment(), b.offset * bytes, bytes, bytes, n);
                return;
            }
            if (b.numel() == 1) {
                Elementwise.binary(k, out.storage.segment(), out.offset * bytes, a.storage.segment(), a.offset * bytes,
                        b.storage.segment(), b.offset * bytes, 0, bytes, n);
                return;
            }
        }
        LoopPlan plan = LoopPlan.scratch().start(out.shape, 3)
                .operand(0, out.shape, out.strides, out.offset, bytes)
                .operand(1, a.shape, a.strides, a.offset, bytes)
                .operand(2, b.shape, b.strides, b.offset, bytes)
                .finish();
        Elementwise.binary(k, plan, out.storage.segment(), a.storage.segment(), b.storage.segment());
    }

    private static void runScalar(BinaryKernel k, Tensor out, Tensor a, double sd, long sl) {
        int bytes = out.dtype.byteSize();
        long n = out.numel();
        if (n == 0) {
            return;
        }
        if (out.isContiguous() && a.isContiguous()) {
            Elementwise.binaryScalar(k, out.storage.segment(), out.offset * bytes, a.storage.segment(), a.offset * bytes,
                    sd, sl, bytes, n);
            return;
        }
        LoopPlan plan = LoopPlan.scratch().start(out.shape, 2)
                .operand(0, out.shape, out.strides, out.offset, bytes)
                .operand(1, a.shape, a.strides, a.offset, bytes)
                .finish();
        Elementwise.binaryScalar(k, plan, out.storage.segment(), a.storage.segment(), sd, sl);
    }
}
