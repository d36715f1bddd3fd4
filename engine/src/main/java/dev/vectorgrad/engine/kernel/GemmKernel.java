package dev.vectorgrad.engine.kernel;

import java.lang.foreign.MemorySegment;

/**
 * The generated kernels {@link Gemm} drives for one dtype and register tile: an MR x NR tile of
 * C, MR rows of A broadcast against NR = NV vectors of B. Offsets and strides are in bytes.
 */
public interface GemmKernel {
    /** Rows of a micro-tile. */
    int mr();

    /** Columns of a micro-tile (elements). */
    int nr();

    /** Element size. */
    int bytes();

    /**
     * C tile (co, row stride ldc) = Cin tile (cio, row stride ldci; ldci = 0 reads one row of
     * zeros for every row) + Ap x Bp over kc steps: Ap an MR-row packed panel (MR values per k)
     * in a Java array of the dtype from element {@code ao} (see {@link #panelBuffer}), Bp an
     * NR-column packed panel (NR values per k).
     */
    void micro(int kc, Object a, int ao, MemorySegment b, long bo,
               MemorySegment ci, long cio, long ldci, MemorySegment c, long co, long ldc);

    /**
     * As {@link #micro}, with A (a full MR rows, row stride {@code ars}, unit column stride) read in
     * place and stored, as {@link #packPanel} would, into the panel at element {@code d} of
     * {@code dst} for the panel's other tiles. Packing as the first tile reads A costs less than a
     * pass of its own before the tiles (see Gemm's Compute).
     */
    void microPackA(int kc, MemorySegment a, long ao, long ars, Object dst, int d, MemorySegment b, long bo,
                    MemorySegment ci, long cio, long ldci, MemorySegment c, long co, long ldc);

    /**
     * A Java array of the dtype ({@code float[]}, {@code double[]}) of at least {@code elements}:
     * {@code old} when it is one, else a new one. Packed A panels live on the heap because C2
     * removes the bounds checks of array reads in the micro-kernel's loop but kept five of the six
     * per k step on the same reads from a MemorySegment.
     */
    Object panelBuffer(Object old, int elements);

    /** Packs rows x kc of A (rows <= MR) into an MR-row panel at element d of a {@link #panelBuffer}, zero rows below {@code rows}. */
    void packPanel(Object dst, int d, MemorySegment a, long ao, long rs, long cs, int rows, int kc);

    /**
     * As {@link #micro} with A and B read in place: A by row and column strides, B by row stride
     * with unit column stride. The full MR x NR tile must lie inside A, B and C.
     */
    void direct(int kc, MemorySegment a, long ao, long ars, long acs, MemorySegment b, long bo, long brs,
                MemorySegment ci, long cio, long ldci, MemorySegment c, long co, long ldc);

    /**
     * As {@link #direct} for A with unit column stride (row-major): the constant stride lets C2 take
     * the six reads' bounds checks out of the loop (128x128 tiles in a scratch loop: 0.87x the time).
     */
    void directRows(int kc, MemorySegment a, long ao, long ars, MemorySegment b, long bo, long brs,
                    MemorySegment ci, long cio, long ldci, MemorySegment c, long co, long ldc);

    /** Packs rows x kc of A (rows <= MR) into an MR-row panel, zero rows below {@code rows}. */
    void packA(MemorySegment dst, long d, MemorySegment a, long ao, long rs, long cs, int rows, int kc);

    /** Packs kc x cols of B (cols <= NR) into an NR-column panel, zero columns past {@code cols}. */
    void packB(MemorySegment dst, long d, MemorySegment b, long bo, long rs, long cs, int cols, int kc);

    /**
     * Packs kc x (panels x NR) of B with unit column stride into {@code panels} full panels,
     * {@code panelBytes} apart from {@code d}: row by row, so each row of B is read start to end
     * (a panel at a time would read NR columns of every row, a page apart for wide B).
     */
    void packBRows(MemorySegment dst, long d, long panelBytes, MemorySegment b, long bo, long rs, int panels, int kc);

    /** Tile (MR x NR contiguous) = the rows x cols corner of C at co, zeros elsewhere (all zeros unless load). */
    void tileIn(MemorySegment tile, MemorySegment c, long co, long ldc, int rows, int cols, boolean load);

    /** Writes the rows x cols corner of the tile to C. */
    void tileOut(MemorySegment tile, MemorySegment c, long co, long ldc, int rows, int cols);
}
