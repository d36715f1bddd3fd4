package dev.vectorgrad.engine.kernel;

import dev.vectorgrad.engine.iter.LoopPlan;
import dev.vectorgrad.engine.parallel.Parallel;

import java.lang.foreign.MemorySegment;

/**
 * Runs elementwise row kernels over an operand layout: a single call for small contiguous
 * operands, chunks across threads past {@link #GRAIN} elements, and a {@link LoopPlan} walk for
 * broadcast or strided ones ({@link PlanWalk}: rows, or tiles when an input is transposed).
 * Neither allocates: chunk bodies are reused per calling thread. {@link #forRows} (a lambda per
 * call) remains for the gather kernels.
 */
public final class Elementwise {
    /** Elements below which one thread does the whole op (a chunk is worth waking a worker for). */
    public static final long GRAIN = 32_768;

    private static final ThreadLocal<BinaryTask> BINARY = ThreadLocal.withInitial(BinaryTask::new);
    private static final ThreadLocal<UnaryTask> UNARY = ThreadLocal.withInitial(UnaryTask::new);
    private static final ThreadLocal<BinaryRows> BINARY_ROWS = ThreadLocal.withInitial(BinaryRows::new);
    private static final ThreadLocal<UnaryRows> UNARY_ROWS = ThreadLocal.withInitial(UnaryRows::new);

    private Elementwise() {
    }

    /** out = k(a, b) over n contiguous elements of {@code bytes} each (b may have stride 0: {@code bStride}). */
    public static void binary(BinaryKernel k, MemorySegment o, long oo, MemorySegment a, long ao,
                              MemorySegment b, long bo, long bStride, int bytes, long n) {
        if (n < GRAIN || Parallel.threads() == 1) {
            k.run(o, oo, bytes, a, ao, bytes, b, bo, bStride, n);
            return;
        }
        BinaryTask t = BINARY.get();
        t.set(k, o, oo, a, ao, b, bo, bStride, bytes, 0, 0, false);
        try {
            Parallel.range(n, GRAIN, t);
        } finally {
            t.clear();
        }
    }

    /** out = k(a, scalar) over n contiguous elements. */
    public static void binaryScalar(BinaryKernel k, MemorySegment o, long oo, MemorySegment a, long ao,
                                    double sd, long sl, int bytes, long n) {
        if (n < GRAIN || Parallel.threads() == 1) {
            k.runScalar(o, oo, bytes, a, ao, bytes, sd, sl, n);
            return;
        }
        BinaryTask t = BINARY.get();
        t.set(k, o, oo, a, ao, null, 0, 0, bytes, sd, sl, true);
        try {
            Parallel.range(n, GRAIN, t);
        } finally {
            t.clear();
        }
    }

    /** out = k(a, b) over a plan whose operands are (out, a, b). */
    public static void binary(BinaryKernel k, LoopPlan plan, MemorySegment o, MemorySegment a, MemorySegment b) {
        BINARY_ROWS.get().run(k, plan, o, a, b, 0, 0, false);
    }

    /** out = k(a, scalar) over a plan whose operands are (out, a). */
    public static void binaryScalar(BinaryKernel k, LoopPlan plan, MemorySegment o, MemorySegment a, double sd, long sl) {
        BINARY_ROWS.get().run(k, plan, o, a, null, sd, sl, true);
    }

    /** out = k(a) over n contiguous elements (out and a may differ in element size: {@code oBytes}, {@code aBytes}). */
    public static void unary(UnaryKernel k, MemorySegment o, long oo, int oBytes, MemorySegment a, long ao, int aBytes,
                             long n, double p0, double p1) {
        if (n < GRAIN || Parallel.threads() == 1) {
            k.run(o, oo, oBytes, a, ao, aBytes, n, p0, p1);
            return;
        }
        UnaryTask t = UNARY.get();
        t.set(k, o, oo, oBytes, a, ao, aBytes, p0, p1);
        try {
            Parallel.range(n, GRAIN, t);
        } finally {
            t.clear();
        }
    }

    /** out = k(a) over a plan whose operands are (out, a). */
    public static void unary(UnaryKernel k, LoopPlan plan, MemorySegment o, MemorySegment a, double p0, double p1) {
        UNARY_ROWS.get().run(k, plan, o, a, p0, p1);
    }

    /** A piece of one inner row: operands' byte offsets and the length. */
    @FunctionalInterface
    public interface RowPiece {
        void run(long row, long o0, long o1, long o2, long len);
    }

    /**
     * Calls {@code piece} for every row piece of the plan, split into chunks of the flat element
     * range across threads (a chunk may start and end inside a row).
     */
    public static void forRows(LoopPlan plan, RowPiece piece) {
        long n = plan.numel();
        if (n == 0) {
            return;
        }
        long inner = plan.innerSize();
        int ops = plan.operands();
        Parallel.range(n, GRAIN, (chunk, start, end) -> {
            LoopPlan.Cursor c = plan.cursor();
            long row = start / inner;
            long col = start % inner;
            c.seek(row);
            for (long at = start; at < end; row++, col = 0, c.next()) {
                long len = Math.min(inner - col, end - at);
                piece.run(row,
                        c.offset(0) + col * plan.innerStride(0),
                        ops > 1 ? c.offset(1) + col * plan.innerStride(1) : 0,
                        ops > 2 ? c.offset(2) + col * plan.innerStride(2) : 0,
                        len);
                at += len;
            }
        });
    }

