package dev.vectorgrad.engine.kernel;

import dev.vectorgrad.engine.iter.LoopPlan;
import dev.vectorgrad.engine.parallel.Parallel;
import dev.vectorgrad.engine.kernel.gen.Transpose;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A reusable chunk body that walks a {@link LoopPlan} of up to four operands (operand 0 is the
 * output) and hands each row piece to {@link #row}: subclasses say what a row is (a binary,
 * unary, compare or where kernel). Instances are kept per calling thread and hold no state
 * between calls, so a walk allocates nothing once its per-thread cursor and scratch exist.
 *
 * <p>Two walks:
 * <ul>
 *   <li>rows: chunks of the flat element range, each walked row by row (a chunk may start and
 *       end inside a row);</li>
 *   <li>tiles, when an input is contiguous along an outer dim but not along the inner one (a
 *       transposed operand, {@code a + b.t()}): the last two dims are cut into tiles; each tile
 *       of such an input is copied, transposed in registers ({@link Transpose}), into per-thread
 *       scratch (reading it along its own contiguous dim), and the tile then goes to the kernel
 *       in one call ({@link #tile}) with every operand but the broadcast ones contiguous along its
 *       rows, so its vector loop runs.
 *       Reading a column of b directly touches a new cache line (and, for big rows, a new page)
 *       per element.</li>
 * </ul>
 * Both split work by the shape alone, and each element is computed independently, so results
 * never depend on the thread count.
 */
public abstract class PlanWalk implements Parallel.Body {
    /**
     * Tile extent along the outer dim: elements of a transposed input read contiguously per
     * column. Long runs matter more than L1 residency: with 64 x 64 float tiles every page of
     * every operand is visited for only 256 bytes, and a + b.t() (1024^2) ran 2-3x slower than
     * with 256 x 256.
     */
    static final int TILE_ROWS = 256;
    /** Bytes of one operand's tile (TILE_ROWS rows): it stays in L2, and the rows of out and the other inputs run 1 KiB. */
    static final int TILE_BYTES = 256 * 1024;
    /** Padding after each scratch row, so the rows of a tile do not share cache sets. */
    private static final int PAD = 64;

    private static final ThreadLocal<Local> LOCAL = ThreadLocal.withInitial(Local::new);

    private LoopPlan plan;
    private MemorySegment s0;
    private MemorySegment s1;
    private MemorySegment s2;
    private MemorySegment s3;
    private boolean tiled;
    private int gathered;      // bit per operand read through scratch
    private long tileRows;     // along plan dim rank - 2
    private long tileCols;     // along the inner dim
    private long tilesE;
    private long tilesI;
    private long pitch;        // bytes per scratch row

    /** One row piece: per operand a segment, the byte offset of its first element and its byte stride. */
    protected abstract void row(MemorySegment s0, long o0, long st0, MemorySegment s1, long o1, long st1,
                                MemorySegment s2, long o2, long st2, MemorySegment s3, long o3, long st3, long len);

    /**
     * {@code rows} row pieces of a tile: row r of operand i at {@code oi + r * pi} (bytes), its
     * elements {@code sti} apart. By default one {@link #row} per row; a subclass whose kernel takes
     * a tile whole overrides it (the per-row call cost about as much as the row's arithmetic).
     */
    protected void tile(MemorySegment s0, long o0, long st0, long p0, MemorySegment s1, long o1, long st1, long p1,
                        MemorySegment s2, long o2, long st2, long p2, MemorySegment s3, long o3, long st3, long p3,
                        long len, long rows) {
        for (long r = 0; r < rows; r++) {
            row(s0, o0 + r * p0, st0, s1, o1 + r * p1, st1, s2, o2 + r * p2, st2, s3, o3 + r * p3, st3, len);
        }
    }

    /** Runs {@link #row} over every element of the plan (operand i in segment si; unused operands null). */
    protected final void walk(LoopPlan p, MemorySegment seg0, MemorySegment seg1, MemorySegment seg2, MemorySegment seg3) {
        long n = p.numel();
        if (n == 0) {
            return;
        }
        plan = p;
        s0 = seg0;
        s1 = seg1;
        s2 = seg2;
        s3 = seg3;
        try {
            if (chooseTiles(p)) {
                long planes = n / (p.size(p.rank() - 2) * p.size(p.rank() - 1));
                // chunks of a virtual range of tileRows * tileCols elements per tile, so the grain and the
                // chunk alignment stay in elements; a tile goes to the chunk holding its first element
                Parallel.range(planes * tilesE * tilesI * tileRows * tileCols, Elementwise.GRAIN, this);
            } else {
                Parallel.range(n, Elementwise.GRAIN, this);
            }
        } finally {
            plan = null;
            s0 = s1 = s2 = s3 = null;
            tiled = false;
        }
    }

    /**
     * Tiles when the output is contiguous along the inner dim and some input is contiguous along
     * an outer dim instead; moves that dim next to the inner one and sizes the tiles.
     */
    private boolean chooseTiles(LoopPlan p) {
        int r = p.rank();
        int ops = p.operands();
        if (r < 2 || p.elementBytes(0) == 0 || p.innerStride(0) != p.elementBytes(0)) {
            return false;
        }
        int e = -1;
        int mask = 0;
        int maxBytes = 0;
        for (int op = 0; op < ops; op++) {
            int b = p.elementBytes(op);
            maxBytes = Math.max(maxBytes, b);
            long s = p.innerStride(op);
            if (op == 0 || s == 0 || s == b) {
                continue;
            }
            if (e < 0) {
                for (int d = r - 2; d >= 0; d--) {
                    if (p.stride(op, d) == b) {
                        e = d;
                        break;
                    }
                }
            }
            if (e >= 0 && p.stride(op, e) == b) {
                mask |= 1 << op;
            }
        }
        if (mask == 0) {
            return false;
        }
        p.moveToSecondInnermost(e);
        tiled = true;
        gathered = mask;
        tileRows = TILE_ROWS;
        tileCols = Math.max(1, TILE_BYTES / (TILE_ROWS * maxBytes));
        pitch = tileCols * maxBytes + PAD;
        tilesE = (p.size(r - 2) + tileRows - 1) / tileRows;
        tilesI = (p.size(r - 1) + tileCols - 1) / tileCols;
        return true;
    }

    @Override
    public final void run(int chunk, long start, long end) {
        Local local = LOCAL.get();
        LoopPlan.Cursor c = local.cursor;
        c.reset(plan);
        try {
            if (tiled) {
                long size = tileRows * tileCols;
                long first = (start + size - 1) / size;
                long last = (end + size - 1) / size;
                if (first < last) {
                    tiles(local, first, last);
                }
            } else {
                rows(c, start, end);
            }
        } finally {
            c.clear();
        }
    }

    private void rows(LoopPlan.Cursor c, long start, long end) {
        LoopPlan p = plan;
        int ops = p.operands();
        long inner = p.innerSize();
        long st0 = p.innerStride(0);
        long st1 = ops > 1 ? p.innerStride(1) : 0;
        long st2 = ops > 2 ? p.innerStride(2) : 0;
        long st3 = ops > 3 ? p.innerStride(3) : 0;
        long row = start / inner;
        long col = start % inner;
        c.seek(row);
        for (long at = start; at < end; col = 0, c.next()) {
            long len = Math.min(inner - col, end - at);
            row(s0, c.offset(0) + col * st0, st0,
                    s1, ops > 1 ? c.offset(1) + col * st1 : 0, st1,
                    s2, ops > 2 ? c.offset(2) + col * st2 : 0, st2,
                    s3, ops > 3 ? c.offset(3) + col * st3 : 0, st3, len);
            at += len;
        }
    }

    private void tiles(Local local, long start, long end) {
        LoopPlan p = plan;
        LoopPlan.Cursor c = local.cursor;
        int ops = p.operands();
        int r = p.rank();
        long sizeE = p.size(r - 2);
        long sizeI = p.size(r - 1);
        long perPlane = tilesE * tilesI;
        MemorySegment scratch = local.scratch(region(ops));
        long[] base = local.base;
        long[] stE = local.strideE;
        long[] stI = local.strideI;
        for (int op = 0; op < ops; op++) {
            stE[op] = p.stride(op, r - 2);
            stI[op] = p.stride(op, r - 1);
        }
        long plane = start / perPlane;
        c.seek(plane, 2);
        for (long t = start; t < end; t++) {
            long tp = t / perPlane;
            if (tp != plane) {
                c.next(2);
                plane = tp;
            }
            long rem = t - tp * perPlane;
            long e0 = rem / tilesI * tileRows;
            long i0 = rem % tilesI * tileCols;
            long h = Math.min(tileRows, sizeE - e0);
            long w = Math.min(tileCols, sizeI - i0);
            for (int op = 0; op < ops; op++) {
                base[op] = c.offset(op) + e0 * stE[op] + i0 * stI[op];
                if ((gathered & (1 << op)) != 0) {
                    gather(segment(op), base[op], stI[op], p.elementBytes(op), scratch, region(op), pitch,
                            (int) h, (int) w);
                }
            }
            tile(s0, base[0], stI[0], stE[0],
                    pick(1, ops, s1, scratch), piece(1, ops, base), pieceStride(1, ops, stI), piecePitch(1, ops, stE),
                    pick(2, ops, s2, scratch), piece(2, ops, base), pieceStride(2, ops, stI), piecePitch(2, ops, stE),
                    pick(3, ops, s3, scratch), piece(3, ops, base), pieceStride(3, ops, stI), piecePitch(3, ops, stE),
                    w, h);
        }
    }

    private MemorySegment segment(int op) {
        return switch (op) {
            case 0 -> s0;
            case 1 -> s1;
            case 2 -> s2;
            default -> s3;
        };
    }

    private MemorySegment pick(int op, int ops, MemorySegment seg, MemorySegment scratch) {
        return op < ops && (gathered & (1 << op)) != 0 ? scratch : seg;
    }

    /** Operand op's offset for the first row of the current tile: in scratch when gathered, else in its own segment. */
    private long piece(int op, int ops, long[] base) {
        if (op >= ops) {
            return 0;
        }
        return (gathered & (1 << op)) != 0 ? region(op) : base[op];
    }

    /** Where operand op's tile starts in the scratch (one region of tileRows rows per operand). */
    private long region(int op) {
        return op * tileRows * pitch;
    }

    /** Bytes from one row of the tile to the next for operand op: the scratch pitch when gathered. */
    private long piecePitch(int op, int ops, long[] stE) {
        if (op >= ops) {
            return 0;
        }
        return (gathered & (1 << op)) != 0 ? pitch : stE[op];
    }

    private long pieceStride(int op, int ops, long[] stI) {
        if (op >= ops) {
            return 0;
        }
        return (gathered & (1 << op)) != 0 ? plan.elementBytes(op) : stI[op];
    }

    /**
     * Copies an h x w tile whose columns are contiguous in the source (element (i, j) at
     * {@code base + i * bytes + j * colStride}) into scratch rows of {@code pitch} bytes, so that
     * row i of the scratch is contiguous along j: square blocks of 4- and 8-byte elements through
     * an in-register transpose ({@link Transpose}), the edges (and 1-byte elements, and the
     * scalar fallback) element by element.
     */
    private static void gather(MemorySegment src, long base, long colStride, int bytes, MemorySegment dst, long region,
                               long pitch, int h, int w) {
        int r = !Species.VECTORIZE ? 0 : bytes == 4 ? Transpose.R4 : bytes == 8 ? Transpose.R8 : 0;
        int hb = 0;
        int wb = 0;
        if (r > 1) {
            hb = h - h % r;
            wb = w - w % r;
            if (bytes == 4) {
                Transpose.blocks4(src, base, colStride, dst, region, pitch, hb, wb);
            } else {
                Transpose.blocks8(src, base, colStride, dst, region, pitch, hb, wb);
            }
        }
        gatherScalar(src, base, colStride, bytes, dst, region, pitch, 0, h, wb, w);   // right edge, all rows
        gatherScalar(src, base, colStride, bytes, dst, region, pitch, hb, h, 0, wb);  // bottom edge
    }

    /** Rows [i0, i1) and columns [j0, j1) of the tile, one element at a time, down each source column. */
    private static void gatherScalar(MemorySegment src, long base, long colStride, int bytes, MemorySegment dst,
                                     long region, long pitch, long i0, long i1, long j0, long j1) {
        for (long j = j0; j < j1; j++) {
            long s = base + j * colStride;
            long d = region + j * bytes;
            switch (bytes) {
                case 8 -> {
                    for (long i = i0; i < i1; i++) {
                        dst.set(ValueLayout.JAVA_LONG, d + i * pitch, src.get(ValueLayout.JAVA_LONG, s + i * 8));
                    }
                }
                case 4 -> {
                    for (long i = i0; i < i1; i++) {
                        dst.set(ValueLayout.JAVA_INT, d + i * pitch, src.get(ValueLayout.JAVA_INT, s + i * 4));
                    }
                }
                default -> {
                    for (long i = i0; i < i1; i++) {
                        dst.set(ValueLayout.JAVA_BYTE, d + i * pitch, src.get(ValueLayout.JAVA_BYTE, s + i));
                    }
                }
            }
        }
    }

    /** What each executing thread (caller or worker) keeps for walks: a cursor, tile scratch, small arrays. */
    private static final class Local {
        final LoopPlan.Cursor cursor = new LoopPlan.Cursor();
        final long[] base = new long[4];
        final long[] strideE = new long[4];
        final long[] strideI = new long[4];
        private MemorySegment owner;   // keeps the memory alive as long as this thread's Local
        private MemorySegment scratch;

        /**
         * At least {@code bytes} of scratch, seen through a global-scope segment: accesses to it
         * need no liveness check of an arena's session, which C2 does not always hoist.
         */
        MemorySegment scratch(long bytes) {
            if (scratch == null || scratch.byteSize() < bytes) {
                owner = Arena.ofAuto().allocate(bytes, 64);
                scratch = MemorySegment.ofAddress(owner.address()).reinterpret(bytes);
            }
            return scratch;
        }
    }
}
