package dev.vectorgrad.engine.kernel;

import dev.vectorgrad.engine.kernel.gen.GemmF32x12x1;
import dev.vectorgrad.engine.kernel.gen.GemmF32x6x2;
import dev.vectorgrad.engine.kernel.gen.GemmF32x6x4;
import dev.vectorgrad.engine.kernel.gen.GemmF64x12x1;
import dev.vectorgrad.engine.kernel.gen.GemmF64x6x2;
import dev.vectorgrad.engine.kernel.gen.GemmF64x6x4;
import dev.vectorgrad.engine.parallel.Parallel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * C = A B for float32 and float64, BLIS-style: B is packed into NR-column panels one KC x NC block
 * at a time (kept in L2), A into MR-row panels one MC x KC block at a time (each by the first tile
 * that reads it), and a register-tiled micro-kernel multiplies an A panel (kept in L1 across the
 * whole row of B panels) by each B panel.
 * Packing reads any strides, so transposed and sliced operands cost no extra copy. Small products
 * skip packing and read A and B in place.
 *
 * <p>Threads take shares of C's rows or columns, each computed start to end by one thread
 * ({@link Shares}); products too small for that share the pieces (MC block, column group) of
 * each KC x NC step. Every element of C is summed over k in the same order whatever the split
 * (K blocks of KC in order, k in order within a block), so results do not depend on the thread
 * count.
 */
public final class Gemm {
    /** Cache sizes in bytes, from sysfs where the OS has it. */
    public static final long L1 = CacheInfo.size(1, 32 << 10);
    public static final long L2 = CacheInfo.size(2, 512 << 10);
    /** The register file: 32 vector registers (AVX-512, NEON, SVE) or 16 (AVX2, SSE). */
    public static final int VECTOR_REGISTERS = CacheInfo.vectorRegisters();

    /** Whether the micro-kernels are kept from C1 (see {@link JitDirectives}); installed before their first call. */
    public static final boolean JIT_DIRECTIVES = JitDirectives.install();
    private static final GemmKernel F32 = VECTOR_REGISTERS >= 32 ? GemmF32x6x4.INSTANCE : GemmF32x6x2.INSTANCE;
    private static final GemmKernel F64 = VECTOR_REGISTERS >= 32 ? GemmF64x6x4.INSTANCE : GemmF64x6x2.INSTANCE;
    /** For products at most one vector wide (n <= its NR): no columns of padding past the vector. */
    private static final GemmKernel F32_NARROW = GemmF32x12x1.INSTANCE;
    private static final GemmKernel F64_NARROW = GemmF64x12x1.INSTANCE;
    public static final Blocking F32_BLOCKING = Blocking.of(F32);
    public static final Blocking F64_BLOCKING = Blocking.of(F64);
    private static final Blocking F32_NARROW_BLOCKING = Blocking.of(F32_NARROW);
    private static final Blocking F64_NARROW_BLOCKING = Blocking.of(F64_NARROW);

