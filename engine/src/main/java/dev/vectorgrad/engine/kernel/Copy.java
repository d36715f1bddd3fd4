package dev.vectorgrad.engine.kernel;

import dev.vectorgrad.engine.DType;
import dev.vectorgrad.engine.iter.LoopPlan;
import dev.vectorgrad.engine.kernel.gen.Convert;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import jdk.incubator.vector.LongVector;

/**
 * Copies (contiguous, clone, to, assign, set) and fill. Operand 0 of a plan is the destination,
 * operand 1 the source. Same-dtype copies of numeric dtypes run on the elementwise walk
 * ({@link #copySameType}). {@link #copy} takes the rest: bool rows contiguous on both sides become
 * one bulk copy, conversions go row by row through the generated loops, and whatever involves bool
 * otherwise goes element by element.
 */
public final class Copy {
    private Copy() {
    }

    /** Whether {@link #copySameType} has kernels for the dtype (not for bool). */
    public static boolean vectorized(DType type) {
        return UnaryOp.COPY.kernel(type) != null;
    }

    /**
     * Same-dtype copy over a plan built with element sizes ({@link LoopPlan#scratch}): the
     * elementwise walk, with its vector loops, its tiles for transposed sources and its threads.
     * Element by element (as {@link #copy} does), b.t().contiguous() of 1024^2 floats took 10 ms.
     */
    public static void copySameType(LoopPlan plan, MemorySegment dst, MemorySegment src, DType type) {
        Elementwise.unary(UnaryOp.COPY.kernel(type), plan, dst, src, 0, 0);
    }

    public static void copy(LoopPlan plan, MemorySegment dst, DType dstType, MemorySegment src, DType srcType) {
        if (plan.numel() == 0) {
            return;
        }
        long n = plan.innerSize();
        long ds = plan.innerStride(0);
        long ss = plan.innerStride(1);
        boolean bulk = dstType == srcType && ds == dstType.byteSize() && ss == srcType.byteSize();
        LoopPlan.Cursor c = plan.cursor();
        for (long row = 0, rows = plan.outerCount(); row < rows; row++, c.next()) {
            long d = c.offset(0);
            long s = c.offset(1);
            if (bulk) {
                MemorySegment.copy(src, s, dst, d, n * ds);
            } else if (dstType == srcType) {
                copyRowSameType(dst, d, ds, src, s, ss, n, dstType.byteSize());
            } else if (!Convert.row(srcType, dstType, dst, d, ds, src, s, ss, n)) {
                // bool on either side
                for (long i = 0; i < n; i++, d += ds, s += ss) {
                    DType.convert(srcType, src, s, dstType, dst, d);
                }
            }
        }
    }

    private static void copyRowSameType(MemorySegment dst, long d, long ds, MemorySegment src, long s, long ss,
                                        long n, int size) {
        switch (size) {
            case 8 -> {
                for (long i = 0; i < n; i++, d += ds, s += ss) {
                    dst.set(ValueLayout.JAVA_LONG, d, src.get(ValueLayout.JAVA_LONG, s));
                }
            }
            case 4 -> {
                for (long i = 0; i < n; i++, d += ds, s += ss) {
                    dst.set(ValueLayout.JAVA_INT, d, src.get(ValueLayout.JAVA_INT, s));
                }
            }
            default -> {
                for (long i = 0; i < n; i++, d += ds, s += ss) {
                    dst.set(ValueLayout.JAVA_BYTE, d, src.get(ValueLayout.JAVA_BYTE, s));
                }
            }
        }
    }

    /** The fill pattern of a value for {@code type} (see {@link #fill}). */
    public static long pattern(DType type, double value) {
        return pattern(type, value, 0, false);
    }

    /** The fill pattern of a value for {@code type}, exact for int64. */
    public static long pattern(DType type, long value) {
        return pattern(type, 0, value, true);
    }

    /**
     * The value's bits in {@code type} (converted as DType.putDouble / putLong do), repeated to fill
     * 64 bits: a 4-byte element twice, a 1-byte one eight times. Every aligned position of the
     * element then reads its bits from the long, in either byte order.
     */
    private static long pattern(DType type, double dv, long lv, boolean integral) {
        return switch (type) {
            case FLOAT32 -> repeat4(Float.floatToRawIntBits(integral ? (float) lv : (float) dv));
            case FLOAT64 -> Double.doubleToRawLongBits(integral ? (double) lv : dv);
            case INT32 -> repeat4(integral ? (int) lv : (int) dv);
            case INT64 -> integral ? lv : (long) dv;
            case BOOL -> (integral ? lv != 0 : dv != 0.0) ? 0x0101010101010101L : 0L;
        };
    }

    private static long repeat4(int bits) {
        return (bits & 0xFFFFFFFFL) | ((long) bits << 32);
    }

    /** Writes a {@link #pattern} into every element the plan's operand 0 (of {@code type}) visits. */
    public static void fill(LoopPlan plan, MemorySegment dst, DType type, long pattern) {
        if (plan.numel() == 0) {
            return;
        }
        long n = plan.innerSize();
        long ds = plan.innerStride(0);
        int size = type.byteSize();
        LoopPlan.Cursor c = plan.cursor();
        for (long row = 0, rows = plan.outerCount(); row < rows; row++, c.next()) {
            long d = c.offset(0);
            if (ds == size) {
                fillBytes(dst, d, n * size, pattern);
                continue;
            }
            switch (size) {
                case 8 -> {
                    for (long i = 0; i < n; i++, d += ds) {
                        dst.set(ValueLayout.JAVA_LONG, d, pattern);
                    }
                }
                case 4 -> {
                    for (long i = 0; i < n; i++, d += ds) {
                        dst.set(ValueLayout.JAVA_INT, d, (int) pattern);
                    }
                }
                default -> {
                    for (long i = 0; i < n; i++, d += ds) {
                        dst.set(ValueLayout.JAVA_BYTE, d, (byte) pattern);
                    }
                }
            }
        }
    }

    /**
     * Writes the repeated pattern over a contiguous byte range whose start and length are whole
     * elements: vector stores, then longs, then one int (4-byte elements) or bytes (bool). Zero is
     * a memset. One element at a time, a 1M-float fill took 1 ms.
     */
    public static void fillBytes(MemorySegment dst, long d, long bytes, long pattern) {
        if (pattern == 0) {
            dst.asSlice(d, bytes).fill((byte) 0);
            return;
        }
        long i = 0;
        if (Species.VECTORIZE) {
            LongVector v = LongVector.broadcast(Species.I64, pattern);
            long vb = Species.I64.vectorByteSize();
            for (long end = bytes - vb; i <= end; i += vb) {
                v.intoMemorySegment(dst, d + i, ByteOrder.nativeOrder());
            }
        }
        for (; i + 8 <= bytes; i += 8) {
            dst.set(ValueLayout.JAVA_LONG_UNALIGNED, d + i, pattern);
        }
        if (i + 4 <= bytes) {
            dst.set(ValueLayout.JAVA_INT_UNALIGNED, d + i, (int) pattern);
            i += 4;
        }
        for (; i < bytes; i++) {
            dst.set(ValueLayout.JAVA_BYTE, d + i, (byte) pattern);
        }
    }
}
