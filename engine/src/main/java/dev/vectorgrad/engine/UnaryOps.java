package dev.vectorgrad.engine;

import dev.vectorgrad.engine.internal.Shapes;
import dev.vectorgrad.engine.iter.LoopPlan;
import dev.vectorgrad.engine.kernel.Elementwise;
import dev.vectorgrad.engine.kernel.UnaryKernel;
import dev.vectorgrad.engine.kernel.UnaryOp;

import java.util.Arrays;
import java.util.Locale;

/**
 * The tensor-level half of an elementwise unary op: result dtype and refusals as PyTorch has them,
 * output checks, then the generated kernel on segments.
 *
 * <p>PyTorch's two kinds of unary op differ in their output rule. The floating functions (exp,
 * log, sqrt, rsqrt, sin, cos, tanh, sigmoid, reciprocal) compute integers and bools in float32
 * and cast the result into any output it can be cast to ({@code unary_float_op}); the others keep
 * the dtype and want an output of exactly that dtype ({@code unary_op}: "Found dtype Float but
 * expected Long"). Same-dtype calls on contiguous operands go straight to the kernel without a
 * loop plan or an allocation; conversions and overlapping operands use temporaries that are freed
 * before returning.
 */
final class UnaryOps {
    /** How a clamp bound was given: absent, a Java long (a Python int) or a double (a Python float). */
    static final int NONE = 0;
    static final int LONG = 1;
    static final int DOUBLE = 2;

    private UnaryOps() {
    }

    /** out = op(a); {@code out} null allocates the result. Not for clamp, which has bounds. */
    static Tensor apply(UnaryOp op, Tensor a, Tensor out) {
        a.storage.checkAlive();
        DType result = resultDtype(op, a.dtype);
        out = OutTensors.prepare(out, result, a.shape, floating(op));
        if (result == DType.BOOL) { // sign of a bool is the bool itself
            if (out != a) {
                out.assign(a);
            }
            out.storage.bumpVersion();
            return out;
        }
        return execute(op.kernel(result), a, out, result, 0, 0);
    }

    /**
     * clamp(a, lo, hi) with PyTorch's semantics: integer tensors promote with the bounds as with
     * Python numbers (a double bound gives float32), a NaN bound makes every element NaN, lo > hi
     * gives hi everywhere, and NaN elements stay NaN. Each bound is a kind (NONE, LONG, DOUBLE)
     * with its value in the matching argument.
     */
    static Tensor clamp(Tensor a, int loKind, double loD, long loL, int hiKind, double hiD, long hiL, Tensor out) {
        a.storage.checkAlive();
        if (loKind == NONE && hiKind == NONE) {
            throw new IllegalArgumentException("torch.clamp: At least one of 'min' or 'max' must not be None");
        }
        DType result = a.dtype;
        if (!result.isFloatingPoint()) {
            result = Promotion.resultType(a, loKind == DOUBLE || hiKind == DOUBLE ? DType.defaultFloat() : DType.INT64);
            if (out == a && result != a.dtype) {
                // PyTorch names the output's dtype by its C++ type here (TypeMeta), not its ScalarType
                throw new IllegalArgumentException("result type " + Promotion.scalarTypeName(result)
                        + " can't be cast to the desired output type " + cppTypeName(a.dtype));
            }
        }
        out = OutTensors.prepare(out, result, a.shape, false);
        if ((loKind == DOUBLE && Double.isNaN(loD)) || (hiKind == DOUBLE && Double.isNaN(hiD))) {
            return out.fill(Double.NaN);
        }
        double p0 = bound(result, loKind, loD, loL, true);
        double p1 = bound(result, hiKind, hiD, hiL, false);
        return execute(UnaryOp.CLAMP.kernel(result), a, out, result, p0, p1);
    }

    /** The floating functions: integers and bools compute in float32, and the result may be cast into out. */
    private static boolean floating(UnaryOp op) {
        return switch (op) {
            case EXP, LOG, SQRT, RSQRT, SIN, COS, TANH, SIGMOID, RECIPROCAL -> true;
            default -> false;
        };
    }