    /**
     * From this many multiply-adds a product is split into shares (an MLP's 256x256x10 is 655K):
     * on 2 threads each reads the half of its operands that its own core wrote last.
     */
    static final long SHARE_MIN = Long.getLong("vectorgrad.gemm.shareMin", 1L << 19);
    /** Below this many multiply-adds one thread does the product when it cannot be split into shares (waking workers costs more). */
    static final long PARALLEL_MIN = Long.getLong("vectorgrad.gemm.parallelMin", 1L << 20);
    /** Up to this many multiply-adds, with B row-major, the direct path reads A and B in place. */
    static final long DIRECT_MAX = Long.getLong("vectorgrad.gemm.directMax", 1L << 20);
    /** Column groups of at most this many B panels read A in place instead of packing it (2 measured slower than packing). */
    static final int IN_PLACE_PANELS = Integer.getInteger("vectorgrad.gemm.inPlacePanels", 1);
    /** A row of zeros that the micro-kernel reads, with row stride 0, as the C tile it starts from. */
    private static final MemorySegment ZEROS = Arena.global().allocate(1024, 64);

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);
    private static final ThreadLocal<Job> JOBS = ThreadLocal.withInitial(Job::new);
    /** A thread's share of a split product (the caller's own Job is busy with the whole one). */
    private static final ThreadLocal<Job> SHARES_JOBS = ThreadLocal.withInitial(Job::new);
    /**
     * How a product is split over threads: {@code shares} (the default: each thread computes its
     * own rows or columns of C start to end, see {@link Shares}), or {@code blocks} (threads share
     * each packed KC x NC block of B). For tuning on other machines.
     */
    static final boolean SHARES = !"blocks".equals(System.getProperty("vectorgrad.gemm.split", "shares"));
    /** Column shares only when each thread gets at least this many B panels (A is packed once per share). */
    static final int SHARE_MIN_PANELS = 4;

    private Gemm() {
    }

    /** Cache blocking for one kernel: KC steps of k, MC rows of A, NC columns of B per block. */
    public record Blocking(int kc, int mc, int nc) {
        static Blocking of(GemmKernel k) {
            int bytes = k.bytes();
            // an A panel (MR x KC) stays in L1 while B panels stream past it: an eighth of L1
            int kc = clamp((int) (L1 / (8L * k.mr() * bytes)) / 8 * 8, 64, 512);
            // the packed B block (KC x NC) stays in L2 for every MC block: half of it
            int nc = Math.max(k.nr(), (int) (L2 / 2 / ((long) kc * bytes)) / k.nr() * k.nr());
            // an A block is a unit of work, small enough to share out among threads
            int mc = Math.max(k.mr(), (int) (L2 / 16 / ((long) kc * bytes)) / k.mr() * k.mr());
            // -Dvectorgrad.gemm.kc / .mc / .nc override, for tuning on another machine
            kc = Integer.getInteger("vectorgrad.gemm.kc", kc);
            nc = Math.max(k.nr(), Integer.getInteger("vectorgrad.gemm.nc", nc) / k.nr() * k.nr());
            mc = Math.max(k.mr(), Integer.getInteger("vectorgrad.gemm.mc", mc) / k.mr() * k.mr());
            return new Blocking(kc, mc, nc);
        }

        private static int clamp(int v, int lo, int hi) {
            return Math.max(lo, Math.min(hi, v));
        }
    }

    /** The kernel for float64 ({@code true}) or float32. */
    public static GemmKernel kernel(boolean f64) {
        return f64 ? F64 : F32;
    }

    /**
     * C[m x n] = A[m x k] B[k x n]; every operand by byte offset and byte strides, so A and B may be
     * transposed, sliced or broadcast views. C must have unit column or unit row stride and must
     * not overlap A or B. Segments must be accessible from any thread (shared or global).
     */
    public static void gemm(GemmKernel kern, int m, int n, int k,
                            MemorySegment a, long ao, long ars, long acs,
                            MemorySegment b, long bo, long brs, long bcs,
                            MemorySegment c, long co, long crs, long ccs) {
        int bytes = kern.bytes();
        if (n == 1) {
            ccs = bytes; // one column: its stride is never used
        }
        if (ccs != bytes) {
            if (crs != bytes && m > 1) {
                throw new IllegalArgumentException("C needs unit row or column stride");
            }
            // C column-major (or one row): C^T = B^T A^T with C^T row-major
            gemm(kern, n, m, k, b, bo, bcs, brs, a, ao, acs, ars, c, co, ccs, bytes);
            return;
        }
        if (m == 0 || n == 0) {
            return;
        }
        Blocking blk;
        if (kern == F32) {
            kern = n <= F32_NARROW.nr() ? F32_NARROW : F32;
            blk = n <= F32_NARROW.nr() ? F32_NARROW_BLOCKING : F32_BLOCKING;
        } else if (kern == F64) {
            kern = n <= F64_NARROW.nr() ? F64_NARROW : F64;
            blk = n <= F64_NARROW.nr() ? F64_NARROW_BLOCKING : F64_BLOCKING;
        } else {
            blk = Blocking.of(kern);
        }
        Job job = JOBS.get();
        try {
            job.set(kern, blk, m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, crs);
            job.run();
        } finally {
            job.clear();
        }
    }

    /** Per-thread packing buffers, off-heap and 64-byte aligned, grown on demand and reused. */
    private static final class Buffers {
        MemorySegment a;
        MemorySegment b;
        MemorySegment tile;
        /** Packed A panels: a float[] or double[] (see GemmKernel.panelBuffer). */
        Object panels;

        MemorySegment a(long bytes) {
            if (a == null || a.byteSize() < bytes) {
                a = Arena.ofAuto().allocate(bytes, 64);
            }
            return a;
        }

        MemorySegment b(long bytes) {
            if (b == null || b.byteSize() < bytes) {
                b = Arena.ofAuto().allocate(bytes, 64);
            }
            return b;
        }

        MemorySegment tile(long bytes) {
            if (tile == null || tile.byteSize() < bytes) {
                tile = Arena.ofAuto().allocate(bytes, 64);
            }
            return tile;
        }
    }

    /**
     * One product in progress, reused by its calling thread (no allocation per call): the loops
     * over NC and KC blocks run here, the pieces inside them on the pool.
     */
    private static final class Job {
        final PackB packB = new PackB(this);
        final Compute compute = new Compute(this);
        final Shares shares = new Shares(this);
        GemmKernel kern;
        Blocking blk;
        int m, n, k;
        MemorySegment a, b, c;
        long ao, ars, acs, bo, brs, bcs, co, crs;
        // the current block
        int jc, nc, pc, kc, mcEff, icBlocks, groups, groupCols;
        MemorySegment bp;

        void set(GemmKernel kern, Blocking blk, int m, int n, int k, MemorySegment a, long ao, long ars, long acs,
                 MemorySegment b, long bo, long brs, long bcs, MemorySegment c, long co, long crs) {
            this.kern = kern;
            this.blk = blk;
            this.m = m;
            this.n = n;
            this.k = k;
            this.a = a;
            this.ao = ao;
            this.ars = ars;
            this.acs = acs;
            this.b = b;
            this.bo = bo;
            this.brs = brs;
            this.bcs = bcs;
            this.c = c;
            this.co = co;
            this.crs = crs;
        }

        void clear() {
            kern = null;
            a = b = c = bp = null;
        }

        void run() {
            long work = (long) m * n * Math.max(k, 1);
            if (k == 0) {
                zero();
                return;
            }
            int threads = work >= SHARE_MIN ? Parallel.threads() : 1;
            if (threads > 1 && SHARES && shares.split(threads)) {
                return;
            }
            runAlone(work >= PARALLEL_MIN ? threads : 1);
        }

        /** The product on this thread, or with its KC x NC blocks shared out over {@code threads}. */
        void runAlone(int threads) {
            long work = (long) m * n * k;
            if (work <= DIRECT_MAX && bcs == kern.bytes() && k <= 4 * blk.kc()) {
                direct();
                return;
            }
            blocked(threads);
        }

        /** The BLIS loops, the pieces of each KC x NC block shared out over {@code threads}. */
        void blocked(int threads) {
            int bytes = kern.bytes();
            int mr = kern.mr();
            int nr = kern.nr();
            // MC blocks: a multiple of the thread count, so that threads get equal shares
            int blocks = (m + blk.mc() - 1) / blk.mc();
            if (threads > 1) {
                blocks = (blocks + threads - 1) / threads * threads;
            }
            mcEff = ceilTo((m + blocks - 1) / blocks, mr);
            icBlocks = (m + mcEff - 1) / mcEff;
            // K blocks of equal depth (784 = 4 x 196, not 3 x 256 + 16): a thin last block would
            // load and store C for few multiply-adds
            int kBlocks = (k + blk.kc() - 1) / blk.kc();
            int kcEff = (k + kBlocks - 1) / kBlocks;
            for (jc = 0; jc < n; jc += blk.nc()) {
                nc = Math.min(blk.nc(), n - jc);
                int panels = (nc + nr - 1) / nr;
                // few MC blocks (a short A): split the columns too
                groups = threads > 1 && icBlocks < 2 * threads ? Math.min(panels, (2 * threads + icBlocks - 1) / icBlocks) : 1;
                groupCols = (panels + groups - 1) / groups * nr;
                groups = (nc + groupCols - 1) / groupCols;
                for (pc = 0; pc < k; pc += kcEff) {
                    kc = Math.min(kcEff, k - pc);
                    bp = BUFFERS.get().b((long) panels * nr * kc * bytes);
                    if (threads > 1) {
                        Parallel.range((long) panels * Parallel.MAX_CHUNKS, Parallel.MAX_CHUNKS, packB);
                        Parallel.range((long) icBlocks * groups * Parallel.MAX_CHUNKS, Parallel.MAX_CHUNKS, compute);
                    } else {
                        packB.panels(0, panels);
                        for (int item = 0; item < icBlocks * groups; item++) {
                            compute.item(item);
                        }
                    }
                }
            }
        }

        /** C = 0 (k == 0). */
        private void zero() {
            int bytes = kern.bytes();
            for (int i = 0; i < m; i++) {
                c.asSlice(co + i * crs, (long) n * bytes).fill((byte) 0);
            }
        }

        /**
         * Small products: tiles read A and B in place. The rows of A past the last full MR and the
         * columns of B past the last full NR are packed once (zero-padded to a full tile); their
         * tiles are computed into a scratch tile and written back under a mask.
         */
        private void direct() {
            int mr = kern.mr();
            int nr = kern.nr();
            int bytes = kern.bytes();
            int fullRows = m / mr * mr;
            int fullCols = n / nr * nr;
            Buffers buf = BUFFERS.get();
            MemorySegment ap = null;
            MemorySegment bpe = null;
            if (fullRows < m) {
                ap = buf.a((long) mr * k * bytes);
                kern.packA(ap, 0, a, ao + fullRows * ars, ars, acs, m - fullRows, k);
            }
            if (fullCols < n) {
                bpe = buf.b((long) nr * k * bytes);
                kern.packB(bpe, 0, b, bo + (long) fullCols * bytes, brs, bytes, n - fullCols, k);
            }
            MemorySegment tile = buf.tile((long) mr * nr * bytes);
            long ld = (long) nr * bytes;
            for (int i = 0; i < m; i += mr) {
                int rows = Math.min(mr, m - i);
                boolean rowsFull = rows == mr;
                MemorySegment as = rowsFull ? a : ap;
                long aOff = rowsFull ? ao + i * ars : 0;
                long aRs = rowsFull ? ars : bytes;
                long aCs = rowsFull ? acs : (long) mr * bytes;
                long cRow = co + i * crs;
                for (int j = 0; j < n; j += nr) {
                    int cols = Math.min(nr, n - j);
                    boolean colsFull = cols == nr;
                    MemorySegment bs = colsFull ? b : bpe;
                    long bOff = colsFull ? bo + (long) j * bytes : 0;
                    long bRs = colsFull ? brs : ld;
                    long cij = cRow + (long) j * bytes;
                    if (rowsFull && colsFull) {
                        readInPlace(kern, k, as, aOff, aRs, aCs, bs, bOff, bRs, ZEROS, 0, 0, c, cij, crs);
                    } else {
                        readInPlace(kern, k, as, aOff, aRs, aCs, bs, bOff, bRs, ZEROS, 0, 0, tile, 0, ld);
                        kern.tileOut(tile, c, cij, crs, rows, cols);
                    }
                }
            }
        }
    }

    /** Packs the current KC x NC block of B, panels [start, end) of it. */
    private static final class PackB implements Parallel.Body {
        final Job job;

        PackB(Job job) {
            this.job = job;
        }

        @Override
        public void run(int chunk, long start, long end) {
            panels((int) (start / Parallel.MAX_CHUNKS), (int) (end / Parallel.MAX_CHUNKS));
        }

        void panels(int from, int to) {
            Job j = job;
            GemmKernel kern = j.kern;
            int nr = kern.nr();
            long panelBytes = (long) nr * j.kc * kern.bytes();
            long src = j.bo + j.pc * j.brs + j.jc * j.bcs;
            if (j.bcs == kern.bytes()) {
                // B row-major: its full panels row by row, each row read start to end (1024^3: 2.6% faster)
                int full = Math.min(to, j.nc / nr);
                if (from < full) {
                    kern.packBRows(j.bp, from * panelBytes, panelBytes, j.b, src + from * nr * j.bcs, j.brs, full - from, j.kc);
                    from = full;
                }
            }
            for (int p = from; p < to; p++) {
                int col = p * nr;
                kern.packB(j.bp, p * panelBytes, j.b, src + col * j.bcs, j.brs, j.bcs, Math.min(nr, j.nc - col), j.kc);
            }
        }
    }

    /**
     * Splits C into one share of rows (or of columns) per thread; each thread runs the whole
     * blocked product for its share alone, packing the B (or A) it needs into its own caches.
     * Sharing one packed B block among threads instead costs two waits per KC block, and moves
     * B panels and C rows between the cores' L2s: on 2 cores, alternating both in one JVM,
     * 256x4096x64 scaled 1.44-1.52x with shared blocks and 1.82-1.87x with shares; 1024^3 gained
     * less (1.80x -> 1.87x) and nothing while the host ran slow. The price is packing the other operand
     * once per share, small next to the share's multiply-adds unless the share is thin: rows
     * are split unless the product is wider than tall, and a share is at least two A panels
     * tall (or {@link #SHARE_MIN_PANELS} B panels wide). The sum for each element of C runs over
     * the same K blocks in the same order either way, so the result does not change.
     */
    private static final class Shares implements Parallel.Body {
        final Job job;
        boolean byColumns;
        /** Strips (MR rows) or panels (NR columns) per share. */
        int perShare;

        Shares(Job job) {
            this.job = job;
        }

        /** Runs the product as shares on {@code threads} threads; false when it is too small to split so. */
        boolean split(int threads) {
            Job j = job;
            int strips = (j.m + j.kern.mr() - 1) / j.kern.mr();
            int panels = (j.n + j.kern.nr() - 1) / j.kern.nr();
            byColumns = j.n > j.m && panels >= SHARE_MIN_PANELS * threads;
            if (!byColumns && strips < 2 * threads) {
                return false;
            }
            int units = byColumns ? panels : strips;
            perShare = (units + threads - 1) / threads;
            int count = (units + perShare - 1) / perShare;
            Parallel.range((long) count * Parallel.MAX_CHUNKS, Parallel.MAX_CHUNKS, this);
            return true;
        }

        @Override
        public void run(int chunk, long start, long end) {
            Job j = job;
            long bytes = j.kern.bytes();
            Job share = SHARES_JOBS.get();
            try {
                for (long s = start / Parallel.MAX_CHUNKS; s < end / Parallel.MAX_CHUNKS; s++) {
                    if (byColumns) {
                        int from = (int) s * perShare * j.kern.nr();
                        share.set(j.kern, j.blk, j.m, Math.min(j.n - from, perShare * j.kern.nr()), j.k,
                                j.a, j.ao, j.ars, j.acs, j.b, j.bo + from * j.bcs, j.brs, j.bcs,
                                j.c, j.co + from * bytes, j.crs);
                    } else {
                        int from = (int) s * perShare * j.kern.mr();
                        share.set(j.kern, j.blk, Math.min(j.m - from, perShare * j.kern.mr()), j.n, j.k,
                                j.a, j.ao + from * j.ars, j.ars, j.acs, j.b, j.bo, j.brs, j.bcs,
                                j.c, j.co + from * j.crs, j.crs);
                    }
                    share.runAlone(1);
                }
            } finally {
                share.clear();
            }
        }
    }

    /** Multiplies one MC block of A by one column group of the packed B block. */
    private static final class Compute implements Parallel.Body {
        final Job job;

        Compute(Job job) {
            this.job = job;
        }

        @Override
        public void run(int chunk, long start, long end) {
            for (long item = start / Parallel.MAX_CHUNKS; item < end / Parallel.MAX_CHUNKS; item++) {
                item((int) item);
            }
        }

        void item(int item) {
            Job j = job;
            GemmKernel kern = j.kern;
            int mr = kern.mr();
            int nr = kern.nr();
            int bytes = kern.bytes();
            int kc = j.kc;
            int ic = item / j.groups * j.mcEff;
            int mc = Math.min(j.mcEff, j.m - ic);
            int jFrom = item % j.groups * j.groupCols;
            int jTo = Math.min(j.nc, jFrom + j.groupCols);
            Buffers buf = BUFFERS.get();
            Object ap = buf.panels = kern.panelBuffer(buf.panels, j.mcEff * kc);
            int panelA = mr * kc;
            long aSrc = j.ao + ic * j.ars + j.pc * j.acs;
            // an A panel that meets few B panels is read in place: packing it would cost about
            // as much as the multiply-adds it feeds (256x4096x64: 1.53 ms instead of 1.89)
            boolean inPlace = (jTo - jFrom + nr - 1) / nr <= IN_PLACE_PANELS;
            // otherwise, for A with unit column stride, each full A panel is packed by its first
            // tile's kernel as it reads A, when that tile is full (microPackA): a pass of its own
            // ahead of the tiles read A from L3 with nothing to overlap (1024^3 on one thread: 7%
            // faster fused). Other A (transposed: a panel's MR values per k are contiguous) packs fast.
            boolean fused = !inPlace && jTo - jFrom >= nr && j.acs == bytes;
            for (int ir = inPlace || fused ? mc / mr * mr : 0; ir < mc; ir += mr) {
                kern.packPanel(ap, ir / mr * panelA, j.a, aSrc + ir * j.ars, j.ars, j.acs, Math.min(mr, mc - ir), kc);
            }
            boolean first = j.pc == 0;
            MemorySegment ci = first ? ZEROS : j.c;
            long ldci = first ? 0 : j.crs;
            MemorySegment tile = null;
            long ld = (long) nr * bytes;
            long panelB = (long) nr * kc * bytes;
            for (int ir = 0; ir < mc; ir += mr) {
                int rows = Math.min(mr, mc - ir);
                int aOff = ir / mr * panelA;
                long cRow = j.co + (ic + ir) * j.crs + (long) j.jc * bytes;
                for (int jr = jFrom; jr < jTo; jr += nr) {
                    int cols = Math.min(nr, j.nc - jr);
                    long cij = cRow + (long) jr * bytes;
                    long bOff = jr / nr * panelB;
                    boolean direct = inPlace && rows == mr;
                    long aIn = aSrc + ir * j.ars;
                    if (rows == mr && cols == nr) {
                        if (direct) {
                            readInPlace(kern, kc, j.a, aIn, j.ars, j.acs, j.bp, bOff, ld, ci, first ? 0 : cij, ldci, j.c, cij, j.crs);
                        } else if (fused && jr == jFrom) {
                            kern.microPackA(kc, j.a, aIn, j.ars, ap, aOff, j.bp, bOff, ci, first ? 0 : cij, ldci, j.c, cij, j.crs);
                        } else {
                            kern.micro(kc, ap, aOff, j.bp, bOff, ci, first ? 0 : cij, ldci, j.c, cij, j.crs);
                        }
                    } else {
                        if (tile == null) {
                            tile = buf.tile((long) mr * nr * bytes);
                        }
                        kern.tileIn(tile, j.c, cij, j.crs, rows, cols, !first);
                        if (direct) {
                            readInPlace(kern, kc, j.a, aIn, j.ars, j.acs, j.bp, bOff, ld, tile, 0, ld, tile, 0, ld);
                        } else {
                            kern.micro(kc, ap, aOff, j.bp, bOff, tile, 0, ld, tile, 0, ld);
                        }
                        kern.tileOut(tile, j.c, cij, j.crs, rows, cols);
                    }
                }
            }
        }
    }

    /** The in-place kernel: its constant-stride loop for row-major A (see {@link GemmKernel#directRows}). */
    private static void readInPlace(GemmKernel kern, int kc, MemorySegment a, long ao, long ars, long acs, MemorySegment b, long bo, long brs,
                                    MemorySegment ci, long cio, long ldci, MemorySegment c, long co, long ldc) {
        if (acs == kern.bytes()) {
            kern.directRows(kc, a, ao, ars, b, bo, brs, ci, cio, ldci, c, co, ldc);
        } else {
            kern.direct(kc, a, ao, ars, acs, b, bo, brs, ci, cio, ldci, c, co, ldc);
        }
    }

    static int ceilTo(int v, int multiple) {
        return (v + multiple - 1) / multiple * multiple;
    }
}
