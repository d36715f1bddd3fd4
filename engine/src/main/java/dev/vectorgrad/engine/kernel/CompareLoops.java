package dev.vectorgrad.engine.kernel;

import dev.vectorgrad.engine.iter.LoopPlan;
import dev.vectorgrad.engine.parallel.Parallel;

import java.lang.foreign.MemorySegment;

/**
 * Runs compare and where kernels as {@link Elementwise} runs binary ones: operands that are linear
 * in the element index (contiguous, or one value broadcast with stride 0) go to the kernel in one
 * call, or in chunks across threads past {@link Elementwise#GRAIN} elements through a reused
 * per-thread chunk body (no allocation); other layouts walk a {@link LoopPlan} through a reused
 * {@link PlanWalk} (no allocation either).
 */
public final class CompareLoops {
    private static final ThreadLocal<LinearTask> TASK = ThreadLocal.withInitial(LinearTask::new);
    private static final ThreadLocal<PlanTask> PLAN_TASK = ThreadLocal.withInitial(PlanTask::new);

    private CompareLoops() {
    }

    /** out[i] = k(a[i], b[i]) with element i of each operand at offset + i * stride. */
    public static void compare(CompareKernel k, MemorySegment o, long oo, long os, MemorySegment a, long ao, long as,
                               MemorySegment b, long bo, long bs, long n) {
        if (n < Elementwise.GRAIN || Parallel.threads() == 1) {
            k.run(o, oo, os, a, ao, as, b, bo, bs, n);
            return;
        }
        LinearTask t = TASK.get();
        t.set(LinearTask.COMPARE, o, oo, os, a, ao, as, b, bo, bs, null, 0, 0);
        t.compare = k;
        t.run(n);
    }

    /** out[i] = k(a[i], scalar). */
    public static void compareScalar(CompareKernel k, MemorySegment o, long oo, long os, MemorySegment a, long ao, long as,
                                     double sd, long sl, long n) {
        if (n < Elementwise.GRAIN || Parallel.threads() == 1) {
            k.runScalar(o, oo, os, a, ao, as, sd, sl, n);
            return;
        }
        LinearTask t = TASK.get();
        t.set(LinearTask.COMPARE_SCALAR, o, oo, os, a, ao, as, null, 0, 0, null, 0, 0);
        t.compare = k;
        t.sd = sd;
        t.sl = sl;
        t.run(n);
    }

    /** out[i] = c[i] ? a[i] : b[i]. */
    public static void where(WhereKernel k, MemorySegment o, long oo, long os, MemorySegment c, long co, long cs,
                             MemorySegment a, long ao, long as, MemorySegment b, long bo, long bs, long n) {
        if (n < Elementwise.GRAIN || Parallel.threads() == 1) {
            k.run(o, oo, os, c, co, cs, a, ao, as, b, bo, bs, n);
            return;
        }
        LinearTask t = TASK.get();
        t.set(LinearTask.WHERE, o, oo, os, c, co, cs, a, ao, as, b, bo, bs);
        t.where = k;
        t.run(n);
    }

    /** out = k(a, b) over a plan whose operands are (out, a, b). */
    public static void compare(CompareKernel k, LoopPlan plan, MemorySegment o, MemorySegment a, MemorySegment b) {
        PlanTask t = PLAN_TASK.get();
        t.kind = LinearTask.COMPARE;
        t.compare = k;
        t.run(plan, o, a, b, null);
    }

    /** out = k(a, scalar) over a plan whose operands are (out, a). */
    public static void compareScalar(CompareKernel k, LoopPlan plan, MemorySegment o, MemorySegment a, double sd, long sl) {
        PlanTask t = PLAN_TASK.get();
        t.kind = LinearTask.COMPARE_SCALAR;
        t.compare = k;
        t.sd = sd;
        t.sl = sl;
        t.run(plan, o, a, null, null);
    }

