package dev.vectorgrad.engine;

import dev.vectorgrad.engine.internal.Shapes;
import dev.vectorgrad.engine.iter.LoopPlan;
import dev.vectorgrad.engine.kernel.CompareKernel;
import dev.vectorgrad.engine.kernel.CompareLoops;
import dev.vectorgrad.engine.kernel.CompareOp;
import dev.vectorgrad.engine.kernel.Elementwise;
import dev.vectorgrad.engine.kernel.FloatTest;
import dev.vectorgrad.engine.kernel.MaskBytes;
import dev.vectorgrad.engine.kernel.Select;
import dev.vectorgrad.engine.kernel.UnaryKernel;
import dev.vectorgrad.engine.kernel.WhereKernel;

import java.util.Arrays;

/**
 * The tensor-level half of comparisons, logical ops, where, the floating class tests, equal and
 * allclose. As ATen's comparison ops do, operands are compared in their common dtype
 * ({@link Promotion}) and the result is BOOL; an {@code out} tensor of another dtype receives 0/1.
 * Same-dtype operands that are contiguous (or one value) with a BOOL out go to the kernel without
 * a loop plan or allocation; anything else converts into temporaries freed before returning.
 */
final class CompareOps {
    /** torch.isclose / allclose defaults. */
    static final double DEFAULT_RTOL = 1e-05;
    static final double DEFAULT_ATOL = 1e-08;

    private CompareOps() {
    }

    // ------------------------------------------------------------------ comparisons and logical ops

    /** out = op(a, b) as BOOL (or 0/1 in out's dtype), broadcasting; {@code out} null allocates. */
    static Tensor compare(CompareOp op, Tensor a, Tensor b, Tensor out) {
        a.storage.checkAlive();
        b.storage.checkAlive();
        long[] shape = BinaryOps.broadcastShape(a.shape, b.shape, out);
        DType compute = Promotion.resultType(a, b);
        out = OutTensors.prepare(out, DType.BOOL, shape, true);
        if (a.dtype == compute && b.dtype == compute && out.dtype == DType.BOOL && !overlaps(out, a) && !overlaps(out, b)) {
            run(op.kernel(compute), out, a, b);
        } else {
            try (Scope tmp = Scope.open()) {
                Tensor target = boolTarget(out);
                run(op.kernel(compute), target, converted(a, compute, out), converted(b, compute, out));
                finish(target, out);
            }
        }
        out.storage.bumpVersion();
        return out;
    }

    /**
     * out = op(a, s) for a Java number: {@code scalarType} FLOAT32 for a double (a Python float),
     * INT64 for a long. The number is converted to the common dtype as ATen converts a wrapped
     * scalar: a long to int32 wraps, a double to float32 rounds once.
     */
    static Tensor compareScalar(CompareOp op, Tensor a, double sd, long sl, DType scalarType, Tensor out) {
        a.storage.checkAlive();
        DType compute = Promotion.resultType(a, scalarType);
        if (!scalarType.isFloatingPoint()) {
            sd = compute == DType.FLOAT32 ? (double) (float) sl : (double) sl; // one rounding, as int64 -> float
        }
        return compareScalarIn(op.kernel(compute), compute, a, sd, sl, out);
    }

    /** {@code torch.logical_not}: a == 0 in a's own dtype (NaN is true, so not NaN is false). */
    static Tensor logicalNot(Tensor a, Tensor out) {
        a.storage.checkAlive();
        return compareScalarIn(CompareOp.EQ.kernel(a.dtype), a.dtype, a, 0.0, 0L, out);
    }

    private static Tensor compareScalarIn(CompareKernel k, DType compute, Tensor a, double sd, long sl, Tensor out) {
        out = OutTensors.prepare(out, DType.BOOL, a.shape, true);
        if (a.dtype == compute && out.dtype == DType.BOOL && !overlaps(out, a)) {
            runScalar(k, out, a, sd, sl);
        } else {
            try (Scope tmp = Scope.open()) {
                Tensor target = boolTarget(out);
                runScalar(k, target, converted(a, compute, out), sd, sl);
                finish(target, out);
            }
        }
        out.storage.bumpVersion();
        return out;
    }