    /** A reusable chunk body for contiguous binary ops (no allocation per call). */
    private static final class BinaryTask implements Parallel.Body {
        BinaryKernel k;
        MemorySegment o;
        MemorySegment a;
        MemorySegment b;
        long oo;
        long ao;
        long bo;
        long bStride;
        int bytes;
        double sd;
        long sl;
        boolean scalar;

        void set(BinaryKernel k, MemorySegment o, long oo, MemorySegment a, long ao, MemorySegment b, long bo,
                 long bStride, int bytes, double sd, long sl, boolean scalar) {
            this.k = k;
            this.o = o;
            this.oo = oo;
            this.a = a;
            this.ao = ao;
            this.b = b;
            this.bo = bo;
            this.bStride = bStride;
            this.bytes = bytes;
            this.sd = sd;
            this.sl = sl;
            this.scalar = scalar;
        }

        void clear() {
            k = null;
            o = a = b = null;
        }

        @Override
        public void run(int chunk, long start, long end) {
            long off = start * bytes;
            if (scalar) {
                k.runScalar(o, oo + off, bytes, a, ao + off, bytes, sd, sl, end - start);
            } else {
                k.run(o, oo + off, bytes, a, ao + off, bytes, b, bo + start * bStride, bStride, end - start);
            }
        }
    }

    /** A reusable chunk body for contiguous unary ops. */
    private static final class UnaryTask implements Parallel.Body {
        UnaryKernel k;
        MemorySegment o;
        MemorySegment a;
        long oo;
        long ao;
        int oBytes;
        int aBytes;
        double p0;
        double p1;

        void set(UnaryKernel k, MemorySegment o, long oo, int oBytes, MemorySegment a, long ao, int aBytes, double p0, double p1) {
            this.k = k;
            this.o = o;
            this.oo = oo;
            this.oBytes = oBytes;
            this.a = a;
            this.ao = ao;
            this.aBytes = aBytes;
            this.p0 = p0;
            this.p1 = p1;
        }

        void clear() {
            k = null;
            o = a = null;
        }

        @Override
        public void run(int chunk, long start, long end) {
            k.run(o, oo + start * oBytes, oBytes, a, ao + start * aBytes, aBytes, end - start, p0, p1);
        }
    }

    /** Binary kernels over a plan: a reusable {@link PlanWalk}. */
    private static final class BinaryRows extends PlanWalk {
        BinaryKernel k;
        double sd;
        long sl;
        boolean scalar;

        void run(BinaryKernel k, LoopPlan plan, MemorySegment o, MemorySegment a, MemorySegment b, double sd, long sl,
                 boolean scalar) {
            this.k = k;
            this.sd = sd;
            this.sl = sl;
            this.scalar = scalar;
            try {
                walk(plan, o, a, b, null);
            } finally {
                this.k = null;
            }
        }

        @Override
        protected void row(MemorySegment o, long oo, long os, MemorySegment a, long ao, long as,
                           MemorySegment b, long bo, long bs, MemorySegment unused, long uo, long us, long len) {
            if (scalar) {
                k.runScalar(o, oo, os, a, ao, as, sd, sl, len);
            } else {
                k.run(o, oo, os, a, ao, as, b, bo, bs, len);
            }
        }

        @Override
        protected void tile(MemorySegment o, long oo, long os, long op, MemorySegment a, long ao, long as, long ap,
                            MemorySegment b, long bo, long bs, long bp, MemorySegment unused, long uo, long us, long up,
                            long len, long rows) {
            if (scalar) {
                super.tile(o, oo, os, op, a, ao, as, ap, b, bo, bs, bp, unused, uo, us, up, len, rows);
            } else {
                k.rows(o, oo, os, op, a, ao, as, ap, b, bo, bs, bp, len, rows);
            }
        }
    }

    /** Unary kernels over a plan. */
    private static final class UnaryRows extends PlanWalk {
        UnaryKernel k;
        double p0;
        double p1;

        void run(UnaryKernel k, LoopPlan plan, MemorySegment o, MemorySegment a, double p0, double p1) {
            this.k = k;
            this.p0 = p0;
            this.p1 = p1;
            try {
                walk(plan, o, a, null, null);
            } finally {
                this.k = null;
            }
        }

        @Override
        protected void row(MemorySegment o, long oo, long os, MemorySegment a, long ao, long as,
                           MemorySegment u2, long u2o, long u2s, MemorySegment u3, long u3o, long u3s, long len) {
            k.run(o, oo, os, a, ao, as, len, p0, p1);
        }

        @Override
        protected void tile(MemorySegment o, long oo, long os, long op, MemorySegment a, long ao, long as, long ap,
                            MemorySegment u2, long u2o, long u2s, long u2p, MemorySegment u3, long u3o, long u3s, long u3p,
                            long len, long rows) {
            k.rows(o, oo, os, op, a, ao, as, ap, len, rows, p0, p1);
        }
    }
}