    /** out = isclose(a, b) over a plan whose operands are (out, a, b). */
    public static void isclose(CloseKernel k, LoopPlan plan, MemorySegment o, MemorySegment a, MemorySegment b,
                               double rtol, double atol, boolean equalNan) {
        PlanTask t = PLAN_TASK.get();
        t.kind = PlanTask.CLOSE;
        t.close = k;
        t.rtol = rtol;
        t.atol = atol;
        t.equalNan = equalNan;
        t.run(plan, o, a, b, null);
    }

    /** out = c ? a : b over a plan whose operands are (out, c, a, b). */
    public static void where(WhereKernel k, LoopPlan plan, MemorySegment o, MemorySegment c, MemorySegment a, MemorySegment b) {
        PlanTask t = PLAN_TASK.get();
        t.kind = LinearTask.WHERE;
        t.where = k;
        t.run(plan, o, c, a, b);
    }

    /** The plan walks' reusable body: one per calling thread, the kernel kind chosen per call. */
    private static final class PlanTask extends PlanWalk {
        static final int CLOSE = 3;

        int kind;
        CompareKernel compare;
        WhereKernel where;
        CloseKernel close;
        double sd;
        long sl;
        double rtol;
        double atol;
        boolean equalNan;

        void run(LoopPlan plan, MemorySegment s0, MemorySegment s1, MemorySegment s2, MemorySegment s3) {
            try {
                walk(plan, s0, s1, s2, s3);
            } finally {
                compare = null;
                where = null;
                close = null;
            }
        }

        @Override
        protected void row(MemorySegment s0, long o0, long st0, MemorySegment s1, long o1, long st1,
                           MemorySegment s2, long o2, long st2, MemorySegment s3, long o3, long st3, long len) {
            switch (kind) {
                case LinearTask.COMPARE -> compare.run(s0, o0, st0, s1, o1, st1, s2, o2, st2, len);
                case LinearTask.COMPARE_SCALAR -> compare.runScalar(s0, o0, st0, s1, o1, st1, sd, sl, len);
                case CLOSE -> close.run(s0, o0, st0, s1, o1, st1, s2, o2, st2, len, rtol, atol, equalNan);
                default -> where.run(s0, o0, st0, s1, o1, st1, s2, o2, st2, s3, o3, st3, len);
            }
        }
    }

    /** A reusable chunk body: every operand is linear, so a chunk [start, end) starts at offset + start * stride. */
    private static final class LinearTask implements Parallel.Body {
        static final int COMPARE = 0;
        static final int COMPARE_SCALAR = 1;
        static final int WHERE = 2;

        int kind;
        CompareKernel compare;
        WhereKernel where;
        MemorySegment s0;
        MemorySegment s1;
        MemorySegment s2;
        MemorySegment s3;
        long off0;
        long off1;
        long off2;
        long off3;
        long st0;
        long st1;
        long st2;
        long st3;
        double sd;
        long sl;

        void set(int kind, MemorySegment s0, long off0, long st0, MemorySegment s1, long off1, long st1,
                 MemorySegment s2, long off2, long st2, MemorySegment s3, long off3, long st3) {
            this.kind = kind;
            this.s0 = s0;
            this.off0 = off0;
            this.st0 = st0;
            this.s1 = s1;
            this.off1 = off1;
            this.st1 = st1;
            this.s2 = s2;
            this.off2 = off2;
            this.st2 = st2;
            this.s3 = s3;
            this.off3 = off3;
            this.st3 = st3;
        }

        void run(long n) {
            try {
                Parallel.range(n, Elementwise.GRAIN, this);
            } finally {
                compare = null;
                where = null;
                s0 = s1 = s2 = s3 = null;
            }
        }

        @Override
        public void run(int chunk, long start, long end) {
            long len = end - start;
            long o0 = off0 + start * st0;
            long o1 = off1 + start * st1;
            long o2 = off2 + start * st2;
            switch (kind) {
                case COMPARE -> compare.run(s0, o0, st0, s1, o1, st1, s2, o2, st2, len);
                case COMPARE_SCALAR -> compare.runScalar(s0, o0, st0, s1, o1, st1, sd, sl, len);
                default -> where.run(s0, o0, st0, s1, o1, st1, s2, o2, st2, s3, off3 + start * st3, st3, len);
            }
        }
    }
}