    private static Tensor boolTarget(Tensor out) {
        return out.dtype == DType.BOOL ? out : Tensor.empty(DType.BOOL, out.shape);
    }

    private static void finish(Tensor target, Tensor out) {
        if (target != out) {
            out.assign(target);
        }
    }

    /** True when in reads memory that out writes, other than element-for-element in the same place. */
    private static boolean overlaps(Tensor out, Tensor in) {
        return out.storage == in.storage
                && !(out.offset == in.offset && out.dtype == in.dtype
                && Arrays.equals(out.shape, in.shape) && Arrays.equals(out.strides, in.strides));
    }

    /** t in the compute dtype; a copy when the dtype differs or when it overlaps the output. */
    private static Tensor converted(Tensor t, DType compute, Tensor out) {
        if (t.dtype != compute) {
            return t.to(compute);
        }
        return overlaps(out, t) ? t.clone() : t;
    }

    private static void run(CompareKernel k, Tensor out, Tensor a, Tensor b) {
        long n = out.numel();
        if (n == 0) {
            return;
        }
        int bytes = a.dtype.byteSize();
        if (out.isContiguous() && a.isContiguous() && Arrays.equals(a.shape, out.shape)) {
            if (b.isContiguous() && Arrays.equals(b.shape, out.shape)) {
                CompareLoops.compare(k, out.storage.segment(), out.offset, 1, a.storage.segment(), a.offset * bytes, bytes,
                        b.storage.segment(), b.offset * bytes, bytes, n);
                return;
            }
            if (b.numel() == 1) {
                CompareLoops.compare(k, out.storage.segment(), out.offset, 1, a.storage.segment(), a.offset * bytes, bytes,
                        b.storage.segment(), b.offset * bytes, 0, n);
                return;
            }
        }
        if (out.isContiguous() && a.numel() == 1 && b.isContiguous() && Arrays.equals(b.shape, out.shape)) {
            CompareLoops.compare(k, out.storage.segment(), out.offset, 1, a.storage.segment(), a.offset * bytes, 0,
                    b.storage.segment(), b.offset * bytes, bytes, n);
            return;
        }
        LoopPlan plan = LoopPlan.scratch().start(out.shape, 3)
                .operand(0, out.shape, out.strides, out.offset, 1)
                .operand(1, a.shape, a.strides, a.offset, bytes)
                .operand(2, b.shape, b.strides, b.offset, bytes)
                .finish();
        CompareLoops.compare(k, plan, out.storage.segment(), a.storage.segment(), b.storage.segment());
    }

    private static void runScalar(CompareKernel k, Tensor out, Tensor a, double sd, long sl) {
        long n = out.numel();
        if (n == 0) {
            return;
        }
        int bytes = a.dtype.byteSize();
        if (out.isContiguous() && a.isContiguous()) {
            CompareLoops.compareScalar(k, out.storage.segment(), out.offset, 1, a.storage.segment(), a.offset * bytes, bytes,
                    sd, sl, n);
            return;
        }
        LoopPlan plan = LoopPlan.scratch().start(out.shape, 2)
                .operand(0, out.shape, out.strides, out.offset, 1)
                .operand(1, a.shape, a.strides, a.offset, bytes)
                .finish();
        CompareLoops.compareScalar(k, plan, out.storage.segment(), a.storage.segment(), sd, sl);
    }

    // ------------------------------------------------------------------ class tests

