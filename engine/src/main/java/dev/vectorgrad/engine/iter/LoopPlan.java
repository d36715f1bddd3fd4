package dev.vectorgrad.engine.iter;

import java.util.Arrays;

/**
 * How to walk several operands of one shape (broadcast inputs carry stride 0) in memory order,
 * as NumPy's nditer and ATen's TensorIterator do: drop size-1 dims, order dims so the
 * first operand (the output) moves with its smallest stride innermost, then merge adjacent dims
 * that are contiguous for every operand. Kernels see only byte offsets, byte strides and the
 * inner length, so one inner loop serves every layout.
 *
 * <p>A plan can be built once ({@link #of}) or rebuilt in place ({@link #start}, {@link #operand},
 * {@link #finish}): the hot elementwise paths reuse one plan per thread ({@link #scratch()}), so
 * planning a broadcast or strided op allocates nothing once the plan's arrays have grown to the
 * rank and operand count in use.
 */
public final class LoopPlan {
    private static final ThreadLocal<LoopPlan> SCRATCH = ThreadLocal.withInitial(LoopPlan::new);

    // the plan: dims outermost first, the last dim is the inner loop; arrays are capacities, rank and ops say how much is used
    private long[] shape = new long[4];
    private long[][] strides = new long[0][];  // [operand][dim], bytes
    private long[] offsets = new long[0];      // [operand], bytes
    private int[] elementBytes = new int[0];   // [operand], 0 when unknown (plans from of())
    private int rank;
    private int ops;
    private long numel;

    // the input of a build: the full-rank iteration shape and each operand's byte strides over it
    private long[] inShape = new long[4];
    private long[][] inStrides = new long[0][];
    private int inRank;
    private int[] order = new int[4];

    public LoopPlan() {
    }

    /**
     * The calling thread's reusable plan. It stays valid until the thread's next call, so an op
     * must be done with it (its kernels run) before it returns, and must not call another op
     * that plans in between.
     */
    public static LoopPlan scratch() {
        return SCRATCH.get();
    }

    /**
     * A new plan.
     *
     * @param shape   the iteration shape (the output's)
     * @param strides per operand, byte strides over {@code shape} (0 where broadcast)
     * @param offsets per operand, the byte offset of element (0, ..., 0)
     */
    public static LoopPlan of(long[] shape, long[][] strides, long[] offsets) {
        LoopPlan p = new LoopPlan();
        p.start(shape, strides.length);
        for (int op = 0; op < strides.length; op++) {
            System.arraycopy(strides[op], 0, p.inStrides[op], 0, shape.length);
            p.offsets[op] = offsets[op];
        }
        return p.finish();
    }

    /** Begins a build over the iteration {@code shape} (read, not kept) for {@code operands} operands. */
    public LoopPlan start(long[] shape, int operands) {
        int r = shape.length;
        if (inShape.length < r) {
            int cap = Math.max(r, 2 * inShape.length);
            inShape = new long[cap];
            this.shape = new long[cap];
            order = new int[cap];
        }
        if (inStrides.length < operands || (operands > 0 && inStrides[0].length < r)) {
            int cap = Math.max(r, inShape.length);
            int opCap = Math.max(operands, inStrides.length);
            inStrides = new long[opCap][cap];
            strides = new long[opCap][cap];
            offsets = new long[opCap];
            elementBytes = new int[opCap];
        }
        System.arraycopy(shape, 0, inShape, 0, r);
        inRank = r;
        ops = operands;
        for (int op = 0; op < operands; op++) {
            elementBytes[op] = 0;
        }
        return this;
    }

    /**
     * Operand {@code op}: a tensor of {@code opShape} and element {@code opStrides}, broadcast to
     * the iteration shape as PyTorch aligns shapes (from the last dim; missing and size-1 dims
     * get stride 0), with elements of {@code bytes} bytes starting at element {@code offset}.
     */
    public LoopPlan operand(int op, long[] opShape, long[] opStrides, long offset, int bytes) {
        long[] s = inStrides[op];
        int lead = inRank - opShape.length;
        for (int d = 0; d < inRank; d++) {
            int od = d - lead;
            s[d] = od < 0 || opShape[od] == 1 ? 0 : opStrides[od] * bytes;
        }
        offsets[op] = offset * bytes;
        elementBytes[op] = bytes;
        return this;
    }

    /** Drops size-1 dims, orders the rest by the operands' strides and merges what is contiguous for all. */
    public LoopPlan finish() {
        long n = 1;
        int kept = 0;
        for (int d = 0; d < inRank; d++) {
            n *= inShape[d];
            if (inShape[d] != 1) {
                order[kept++] = d;
            }
        }
        numel = n;
        // stable insertion sort (ranks are small): outer dims first
        for (int i = 1; i < kept; i++) {
            int d = order[i];
            int j = i - 1;
            while (j >= 0 && innerThan(order[j], d)) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = d;
        }
        int r = 0;
        for (int i = 0; i < kept; i++) {
            int d = order[i];
            if (r > 0 && mergeable(d, r - 1)) {
                shape[r - 1] *= inShape[d];
                for (int op = 0; op < ops; op++) {
                    strides[op][r - 1] = inStrides[op][d];
                }
            } else {
                shape[r] = inShape[d];
                for (int op = 0; op < ops; op++) {
                    strides[op][r] = inStrides[op][d];
                }
                r++;
            }
        }
        if (r == 0) { // a single element (or none): one row of one
            shape[0] = kept == 0 && n == 0 ? 0 : 1;
            for (int op = 0; op < ops; op++) {
                strides[op][0] = 0;
            }
            r = 1;
        }
        rank = r;
        return this;
    }