    private static DType resultDtype(UnaryOp op, DType in) {
        if (floating(op)) {
            return in.isFloatingPoint() ? in : DType.defaultFloat();
        }
        if (in != DType.BOOL) {
            return in;
        }
        return switch (op) {
            case NEG -> throw new IllegalArgumentException("Negation, the `-` operator, on a bool tensor is not supported."
                    + " If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
            case RELU -> throw new IllegalArgumentException("Boolean inputs not supported for relu");
            case ABS -> throw notForBool("abs_cpu");
            case FLOOR, CEIL, ROUND -> throw notForBool(op.opName() + "_vml_cpu");
            case SQUARE -> DType.INT64; // square is pow(x, 2): a bool with a Python int is int64
            default -> DType.BOOL;      // sign
        };
    }

    private static IllegalArgumentException notForBool(String kernel) {
        return new IllegalArgumentException("\"" + kernel + "\" not implemented for 'Bool'");
    }

    /** Runs k (of dtype {@code compute}) from a into out, through temporaries where dtypes differ or memory overlaps. */
    private static Tensor execute(UnaryKernel k, Tensor a, Tensor out, DType compute, double p0, double p1) {
        boolean overlap = out.storage == a.storage
                && !(out.offset == a.offset && Arrays.equals(out.strides, a.strides));
        if (a.dtype == compute && out.dtype == compute && !overlap) {
            run(k, out, a, p0, p1);
        } else {
            try (Scope tmp = Scope.open()) {
                // a clone reads every input element before any output element is written
                Tensor in = a.dtype != compute ? a.to(compute) : overlap ? a.clone() : a;
                Tensor target = out.dtype == compute ? out : Tensor.empty(compute, a.shape);
                run(k, target, in, p0, p1);
                if (target != out) {
                    out.assign(target);
                }
            }
        }
        out.storage.bumpVersion();
        return out;
    }

    private static void run(UnaryKernel k, Tensor out, Tensor a, double p0, double p1) {
        long n = out.numel();
        if (n == 0) {
            return;
        }
        int bytes = out.dtype.byteSize();
        if (out.isContiguous() && a.isContiguous()) {
            Elementwise.unary(k, out.storage.segment(), out.offset * bytes, bytes,
                    a.storage.segment(), a.offset * bytes, bytes, n, p0, p1);
            return;
        }
        LoopPlan plan = LoopPlan.scratch().start(out.shape, 2)
                .operand(0, out.shape, out.strides, out.offset, bytes)
                .operand(1, a.shape, a.strides, a.offset, bytes)
                .finish();
        Elementwise.unary(k, plan, out.storage.segment(), a.storage.segment(), p0, p1);
    }

    /**
     * A clamp bound as the kernel of {@code dtype} reads it (see UnaryKernel): converted as
     * PyTorch's Scalar.to does, and for integer dtypes reconciled with the dtype's range as its
     * prepare_clamp_bound does (a bound that cannot change any element is dropped, one that would
     * force every element out of range is refused).
     */
    private static double bound(DType dtype, int kind, double d, long l, boolean lower) {
        return switch (dtype) {
            case FLOAT32 -> kind == NONE ? infinity(lower) : kind == LONG ? (float) l : checkedFloat(d);
            case FLOAT64 -> kind == NONE ? infinity(lower) : kind == LONG ? (double) l : d;
            case INT64 -> Double.longBitsToDouble(kind == NONE ? (lower ? Long.MIN_VALUE : Long.MAX_VALUE) : l);
            case INT32 -> {
                long v = kind == NONE ? (lower ? Integer.MIN_VALUE : Integer.MAX_VALUE) : l;
                boolean below = v < Integer.MIN_VALUE;
                boolean above = v > Integer.MAX_VALUE;
                if (below || above) {
                    if (lower ? above : below) {
                        throw new IllegalArgumentException("Clamp " + (lower ? "min" : "max") + " value "
                                + cppDouble(v) + " is outside the representable range of Int");
                    }
                    v = lower ? Integer.MIN_VALUE : Integer.MAX_VALUE;
                }
                yield Double.longBitsToDouble(v);
            }
            case BOOL -> throw new IllegalStateException("clamp never computes in bool"); // bounds promote it to int64
        };
    }

    private static double infinity(boolean lower) {
        return lower ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** c10's checked_convert to float: a finite double beyond float's range is refused, infinities pass. */
    private static float checkedFloat(double d) {
        if (!Double.isInfinite(d) && (d > Float.MAX_VALUE || d < -Float.MAX_VALUE)) {
            throw new IllegalArgumentException("value cannot be converted to type float without overflow");
        }
        return (float) d;
    }

    /** C++'s name of a dtype's element type, as PyTorch prints a TypeMeta. */
    private static String cppTypeName(DType t) {
        return switch (t) {
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
            case INT32 -> "int";
            case INT64 -> "long int";
            case BOOL -> "bool";
        };
    }

    /** A double as C++'s ostream prints it by default (%g with 6 significant digits): 3e+09, 2.14748e+09. */
    static String cppDouble(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }
}