    /** isnan / isinf / isfinite: a kernel on floating dtypes; integral and bool values are never NaN or infinite. */
    static Tensor test(String op, Tensor a) {
        a.storage.checkAlive();
        UnaryKernel k = FloatTest.test(op, a.dtype);
        if (k == null) {
            return op.equals("isfinite") ? Tensor.ones(DType.BOOL, a.shape) : Tensor.zeros(DType.BOOL, a.shape);
        }
        Tensor out = Tensor.empty(DType.BOOL, a.shape);
        long n = out.numel();
        if (n == 0) {
            return out;
        }
        int bytes = a.dtype.byteSize();
        if (a.isContiguous()) {
            Elementwise.unary(k, out.storage.segment(), 0, 1, a.storage.segment(), a.offset * bytes, bytes, n, 0, 0);
        } else {
            LoopPlan plan = LoopPlan.scratch().start(out.shape, 2)
                    .operand(0, out.shape, out.strides, 0, 1)
                    .operand(1, a.shape, a.strides, a.offset, bytes)
                    .finish();
            Elementwise.unary(k, plan, out.storage.segment(), a.storage.segment(), 0, 0);
        }
        return out;
    }

    // ------------------------------------------------------------------ where

    /** {@code torch.where(condition, a, b)}: broadcasting all three; the result dtype promotes a and b. */
    static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return where(condition, a, b, Promotion.resultType(a, b));
    }

    /** where with a Java number for b: the number counts as a wrapped scalar in the promotion. */
    static Tensor whereScalar(Tensor condition, Tensor a, double bd, long bl, DType scalarType, boolean scalarFirst) {
        a.storage.checkAlive();
        DType result = Promotion.resultType(a, scalarType);
        try (Scope tmp = Scope.open()) {
            Tensor s = scalarTensor(bd, bl, scalarType, result);
            return tmp.keep(scalarFirst ? where(condition, s, a, result) : where(condition, a, s, result));
        }
    }

    /** where with two Java numbers: double and double give the default float dtype, long and long int64. */
    static Tensor whereScalars(Tensor condition, double ad, long al, double bd, long bl, DType scalarType) {
        DType result = scalarType.isFloatingPoint() ? DType.defaultFloat() : DType.INT64;
        try (Scope tmp = Scope.open()) {
            return tmp.keep(where(condition, scalarTensor(ad, al, scalarType, result), scalarTensor(bd, bl, scalarType, result), result));
        }
    }

    private static Tensor scalarTensor(double d, long l, DType scalarType, DType result) {
        Tensor s = Tensor.empty(result);
        return scalarType.isFloatingPoint() ? s.fill(d) : s.fill(l);
    }

    private static Tensor where(Tensor condition, Tensor a, Tensor b, DType result) {
        condition.storage.checkAlive();
        a.storage.checkAlive();
        b.storage.checkAlive();
        if (condition.dtype != DType.BOOL) {
            throw new IllegalArgumentException("where expected condition to be a boolean tensor, but got a tensor with dtype "
                    + Promotion.scalarTypeName(condition.dtype));
        }
        long[] shape = Shapes.broadcast(Shapes.broadcast(condition.shape, a.shape), b.shape);
        Tensor out = Tensor.empty(result, shape);
        if (out.numel() == 0) {
            return out;
        }
        try (Scope tmp = Scope.open()) {
            runWhere(Select.kernel(result), out, condition, a.to(result), b.to(result));
        }
        return out;
    }

    /** out (fresh, contiguous) = c ? a : b. */
    private static void runWhere(WhereKernel k, Tensor out, Tensor c, Tensor a, Tensor b) {
        int bytes = out.dtype.byteSize();
        long n = out.numel();
        if (c.isContiguous() && Arrays.equals(c.shape, out.shape)) {
            long as = linearStride(a, out.shape, bytes);
            long bs = linearStride(b, out.shape, bytes);
            if (as >= 0 && bs >= 0) {
                CompareLoops.where(k, out.storage.segment(), 0, bytes, c.storage.segment(), c.offset, 1,
                        a.storage.segment(), a.offset * bytes, as, b.storage.segment(), b.offset * bytes, bs, n);
                return;
            }
        }
        LoopPlan plan = LoopPlan.scratch().start(out.shape, 4)
                .operand(0, out.shape, out.strides, 0, bytes)
                .operand(1, c.shape, c.strides, c.offset, 1)
                .operand(2, a.shape, a.strides, a.offset, bytes)
                .operand(3, b.shape, b.strides, b.offset, bytes)
                .finish();
        CompareLoops.where(k, plan, out.storage.segment(), c.storage.segment(), a.storage.segment(), b.storage.segment());
    }

    /** The byte stride of t walked linearly over {@code shape}: bytes if contiguous in it, 0 for one value, else -1. */
    private static long linearStride(Tensor t, long[] shape, int bytes) {
        if (t.numel() == 1) {
            return 0;
        }
        return t.isContiguous() && Arrays.equals(t.shape, shape) ? bytes : -1;
    }

    // ------------------------------------------------------------------ equal, isclose, allclose

    /** {@code torch.equal}: same shape and equal values in the common dtype (NaN is not equal to itself). */
    static boolean equal(Tensor a, Tensor b) {
        a.storage.checkAlive();
        b.storage.checkAlive();
        if (!Arrays.equals(a.shape, b.shape)) {
            return false;
        }
        try (Scope tmp = Scope.open()) {
            return allTrue(compare(CompareOp.EQ, a, b, null));
        }
    }

    /** {@code torch.isclose}: both dtypes must match, as ATen requires. */
    static Tensor isclose(Tensor a, Tensor b, double rtol, double atol, boolean equalNan) {
        a.storage.checkAlive();
        b.storage.checkAlive();
        if (a.dtype != b.dtype) {
            throw new IllegalArgumentException(Promotion.scalarTypeName(a.dtype) + " did not match "
                    + Promotion.scalarTypeName(b.dtype));
        }
        if (!(rtol >= 0)) {
            throw new IllegalArgumentException("rtol must be greater than or equal to zero, but got " + number(rtol));
        }
        if (!(atol >= 0)) {
            throw new IllegalArgumentException("atol must be greater than or equal to zero, but got " + number(atol));
        }
        if (!a.dtype.isFloatingPoint()) {
            if (rtol == 0 && atol == 0) {
                return compare(CompareOp.EQ, a, b, null); // exact, as ATen's short cut: no float rounding of big integers
            }
            try (Scope tmp = Scope.open()) {
                // ATen measures the error of integral (and bool) values in the default float dtype
                return tmp.keep(isclose(a.to(DType.defaultFloat()), b.to(DType.defaultFloat()), rtol, atol, false));
            }
        }
        long[] shape = Shapes.broadcast(a.shape, b.shape);
        Tensor out = Tensor.empty(DType.BOOL, shape);
        if (out.numel() == 0) {
            return out;
        }
        int bytes = a.dtype.byteSize();
        LoopPlan plan = LoopPlan.scratch().start(shape, 3)
                .operand(0, out.shape, out.strides, 0, 1)
                .operand(1, a.shape, a.strides, a.offset, bytes)
                .operand(2, b.shape, b.strides, b.offset, bytes)
                .finish();
        CompareLoops.isclose(FloatTest.isclose(a.dtype), plan, out.storage.segment(), a.storage.segment(),
                b.storage.segment(), rtol, atol, equalNan);
        return out;
    }

    /** {@code torch.allclose}: isclose everywhere (broadcasting). */
    static boolean allclose(Tensor a, Tensor b, double rtol, double atol, boolean equalNan) {
        try (Scope tmp = Scope.open()) {
            return allTrue(isclose(a, b, rtol, atol, equalNan));
        }
    }

    /** True when every element of a contiguous BOOL tensor is true (vacuously for none). */
    private static boolean allTrue(Tensor bool) {
        return MaskBytes.allNonZero(bool.storage.segment(), bool.offset, bool.numel());
    }

    /** A double as C++ streams print it in ATen's messages: -1 rather than -1.0. */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