    /**
     * True when dim a belongs inside dim b: the first operand that tells them apart (neither
     * broadcast, different magnitudes) has the smaller stride along a.
     */
    private boolean innerThan(int a, int b) {
        for (int op = 0; op < ops; op++) {
            long sa = Math.abs(inStrides[op][a]);
            long sb = Math.abs(inStrides[op][b]);
            if (sa == 0 || sb == 0 || sa == sb) {
                continue;
            }
            return sa < sb;
        }
        return false;
    }

    /** Dim d (inner) continues merged dim prev when, for every operand, outer stride == inner stride * inner size. */
    private boolean mergeable(int d, int prev) {
        for (int op = 0; op < ops; op++) {
            if (strides[op][prev] != inStrides[op][d] * inShape[d]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Makes plan dim {@code dim} the second innermost, keeping the order of the others (a loop
     * nest may visit its outer dims in any order): the tiled walk wants the dim along which an
     * input is contiguous right outside the inner one.
     */
    public void moveToSecondInnermost(int dim) {
        int target = rank - 2;
        if (dim == target) {
            return;
        }
        long size = shape[dim];
        for (int d = dim; d < target; d++) {
            shape[d] = shape[d + 1];
        }
        shape[target] = size;
        for (int op = 0; op < ops; op++) {
            long[] s = strides[op];
            long st = s[dim];
            for (int d = dim; d < target; d++) {
                s[d] = s[d + 1];
            }
            s[target] = st;
        }
    }

    public long numel() {
        return numel;
    }

    public int rank() {
        return rank;
    }

    public int operands() {
        return ops;
    }

    public long innerSize() {
        return shape[rank - 1];
    }

    public long innerStride(int operand) {
        return strides[operand][rank - 1];
    }

    /** Number of inner loops. */
    public long outerCount() {
        return numel == 0 ? 0 : numel / innerSize();
    }

    public long size(int dim) {
        return shape[dim];
    }

    public long stride(int operand, int dim) {
        return strides[operand][dim];
    }

    public long offset(int operand) {
        return offsets[operand];
    }

    /** The operand's element size in bytes, or 0 when the plan was built from byte strides alone ({@link #of}). */
    public int elementBytes(int operand) {
        return elementBytes[operand];
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("LoopPlan").append(Arrays.toString(Arrays.copyOf(shape, rank)));
        for (int op = 0; op < ops; op++) {
            b.append(" op").append(op).append('@').append(offsets[op]).append(Arrays.toString(Arrays.copyOf(strides[op], rank)));
        }
        return b.toString();
    }

    public Cursor cursor() {
        Cursor c = new Cursor();
        c.reset(this);
        return c;
    }

    /**
     * Visits the inner loops in order: {@link #offset(int)} is each operand's byte offset of the
     * current row. Reusable: {@link #reset} points it at another plan without allocating once its
     * arrays are big enough.
     */
    public static final class Cursor {
        private LoopPlan plan;
        private long[] index = new long[4];
        private long[] offsets = new long[4];

        public Cursor() {
        }

        /** Walks {@code p} from its first row. */
        public void reset(LoopPlan p) {
            plan = p;
            if (index.length < p.rank) {
                index = new long[Math.max(p.rank, 2 * index.length)];
            }
            if (offsets.length < p.ops) {
                offsets = new long[Math.max(p.ops, 2 * offsets.length)];
            }
            seek(0);
        }

        /** Lets go of the plan (a reused cursor should not keep the last one reachable). */
        public void clear() {
            plan = null;
        }

        public long offset(int operand) {
            return offsets[operand];
        }

        /** Positions the cursor at inner loop number {@code row} (0-based), for a worker's first row. */
        public void seek(long row) {
            seek(row, 1);
        }

        /**
         * Positions the cursor at loop number {@code row} over the plan's dims outside the
         * innermost {@code innerDims} (1: rows; 2: the tiled walk's planes).
         */
        public void seek(long row, int innerDims) {
            LoopPlan p = plan;
            long rem = row;
            for (int op = 0; op < p.ops; op++) {
                offsets[op] = p.offsets[op];
            }
            for (int d = p.rank - 1 - innerDims; d >= 0; d--) {
                long size = p.shape[d];
                index[d] = rem % size;
                rem /= size;
                for (int op = 0; op < p.ops; op++) {
                    offsets[op] += index[d] * p.strides[op][d];
                }
            }
        }

        /** Moves to the next inner loop (an odometer over the outer dims). */
        public void next() {
            next(1);
        }

        /** Moves to the next loop over the dims outside the innermost {@code innerDims}. */
        public void next(int innerDims) {
            LoopPlan p = plan;
            for (int d = p.rank - 1 - innerDims; d >= 0; d--) {
                index[d]++;
                if (index[d] < p.shape[d]) {
                    for (int op = 0; op < p.ops; op++) {
                        offsets[op] += p.strides[op][d];
                    }
                    return;
                }
                index[d] = 0;
                for (int op = 0; op < p.ops; op++) {
                    offsets[op] -= (p.shape[d] - 1) * p.strides[op][d];
                }
            }
        }
    }
}
