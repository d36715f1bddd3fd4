package dev.vectorgrad.engine.kernel;

import dev.vectorgrad.engine.DType;
import dev.vectorgrad.engine.iter.LoopPlan;
import dev.vectorgrad.engine.kernel.gen.Convert;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Strided copy with dtype conversion (contiguous, clone, to, assign, set) and fill. Operand 0 of
 * the plan is the destination, operand 1 the source. Same-dtype rows that are contiguous on both
 * sides become one bulk copy; the rest go element by element.
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

    /** Writes {@code value} (converted to {@code type}) into every element the plan's operand 0 visits. */
    public static void fill(LoopPlan plan, MemorySegment dst, DType type, double value) {
        fill(plan, dst, type, value, (long) value, false);
    }

    public static void fill(LoopPlan plan, MemorySegment dst, DType type, long value) {
        fill(plan, dst, type, (double) value, value, true);
    }

    private static void fill(LoopPlan plan, MemorySegment dst, DType type, double dv, long lv, boolean integral) {
        if (plan.numel() == 0) {
            return;
        }
        long n = plan.innerSize();
        long ds = plan.innerStride(0);
        int size = type.byteSize();
        // encode the value once, then replicate its bytes
        MemorySegment pattern = MemorySegment.ofArray(new long[1]);
        if (integral) {
            type.putLong(pattern, 0, lv);
        } else {
            type.putDouble(pattern, 0, dv);
        }
        long bits = pattern.get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
        boolean zero = bits == 0;
        LoopPlan.Cursor c = plan.cursor();
        for (long row = 0, rows = plan.outerCount(); row < rows; row++, c.next()) {
            long d = c.offset(0);
            if (zero && ds == size) {
                dst.asSlice(d, n * size).fill((byte) 0);
                continue;
            }
            switch (size) {
                case 8 -> {
                    for (long i = 0; i < n; i++, d += ds) {
                        dst.set(ValueLayout.JAVA_LONG, d, bits);
                    }
                }
                case 4 -> {
                    int b = pattern.get(ValueLayout.JAVA_INT, 0); // the element's own width: endian-neutral
                    for (long i = 0; i < n; i++, d += ds) {
                        dst.set(ValueLayout.JAVA_INT, d, b);
                    }
                }
                default -> {
                    byte b = pattern.get(ValueLayout.JAVA_BYTE, 0);
                    for (long i = 0; i < n; i++, d += ds) {
                        dst.set(ValueLayout.JAVA_BYTE, d, b);
                    }
                }
            }
        }
    }
}
