package dev.vectorgrad.engine;

import dev.vectorgrad.engine.format.TensorFormatter;
import dev.vectorgrad.engine.internal.ArrayData;
import dev.vectorgrad.engine.internal.IndexSpec;
import dev.vectorgrad.engine.internal.Shapes;
import dev.vectorgrad.engine.internal.TensorAccess;
import dev.vectorgrad.engine.io.Npy;
import dev.vectorgrad.engine.io.SafeTensors;
import dev.vectorgrad.engine.iter.LoopPlan;
import dev.vectorgrad.engine.kernel.BinaryOp;
import dev.vectorgrad.engine.kernel.CompareOp;
import dev.vectorgrad.engine.kernel.Copy;
import dev.vectorgrad.engine.kernel.ScanOp;
import dev.vectorgrad.engine.kernel.UnaryOp;
import dev.vectorgrad.engine.memory.Storage;
import dev.vectorgrad.engine.random.Fill;
import dev.vectorgrad.engine.random.Generator;
import dev.vectorgrad.engine.random.Multinomial;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * An n-dimensional array off the Java heap, with PyTorch's semantics: a {@link Storage} seen
 * through a dtype, a shape, strides (in elements) and an offset. Views ({@link #reshape},
 * {@link #get}, {@link #t}, {@link #expand}, ...) share the storage, so writes through a view
 * change every tensor on it.
 *
 * <p>A tensor's memory belongs to the {@link Scope} that was current when it was made.
 */
public final class Tensor {
    // package-private so the op classes beside Tensor read them without copies; never mutated
    final Storage storage;
    final DType dtype;
    final long[] shape;
    final long[] strides;
    final long offset;

    Tensor(Storage storage, DType dtype, long[] shape, long[] strides, long offset) {
        this.storage = storage;
        this.dtype = dtype;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    static {
        // io builds tensors over mapped files (any strides, a storage it made) through this door
        TensorAccess.register(new TensorAccess() {
            @Override
            public Tensor create(Storage storage, DType dtype, long[] shape, long[] strides, long offset) {
                return new Tensor(storage, dtype, shape.clone(), strides.clone(), offset);
            }

            @Override
            public Storage storage(Tensor tensor) {
                return tensor.storage;
            }

            @Override
            public void adoptInCurrentScope(Storage storage) {
                Scope.current().adopt(storage);
            }

            @Override
            public Object currentScope() {
                return Scope.current();
            }
        });
    }

    // ------------------------------------------------------------------ creation

    /** An uninitialized tensor (contents undefined), as {@code torch.empty}. */
    public static Tensor empty(DType dtype, long... shape) {
        long[] s = shape.clone();
        long numel = Shapes.checkedNumel(s);
        long bytes = Shapes.checkedBytes(numel, dtype.byteSize(), s);
        return new Tensor(Scope.allocate(bytes), dtype, s, Shapes.contiguousStrides(s), 0);
    }

    public static Tensor empty(long... shape) {
        return empty(DType.defaultFloat(), shape);
    }

    public static Tensor zeros(long... shape) {
        return zeros(DType.defaultFloat(), shape);
    }

    public static Tensor zeros(DType dtype, long... shape) {
        return empty(dtype, shape).zero();
    }

    public static Tensor ones(long... shape) {
        return ones(DType.defaultFloat(), shape);
    }

    public static Tensor ones(DType dtype, long... shape) {
        return empty(dtype, shape).fill(1L);
    }

    /** {@code torch.full(shape, 7.0)}: a float value gives float32. */
    public static Tensor full(double value, long... shape) {
        return empty(DType.defaultFloat(), shape).fill(value);
    }

    /** {@code torch.full(shape, 7)}: an integer value gives int64, as PyTorch infers it. */
    public static Tensor full(long value, long... shape) {
        return empty(DType.INT64, shape).fill(value);
    }

    public static Tensor full(double value, DType dtype, long... shape) {
        return empty(dtype, shape).fill(value);
    }

    public static Tensor zerosLike(Tensor t) {
        return zeros(t.dtype, t.shape);
    }

    public static Tensor onesLike(Tensor t) {
        return ones(t.dtype, t.shape);
    }

    public static Tensor emptyLike(Tensor t) {
        return empty(t.dtype, t.shape);
    }

    public static Tensor fullLike(Tensor t, double value) {
        return empty(t.dtype, t.shape).fill(value);
    }

    /** {@code torch.arange(end)}: int64 0, 1, ..., end - 1. */
    public static Tensor arange(long end) {
        return arange(0, end, 1);
    }

    public static Tensor arange(long start, long end) {
        return arange(start, end, 1);
    }

    public static Tensor arange(long start, long end, long step) {
        return arange((double) start, end, step, DType.INT64);
    }

    /** {@code torch.arange(4.0)}: a float bound gives float32. */
    public static Tensor arange(double end) {
        return arange(0.0, end, 1.0, DType.defaultFloat());
    }

    public static Tensor arange(double start, double end) {
        return arange(start, end, 1.0, DType.defaultFloat());
    }

    public static Tensor arange(double start, double end, double step) {
        return arange(start, end, step, DType.defaultFloat());
    }

    public static Tensor arange(long end, DType dtype) {
        return arange(0.0, end, 1.0, dtype);
    }

    /**
     * {@code torch.arange(start, end, step, dtype=...)}: ceil((end - start) / step) values
     * {@code start + i * step}, computed in double and then converted, as ATen does.
     */
    public static Tensor arange(double start, double end, double step, DType dtype) {
        if (!Double.isFinite(start) || !Double.isFinite(end) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("unsupported range: " + start + " -> " + end + " (step " + step + ")");
        }
        if (step == 0) {
            throw new IllegalArgumentException("step must be nonzero");
        }
        if (!((step > 0 && end >= start) || (step < 0 && end <= start))) {
            throw new IllegalArgumentException("upper bound and larger bound inconsistent with step sign");
        }
        double count = Math.ceil((end - start) / step);
        if (count > Long.MAX_VALUE / 8) {
            throw new IllegalArgumentException("arange: too many elements (" + count + ")");
        }
        Tensor t = empty(dtype, (long) count);
        MemorySegment seg = t.storage.segment();
        boolean integral = !dtype.isFloatingPoint() && isWhole(start) && isWhole(step);
        for (long i = 0, n = (long) count; i < n; i++) {
            if (integral) {
                dtype.putLong(seg, i * dtype.byteSize(), (long) start + i * (long) step);
            } else {
                dtype.putDouble(seg, i * dtype.byteSize(), start + i * step);
            }
        }
        return t;
    }

    private static boolean isWhole(double v) {
        return v == Math.rint(v) && Math.abs(v) < 0x1p62;
    }

    /** Seeds the default generator ({@code torch.manual_seed}): the same seed gives the same numbers everywhere. */
    public static void manualSeed(long seed) {
        Generator.defaultGenerator().manualSeed(seed);
    }

    /** Uniform on [0, 1), float32 ({@code torch.rand}). */
    public static Tensor rand(long... shape) {
        return rand(DType.defaultFloat(), shape);
    }

    public static Tensor rand(DType dtype, long... shape) {
        return uniform(0.0, 1.0, dtype, shape);
    }

    /** Uniform on [lo, hi). */
    public static Tensor uniform(double lo, double hi, DType dtype, long... shape) {
        return random(dtype == DType.FLOAT64 ? Fill.Kind.UNIFORM_FLOAT64 : Fill.Kind.UNIFORM_FLOAT32, lo, hi, dtype, shape);
    }

    /** Standard normal, float32 ({@code torch.randn}). */
    public static Tensor randn(long... shape) {
        return randn(DType.defaultFloat(), shape);
    }

    public static Tensor randn(DType dtype, long... shape) {
        return normal(0.0, 1.0, dtype, shape);
    }

    /** {@code torch.normal(mean, std, shape)}, float32. */
    public static Tensor normal(double mean, double std, long... shape) {
        return normal(mean, std, DType.defaultFloat(), shape);
    }

    public static Tensor normal(double mean, double std, DType dtype, long... shape) {
        return random(dtype == DType.FLOAT64 ? Fill.Kind.NORMAL_FLOAT64 : Fill.Kind.NORMAL_FLOAT32, mean, std, dtype, shape);
    }

    /** Draws from the default generator's next disjoint block range; element i depends only on (seed, offset, i). */
    private static Tensor random(Fill.Kind kind, double a, double b, DType dtype, long[] shape) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("random sampling needs a floating dtype, got " + dtype);
        }
        Tensor t = empty(dtype, shape);
        long n = t.numel();
        Generator.Stream stream = Generator.defaultGenerator().reserveStream(Fill.blocksFor(n, kind));
        MemorySegment seg = t.storage.segment();
        switch (kind) {
            case UNIFORM_FLOAT32 -> Fill.uniformFloat32(seg, 0, n, stream.seed(), stream.offset(), 0, a, b);
            case UNIFORM_FLOAT64 -> Fill.uniformFloat64(seg, 0, n, stream.seed(), stream.offset(), 0, a, b);
            case NORMAL_FLOAT32 -> Fill.normalFloat32(seg, 0, n, stream.seed(), stream.offset(), 0, a, b);
            case NORMAL_FLOAT64 -> Fill.normalFloat64(seg, 0, n, stream.seed(), stream.offset(), 0, a, b);
        }
        return t;
    }

    /**
     * {@code torch.multinomial(probs, n, replacement)}: for a 1-d {@code probs} of k non-negative
     * weights (they need not sum to 1), n category indices in [0, k), int64; for a 2-d
     * {@code probs}, n per row, shape (rows, n). Without replacement every draw is a new category,
     * so n may not pass the number of nonzero weights. Draws from the default generator.
     */
    public static Tensor multinomial(Tensor probs, long n, boolean replacement) {
        return Multinomial.draw(probs, n, replacement);
    }

    /** A 0-d float32 tensor: {@code torch.tensor(3.0)}. */
    public static Tensor scalar(double value) {
        return scalar(value, DType.defaultFloat());
    }

    /** A 0-d int64 tensor: {@code torch.tensor(3)}. */
    public static Tensor scalar(long value) {
        return empty(DType.INT64).fill(value);
    }

    public static Tensor scalar(boolean value) {
        return empty(DType.BOOL).fill(value ? 1L : 0L);
    }

    public static Tensor scalar(double value, DType dtype) {
        return empty(dtype).fill(value);
    }

    public static Tensor of(float[] data) {
        return fromArray(data, DType.FLOAT32);
    }

    public static Tensor of(float[][] data) {
        return fromArray(data, DType.FLOAT32);
    }

    public static Tensor of(float[][][] data) {
        return fromArray(data, DType.FLOAT32);
    }

    public static Tensor of(float[][][][] data) {
        return fromArray(data, DType.FLOAT32);
    }

    public static Tensor of(double[] data) {
        return fromArray(data, DType.FLOAT64);
    }

    public static Tensor of(double[][] data) {
        return fromArray(data, DType.FLOAT64);
    }

    public static Tensor of(double[][][] data) {
        return fromArray(data, DType.FLOAT64);
    }

    public static Tensor of(double[][][][] data) {
        return fromArray(data, DType.FLOAT64);
    }

    public static Tensor of(int[] data) {
        return fromArray(data, DType.INT32);
    }

    public static Tensor of(int[][] data) {
        return fromArray(data, DType.INT32);
    }

    public static Tensor of(int[][][] data) {
        return fromArray(data, DType.INT32);
    }

    public static Tensor of(int[][][][] data) {
        return fromArray(data, DType.INT32);
    }

    public static Tensor of(long[] data) {
        return fromArray(data, DType.INT64);
    }

    public static Tensor of(long[][] data) {
        return fromArray(data, DType.INT64);
    }

    public static Tensor of(long[][][] data) {
        return fromArray(data, DType.INT64);
    }

    public static Tensor of(long[][][][] data) {
        return fromArray(data, DType.INT64);
    }

    public static Tensor of(boolean[] data) {
        return fromArray(data, DType.BOOL);
    }

    public static Tensor of(boolean[][] data) {
        return fromArray(data, DType.BOOL);
    }

    public static Tensor of(boolean[][][] data) {
        return fromArray(data, DType.BOOL);
    }

    public static Tensor of(boolean[][][][] data) {
        return fromArray(data, DType.BOOL);
    }

    private static Tensor fromArray(Object data, DType dtype) {
        long[] shape = ArrayData.shape(data);
        Tensor t = empty(dtype, shape);
        MemorySegment seg = t.storage.segment();
        long[] at = {0};
        ArrayData.forEachLeaf(data, shape.length, leaf -> at[0] += ArrayData.copyLeaf(leaf, seg, at[0]));
        return t;
    }

    /**
     * A tensor over memory the caller owns, without a copy ({@code torch.from_numpy}). The
     * segment must be native, aligned to the element size and large enough; the tensor lives as
     * long as the segment does, and a read-only segment gives a read-only tensor.
     */
    public static Tensor wrap(MemorySegment segment, DType dtype, long... shape) {
        long[] s = shape.clone();
        long numel = Shapes.checkedNumel(s);
        long bytes = Shapes.checkedBytes(numel, dtype.byteSize(), s);
        if (!segment.isNative()) {
            throw new IllegalArgumentException("wrap needs a native (off-heap) segment; copy heap arrays with Tensor.of(...)");
        }
        if (segment.byteSize() < bytes) {
            throw new IllegalArgumentException("segment of " + segment.byteSize() + " bytes is too small for shape "
                    + Shapes.format(s) + " of " + dtype + " (" + bytes + " bytes)");
        }
        if (segment.address() % dtype.byteSize() != 0) {
            throw new IllegalArgumentException("segment at address 0x" + Long.toHexString(segment.address())
                    + " is not aligned to " + dtype.byteSize() + " bytes, as " + dtype + " elements need");
        }
        Storage storage = Storage.wrap(segment, Scope.current());
        if (segment.isReadOnly()) {
            storage.setReadOnly();
        }
        return new Tensor(storage, dtype, s, Shapes.contiguousStrides(s), 0);
    }

    // ------------------------------------------------------------------ metadata

    public DType dtype() {
        return dtype;
    }

    /** The shape (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    /** Strides in elements, as PyTorch's {@code stride()} (a copy). */
    public long[] stride() {
        return strides.clone();
    }

    public long storageOffset() {
        return offset;
    }

    public int dim() {
        return shape.length;
    }

    public long numel() {
        return Shapes.numel(shape);
    }

    /** {@code x.size(d)}, negative dims counting from the end; {@code size(0)} is Python's {@code len(x)}. */
    public long size(int dim) {
        if (shape.length == 0) {
            throw new IndexOutOfBoundsException("dimension specified as " + dim + " but tensor has no dimensions");
        }
        return shape[Shapes.wrapDim(dim, shape.length)];
    }

    public boolean isContiguous() {
        return Shapes.isContiguous(shape, strides);
    }

    /** True when both tensors are views of the same memory. */
    public boolean sharesStorage(Tensor other) {
        return storage == other.storage;
    }

    /** Bumped by every write to this tensor's storage (autograd checks it). */
    public int version() {
        return storage.version();
    }

    /** False once the tensor's scope has closed. */
    public boolean isAlive() {
        return storage.isAlive();
    }

    Storage storage() {
        return storage;
    }

    // ------------------------------------------------------------------ views

    private Tensor view(long[] newShape, long[] newStrides, long newOffset) {
        storage.checkAlive();
        return new Tensor(storage, dtype, newShape, newStrides, newOffset);
    }

    /** A tensor of the new shape (one dim may be -1): a view when the strides allow, else a copy. */
    public Tensor reshape(long... newShape) {
        long[] s = Shapes.inferShape(newShape, numel());
        long[] st = Shapes.viewStrides(shape, strides, s);
        return st != null ? view(s, st, offset) : contiguous().view(s);
    }

    /** A view of the new shape; throws when the strides make a view impossible (use reshape). */
    public Tensor view(long... newShape) {
        long[] s = Shapes.inferShape(newShape, numel());
        long[] st = Shapes.viewStrides(shape, strides, s);
        if (st == null) {
            throw new IllegalArgumentException("view size is not compatible with input tensor's size and stride (at least"
                    + " one dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
        }
        return view(s, st, offset);
    }

    public Tensor flatten() {
        return shape.length == 0 ? reshape(1) : reshape(-1);
    }

    /** Merges dims startDim..endDim (inclusive) into one. */
    public Tensor flatten(int startDim, int endDim) {
        if (shape.length == 0) {
            return reshape(1);
        }
        int a = Shapes.wrapDim(startDim, shape.length);
        int b = Shapes.wrapDim(endDim, shape.length);
        if (a > b) {
            throw new IllegalArgumentException("flatten() has invalid args: start_dim cannot come after end_dim");
        }
        long[] s = new long[shape.length - (b - a)];
        System.arraycopy(shape, 0, s, 0, a);
        long merged = 1;
        for (int i = a; i <= b; i++) {
            merged *= shape[i];
        }
        s[a] = merged;
        System.arraycopy(shape, b + 1, s, a + 1, shape.length - b - 1);
        return reshape(s);
    }

    /**
     * Python-style indexing: {@code "-1"}, {@code "1:3"}, {@code ":, 1"}, {@code "::2"},
     * {@code "1, 2"}, {@code "..., 0"}, {@code "None"}. Always a view.
     */
    public Tensor get(String index) {
        return index(IndexSpec.parse(index));
    }

    private Tensor index(IndexSpec spec) {
        List<IndexSpec.Item> items = spec.items();
        int consuming = 0;
        for (IndexSpec.Item item : items) {
            if (item instanceof IndexSpec.Select || item instanceof IndexSpec.Slice) {
                consuming++;
            }
        }
        if (consuming > shape.length) {
            throw new IndexOutOfBoundsException("too many indices for tensor of dimension " + shape.length
                    + " (index '" + spec.text() + "')");
        }
        long[] s = new long[shape.length + items.size()];
        long[] st = new long[s.length];
        int rank = 0;
        int dim = 0;
        long off = offset;
        for (IndexSpec.Item item : items) {
            switch (item) {
                case IndexSpec.Select sel -> {
                    long i = checkIndex(sel.index(), dim);
                    off += i * strides[dim];
                    dim++;
                }
                case IndexSpec.Slice sl -> {
                    long[] r = sliceRange(shape[dim], sl.start(), sl.stop(), sl.step() == null ? 1 : sl.step());
                    off += r[0] * strides[dim];
                    s[rank] = r[1];
                    st[rank++] = strides[dim] * r[2];
                    dim++;
                }
                case IndexSpec.NewAxis na -> {
                    s[rank] = 1;
                    st[rank++] = 1;
                }
                case IndexSpec.Ellipsis el -> {
                    for (int k = shape.length - consuming; k > 0; k--, dim++) {
                        s[rank] = shape[dim];
                        st[rank++] = strides[dim];
                    }
                }
            }
        }
        for (; dim < shape.length; dim++) {
            s[rank] = shape[dim];
            st[rank++] = strides[dim];
        }
        return view(Arrays.copyOf(s, rank), Arrays.copyOf(st, rank), off);
    }

    private long checkIndex(long index, int dim) {
        long size = shape[dim];
        if (index < -size || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " is out of bounds for dimension " + dim + " with size " + size);
        }
        return index < 0 ? index + size : index;
    }

    /** Python's slice clamping for a positive step: {start, length, step}. */
    private static long[] sliceRange(long size, Long start, Long stop, long step) {
        long a = clampSliceBound(start, size, 0);
        long b = clampSliceBound(stop, size, size);
        long length = b > a ? (b - a + step - 1) / step : 0;
        return new long[]{a, length, step};
    }

    private static long clampSliceBound(Long bound, long size, long dflt) {
        if (bound == null) {
            return dflt;
        }
        long v = bound < 0 ? bound + size : bound;
        return Math.max(0, Math.min(size, v));
    }

    /** {@code x[..., start:end, ...]} along {@code dim}: a view, bounds clamped as Python clamps them. */
    public Tensor slice(int dim, long start, long end) {
        return slice(dim, start, end, 1);
    }

    public Tensor slice(int dim, long start, long end, long step) {
        requireDims("slice");
        int d = Shapes.wrapDim(dim, shape.length);
        if (step <= 0) {
            throw new IllegalArgumentException(step == 0 ? "slice step cannot be zero" : "step must be greater than zero");
        }
        long[] r = sliceRange(shape[d], start, end, step);
        long[] s = shape.clone();
        long[] st = strides.clone();
        s[d] = r[1];
        st[d] = strides[d] * step;
        return view(s, st, offset + r[0] * strides[d]);
    }

    /** {@code x.select(dim, i)}: the slice at index i, with that dim removed. */
    public Tensor select(int dim, long index) {
        requireDims("select()");
        int d = Shapes.wrapDim(dim, shape.length);
        if (index < -shape[d] || index >= shape[d]) {
            throw new IndexOutOfBoundsException("select(): index " + index + " out of range for tensor of size "
                    + Shapes.format(shape) + " at dimension " + d);
        }
        long i = index < 0 ? index + shape[d] : index;
        return view(remove(shape, d), remove(strides, d), offset + i * strides[d]);
    }

    private void requireDims(String op) {
        if (shape.length == 0) {
            throw new IndexOutOfBoundsException(op + " cannot be applied to a 0-dim tensor.");
        }
    }

    private static long[] remove(long[] a, int i) {
        long[] r = new long[a.length - 1];
        System.arraycopy(a, 0, r, 0, i);
        System.arraycopy(a, i + 1, r, i, a.length - i - 1);
        return r;
    }

    private static long[] insert(long[] a, int i, long v) {
        long[] r = new long[a.length + 1];
        System.arraycopy(a, 0, r, 0, i);
        r[i] = v;
        System.arraycopy(a, i, r, i + 1, a.length - i);
        return r;
    }

    /** The transpose of a matrix (a view); 0-d and 1-d tensors come back as they are. */
    public Tensor t() {
        if (shape.length > 2) {
            throw new IllegalArgumentException("t() expects a tensor with <= 2 dimensions, but self is " + shape.length + "D");
        }
        return shape.length < 2 ? view(shape, strides, offset) : transpose(0, 1);
    }

    public Tensor transpose(int dim0, int dim1) {
        int a = Shapes.wrapDim(dim0, shape.length);
        int b = Shapes.wrapDim(dim1, shape.length);
        long[] s = shape.clone();
        long[] st = strides.clone();
        if (s.length > 0) {
            s[a] = shape[b];
            s[b] = shape[a];
            st[a] = strides[b];
            st[b] = strides[a];
        }
        return view(s, st, offset);
    }

    /** Reorders dims: result dim i is this tensor's dim {@code dims[i]}. */
    public Tensor permute(int... dims) {
        if (dims.length != shape.length) {
            throw new IllegalArgumentException("permute(): number of dims don't match in permute: the tensor has "
                    + shape.length + " dims but " + dims.length + " were given");
        }
        long[] s = new long[dims.length];
        long[] st = new long[dims.length];
        boolean[] seen = new boolean[dims.length];
        for (int i = 0; i < dims.length; i++) {
            int d = Shapes.wrapDim(dims[i], shape.length);
            if (seen[d]) {
                throw new IllegalArgumentException("permute(): duplicate dims are not allowed.");
            }
            seen[d] = true;
            s[i] = shape[d];
            st[i] = strides[d];
        }
        return view(s, st, offset);
    }

    /**
     * A view with size-1 dims repeated (stride 0), {@code -1} keeping a dim; new dims are added
     * in front. Writing through an expanded tensor writes the shared element.
     */
    public Tensor expand(long... sizes) {
        if (sizes.length < shape.length) {
            throw new IllegalArgumentException("expand: the number of sizes provided (" + sizes.length
                    + ") must be greater or equal to the number of dimensions in the tensor (" + shape.length + ")");
        }
        int lead = sizes.length - shape.length;
        long[] s = new long[sizes.length];
        long[] st = new long[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            long want = sizes[i];
            if (i < lead) {
                if (want < 0) {
                    throw new IllegalArgumentException("expand: the expanded size of the tensor (" + want
                            + ") isn't allowed in a leading, non-existing dimension " + i);
                }
                s[i] = want;
                st[i] = 0;
                continue;
            }
            long have = shape[i - lead];
            if (want == -1) {
                want = have;
            } else if (want < 0) {
                throw new IllegalArgumentException("expand: invalid size " + want + " at dimension " + i);
            }
            if (have == want) {
                s[i] = have;
                st[i] = strides[i - lead];
            } else if (have == 1) {
                s[i] = want;
                st[i] = 0;
            } else {
                throw new IllegalArgumentException("The expanded size of the tensor (" + want
                        + ") must match the existing size (" + have + ") at non-singleton dimension " + i
                        + ".  Target sizes: " + Shapes.format(sizes) + ".  Tensor sizes: " + Shapes.format(shape));
            }
        }
        Shapes.checkedNumel(s);
        return view(s, st, offset);
    }

    public Tensor expandAs(Tensor other) {
        return expand(other.shape);
    }

    /** Removes every dim of size 1. */
    public Tensor squeeze() {
        int keep = 0;
        for (long d : shape) {
            if (d != 1) {
                keep++;
            }
        }
        long[] s = new long[keep];
        long[] st = new long[keep];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (shape[i] != 1) {
                s[j] = shape[i];
                st[j++] = strides[i];
            }
        }
        return view(s, st, offset);
    }

    /** Removes {@code dim} if its size is 1; otherwise returns the same shape, as PyTorch does. */
    public Tensor squeeze(int dim) {
        if (shape.length == 0) {
            Shapes.wrapDim(dim, 0);
            return view(shape, strides, offset);
        }
        int d = Shapes.wrapDim(dim, shape.length);
        return shape[d] != 1 ? view(shape, strides, offset) : view(remove(shape, d), remove(strides, d), offset);
    }

    /** Inserts a dim of size 1 at {@code dim} (in [-dim()-1, dim()]). */
    public Tensor unsqueeze(int dim) {
        int d = Shapes.wrapDim(dim, shape.length + 1);
        long stride = d < shape.length ? shape[d] * strides[d] : 1;
        return view(insert(shape, d, 1), insert(strides, d, stride), offset);
    }

    /** This tensor if already contiguous, else a contiguous copy. */
    public Tensor contiguous() {
        storage.checkAlive();
        return isContiguous() ? this : clone();
    }

    // ------------------------------------------------------------------ copies and writes

    /** A contiguous copy in new storage. */
    @Override
    public Tensor clone() {
        return to(dtype, true);
    }

    /** The same values as {@code dtype}: this tensor itself when the dtype already matches. */
    public Tensor to(DType target) {
        return to(target, false);
    }

    private Tensor to(DType target, boolean copy) {
        storage.checkAlive();
        if (target == dtype && !copy) {
            return this;
        }
        Tensor out = empty(target, shape);
        copyInto(out, this);
        return out;
    }

    /** Copies {@code src} (broadcast to dst's shape, converted to dst's dtype) into {@code dst}. */
    private static void copyInto(Tensor dst, Tensor src) {
        dst.storage.checkWritable();
        src.storage.checkAlive();
        long[] target = dst.shape;
        if (!Arrays.equals(src.shape, target)) {
            long[] b = Shapes.broadcast(src.shape, target);
            if (!Arrays.equals(b, target)) {
                throw new IllegalArgumentException("output with shape " + Shapes.format(target)
                        + " doesn't match the broadcast shape " + Shapes.format(b));
            }
        }
        if (dst.storage == src.storage && dst.numel() > 0) {
            src = src.clone(); // overlapping views: read everything before writing
        }
        if (dst.dtype == src.dtype && Arrays.equals(src.shape, target) && dst.isContiguous() && src.isContiguous()) {
            // one bulk copy, no loop plan: the common x[:] = y case allocates nothing
            long bytes = dst.numel() * dst.dtype.byteSize();
            if (bytes > 0) { // an empty view's offset may point past its storage
                MemorySegment.copy(src.storage.segment(), src.offset * src.dtype.byteSize(),
                        dst.storage.segment(), dst.offset * dst.dtype.byteSize(), bytes);
            }
            dst.storage.bumpVersion();
            return;
        }
        if (dst.dtype == src.dtype && dst.numel() > 0 && Copy.vectorized(dst.dtype)) {
            // strided, transposed or broadcast: the elementwise walk (vector loops, tiles, threads)
            int bytes = dst.dtype.byteSize();
            LoopPlan plan = LoopPlan.scratch().start(target, 2)
                    .operand(0, target, dst.strides, dst.offset, bytes)
                    .operand(1, src.shape, src.strides, src.offset, bytes)
                    .finish();
            Copy.copySameType(plan, dst.storage.segment(), src.storage.segment(), dst.dtype);
            dst.storage.bumpVersion();
            return;
        }
        long[] srcStrides = Shapes.broadcastStrides(src.shape, src.strides, target);
        LoopPlan plan = LoopPlan.of(target,
                new long[][]{dst.byteStrides(dst.strides), src.byteStrides(srcStrides)},
                new long[]{dst.offset * dst.dtype.byteSize(), src.offset * src.dtype.byteSize()});
        Copy.copy(plan, dst.storage.segment(), dst.dtype, src.storage.segment(), src.dtype);
        dst.storage.bumpVersion();
    }

    private long[] byteStrides(long[] elementStrides) {
        long[] b = new long[elementStrides.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = elementStrides[i] * dtype.byteSize();
        }
        return b;
    }

    private LoopPlan selfPlan() {
        return LoopPlan.of(shape, new long[][]{byteStrides(strides)}, new long[]{offset * dtype.byteSize()});
    }

    /** Writes {@code src} into this tensor (broadcasting it, converting its dtype): {@code x[:] = src}. */
    public Tensor assign(Tensor src) {
        copyInto(this, src);
        return this;
    }

    /** Sets every element to {@code value}, in place. */
    public Tensor fill(double value) {
        return fillPattern(Copy.pattern(dtype, value));
    }

    /** Sets every element to {@code value}, in place (exact for int64). */
    public Tensor fill(long value) {
        return fillPattern(Copy.pattern(dtype, value));
    }

    private Tensor fillPattern(long pattern) {
        storage.checkWritable();
        if (isContiguous()) {
            // no loop plan: zero_() and fill_() on whole tensors allocate nothing
            long bytes = numel() * dtype.byteSize();
            if (bytes > 0) {
                Copy.fillBytes(storage.segment(), offset * dtype.byteSize(), bytes, pattern);
            }
        } else {
            Copy.fill(selfPlan(), storage.segment(), dtype, pattern);
        }
        storage.bumpVersion();
        return this;
    }

    public Tensor fill(boolean value) {
        return fill(value ? 1L : 0L);
    }

    /** Sets every element to zero, in place ({@code zero_()}). */
    public Tensor zero() {
        return fill(0L);
    }

    /** {@code x[index] = value}: writes through to the storage. */
    public Tensor set(String index, double value) {
        get(index).fill(value);
        return this;
    }

    public Tensor set(String index, long value) {
        get(index).fill(value);
        return this;
    }

    public Tensor set(String index, boolean value) {
        get(index).fill(value);
        return this;
    }

    /** {@code x[index] = src}, {@code src} broadcast to the indexed shape. */
    public Tensor set(String index, Tensor src) {
        Tensor target = get(index);
        // Python's setitem drops the source's extra leading size-1 dims (copy_ itself would refuse them)
        Tensor s = src;
        while (s.dim() > target.dim() && s.shape[0] == 1) {
            s = s.select(0, 0);
        }
        target.assign(s);
        return this;
    }

    // ------------------------------------------------------------------ elementwise binary ops

    /** x + y, broadcasting. */
    public Tensor add(Tensor other) {
        return BinaryOps.apply(BinaryOp.ADD, this, other, null);
    }

    /** add with a double: promotes as a Python float does (an integer tensor gives float32). */
    public Tensor add(double other) {
        return BinaryOps.applyScalar(BinaryOp.ADD, this, other, 0, DType.FLOAT32, null);
    }

    /** add with a long: keeps an integer dtype, as a Python int does. */
    public Tensor add(long other) {
        return BinaryOps.applyScalar(BinaryOp.ADD, this, 0, other, DType.INT64, null);
    }

    /** add into {@code out} (shape must be the broadcast shape): no allocation for same-dtype contiguous operands. */
    public Tensor add(Tensor other, Tensor out) {
        return BinaryOps.apply(BinaryOp.ADD, this, other, out);
    }

    public Tensor add(double other, Tensor out) {
        return BinaryOps.applyScalar(BinaryOp.ADD, this, other, 0, DType.FLOAT32, out);
    }

    /** In place: {@code this = this add other}; other broadcasts to this shape, the result must be castable to this dtype. */
    public Tensor addi(Tensor other) {
        return BinaryOps.apply(BinaryOp.ADD, this, other, this);
    }

    public Tensor addi(double other) {
        return BinaryOps.applyScalar(BinaryOp.ADD, this, other, 0, DType.FLOAT32, this);
    }

    public Tensor addi(long other) {
        return BinaryOps.applyScalar(BinaryOp.ADD, this, 0, other, DType.INT64, this);
    }

    /** x - y, broadcasting. */
    public Tensor sub(Tensor other) {
        return BinaryOps.apply(BinaryOp.SUB, this, other, null);
    }

    /** sub with a double: promotes as a Python float does (an integer tensor gives float32). */
    public Tensor sub(double other) {
        return BinaryOps.applyScalar(BinaryOp.SUB, this, other, 0, DType.FLOAT32, null);
    }

    /** sub with a long: keeps an integer dtype, as a Python int does. */
    public Tensor sub(long other) {
        return BinaryOps.applyScalar(BinaryOp.SUB, this, 0, other, DType.INT64, null);
    }

    /** sub into {@code out} (shape must be the broadcast shape): no allocation for same-dtype contiguous operands. */
    public Tensor sub(Tensor other, Tensor out) {
        return BinaryOps.apply(BinaryOp.SUB, this, other, out);
    }

    public Tensor sub(double other, Tensor out) {
        return BinaryOps.applyScalar(BinaryOp.SUB, this, other, 0, DType.FLOAT32, out);
    }

    /** In place: {@code this = this sub other}; other broadcasts to this shape, the result must be castable to this dtype. */
    public Tensor subi(Tensor other) {
        return BinaryOps.apply(BinaryOp.SUB, this, other, this);
    }

    public Tensor subi(double other) {
        return BinaryOps.applyScalar(BinaryOp.SUB, this, other, 0, DType.FLOAT32, this);
    }

    public Tensor subi(long other) {
        return BinaryOps.applyScalar(BinaryOp.SUB, this, 0, other, DType.INT64, this);
    }

    /** x * y (Hadamard), broadcasting. */
    public Tensor mul(Tensor other) {
        return BinaryOps.apply(BinaryOp.MUL, this, other, null);
    }

    /** mul with a double: promotes as a Python float does (an integer tensor gives float32). */
    public Tensor mul(double other) {
        return BinaryOps.applyScalar(BinaryOp.MUL, this, other, 0, DType.FLOAT32, null);
    }

    /** mul with a long: keeps an integer dtype, as a Python int does. */
    public Tensor mul(long other) {
        return BinaryOps.applyScalar(BinaryOp.MUL, this, 0, other, DType.INT64, null);
    }

    /** mul into {@code out} (shape must be the broadcast shape): no allocation for same-dtype contiguous operands. */
    public Tensor mul(Tensor other, Tensor out) {
        return BinaryOps.apply(BinaryOp.MUL, this, other, out);
    }

    public Tensor mul(double other, Tensor out) {
        return BinaryOps.applyScalar(BinaryOp.MUL, this, other, 0, DType.FLOAT32, out);
    }

    /** In place: {@code this = this mul other}; other broadcasts to this shape, the result must be castable to this dtype. */
    public Tensor muli(Tensor other) {
        return BinaryOps.apply(BinaryOp.MUL, this, other, this);
    }

    public Tensor muli(double other) {
        return BinaryOps.applyScalar(BinaryOp.MUL, this, other, 0, DType.FLOAT32, this);
    }

    public Tensor muli(long other) {
        return BinaryOps.applyScalar(BinaryOp.MUL, this, 0, other, DType.INT64, this);
    }

    /** x / y (true division: integers give float32), broadcasting. */
    public Tensor div(Tensor other) {
        return BinaryOps.apply(BinaryOp.DIV, this, other, null);
    }

    /** div with a double: promotes as a Python float does (an integer tensor gives float32). */
    public Tensor div(double other) {
        return BinaryOps.applyScalar(BinaryOp.DIV, this, other, 0, DType.FLOAT32, null);
    }

    /** div with a long: keeps an integer dtype, as a Python int does. */
    public Tensor div(long other) {
        return BinaryOps.applyScalar(BinaryOp.DIV, this, 0, other, DType.INT64, null);
    }

    /** div into {@code out} (shape must be the broadcast shape): no allocation for same-dtype contiguous operands. */
    public Tensor div(Tensor other, Tensor out) {
        return BinaryOps.apply(BinaryOp.DIV, this, other, out);
    }

    public Tensor div(double other, Tensor out) {
        return BinaryOps.applyScalar(BinaryOp.DIV, this, other, 0, DType.FLOAT32, out);
    }

    /** In place: {@code this = this div other}; other broadcasts to this shape, the result must be castable to this dtype. */
    public Tensor divi(Tensor other) {
        return BinaryOps.apply(BinaryOp.DIV, this, other, this);
    }

    public Tensor divi(double other) {
        return BinaryOps.applyScalar(BinaryOp.DIV, this, other, 0, DType.FLOAT32, this);
    }

    public Tensor divi(long other) {
        return BinaryOps.applyScalar(BinaryOp.DIV, this, 0, other, DType.INT64, this);
    }

    /** x ** y, broadcasting. */
    public Tensor pow(Tensor other) {
        return BinaryOps.apply(BinaryOp.POW, this, other, null);
    }

    /** pow with a double: promotes as a Python float does (an integer tensor gives float32). */
    public Tensor pow(double other) {
        return BinaryOps.applyScalar(BinaryOp.POW, this, other, 0, DType.FLOAT32, null);
    }

    /** pow with a long: keeps an integer dtype, as a Python int does. */
    public Tensor pow(long other) {
        return BinaryOps.applyScalar(BinaryOp.POW, this, 0, other, DType.INT64, null);
    }

    /** pow into {@code out} (shape must be the broadcast shape): no allocation for same-dtype contiguous operands. */
    public Tensor pow(Tensor other, Tensor out) {
        return BinaryOps.apply(BinaryOp.POW, this, other, out);
    }

    public Tensor pow(double other, Tensor out) {
        return BinaryOps.applyScalar(BinaryOp.POW, this, other, 0, DType.FLOAT32, out);
    }

    /** In place: {@code this = this pow other}; other broadcasts to this shape, the result must be castable to this dtype. */
    public Tensor powi(Tensor other) {
        return BinaryOps.apply(BinaryOp.POW, this, other, this);
    }

    public Tensor powi(double other) {
        return BinaryOps.applyScalar(BinaryOp.POW, this, other, 0, DType.FLOAT32, this);
    }

    public Tensor powi(long other) {
        return BinaryOps.applyScalar(BinaryOp.POW, this, 0, other, DType.INT64, this);
    }

    /** elementwise max (NaN propagates), broadcasting. */
    public Tensor maximum(Tensor other) {
        return BinaryOps.apply(BinaryOp.MAXIMUM, this, other, null);
    }

    /** maximum with a double: promotes as a Python float does (an integer tensor gives float32). */
    public Tensor maximum(double other) {
        return BinaryOps.applyScalar(BinaryOp.MAXIMUM, this, other, 0, DType.FLOAT32, null);
    }

    /** maximum with a long: keeps an integer dtype, as a Python int does. */
    public Tensor maximum(long other) {
        return BinaryOps.applyScalar(BinaryOp.MAXIMUM, this, 0, other, DType.INT64, null);
    }

    /** maximum into {@code out} (shape must be the broadcast shape): no allocation for same-dtype contiguous operands. */
    public Tensor maximum(Tensor other, Tensor out) {
        return BinaryOps.apply(BinaryOp.MAXIMUM, this, other, out);
    }

    public Tensor maximum(double other, Tensor out) {
        return BinaryOps.applyScalar(BinaryOp.MAXIMUM, this, other, 0, DType.FLOAT32, out);
    }

    /** In place: {@code this = this maximum other}; other broadcasts to this shape, the result must be castable to this dtype. */
    public Tensor maximumi(Tensor other) {
        return BinaryOps.apply(BinaryOp.MAXIMUM, this, other, this);
    }

    public Tensor maximumi(double other) {
        return BinaryOps.applyScalar(BinaryOp.MAXIMUM, this, other, 0, DType.FLOAT32, this);
    }

    public Tensor maximumi(long other) {
        return BinaryOps.applyScalar(BinaryOp.MAXIMUM, this, 0, other, DType.INT64, this);
    }

    /** elementwise min (NaN propagates), broadcasting. */
    public Tensor minimum(Tensor other) {
        return BinaryOps.apply(BinaryOp.MINIMUM, this, other, null);
    }

    /** minimum with a double: promotes as a Python float does (an integer tensor gives float32). */
    public Tensor minimum(double other) {
        return BinaryOps.applyScalar(BinaryOp.MINIMUM, this, other, 0, DType.FLOAT32, null);
    }

    /** minimum with a long: keeps an integer dtype, as a Python int does. */
    public Tensor minimum(long other) {
        return BinaryOps.applyScalar(BinaryOp.MINIMUM, this, 0, other, DType.INT64, null);
    }

    /** minimum into {@code out} (shape must be the broadcast shape): no allocation for same-dtype contiguous operands. */
    public Tensor minimum(Tensor other, Tensor out) {
        return BinaryOps.apply(BinaryOp.MINIMUM, this, other, out);
    }

    public Tensor minimum(double other, Tensor out) {
        return BinaryOps.applyScalar(BinaryOp.MINIMUM, this, other, 0, DType.FLOAT32, out);
    }

    /** In place: {@code this = this minimum other}; other broadcasts to this shape, the result must be castable to this dtype. */
    public Tensor minimumi(Tensor other) {
        return BinaryOps.apply(BinaryOp.MINIMUM, this, other, this);
    }

    public Tensor minimumi(double other) {
        return BinaryOps.applyScalar(BinaryOp.MINIMUM, this, other, 0, DType.FLOAT32, this);
    }

    public Tensor minimumi(long other) {
        return BinaryOps.applyScalar(BinaryOp.MINIMUM, this, 0, other, DType.INT64, this);
    }

    /** Python's x % y (the sign of y), broadcasting. */
    public Tensor remainder(Tensor other) {
        return BinaryOps.apply(BinaryOp.REMAINDER, this, other, null);
    }

    /** remainder with a double: promotes as a Python float does (an integer tensor gives float32). */
    public Tensor remainder(double other) {
        return BinaryOps.applyScalar(BinaryOp.REMAINDER, this, other, 0, DType.FLOAT32, null);
    }

    /** remainder with a long: keeps an integer dtype, as a Python int does. */
    public Tensor remainder(long other) {
        return BinaryOps.applyScalar(BinaryOp.REMAINDER, this, 0, other, DType.INT64, null);
    }

    /** remainder into {@code out} (shape must be the broadcast shape): no allocation for same-dtype contiguous operands. */
    public Tensor remainder(Tensor other, Tensor out) {
        return BinaryOps.apply(BinaryOp.REMAINDER, this, other, out);
    }

    public Tensor remainder(double other, Tensor out) {
        return BinaryOps.applyScalar(BinaryOp.REMAINDER, this, other, 0, DType.FLOAT32, out);
    }

    /** In place: {@code this = this remainder other}; other broadcasts to this shape, the result must be castable to this dtype. */
    public Tensor remainderi(Tensor other) {
        return BinaryOps.apply(BinaryOp.REMAINDER, this, other, this);
    }

    public Tensor remainderi(double other) {
        return BinaryOps.applyScalar(BinaryOp.REMAINDER, this, other, 0, DType.FLOAT32, this);
    }

    public Tensor remainderi(long other) {
        return BinaryOps.applyScalar(BinaryOp.REMAINDER, this, 0, other, DType.INT64, this);
    }

    /** Python's x // y, broadcasting. */
    public Tensor floorDivide(Tensor other) {
        return BinaryOps.apply(BinaryOp.FLOOR_DIVIDE, this, other, null);
    }

    /** floorDivide with a double: promotes as a Python float does (an integer tensor gives float32). */
    public Tensor floorDivide(double other) {
        return BinaryOps.applyScalar(BinaryOp.FLOOR_DIVIDE, this, other, 0, DType.FLOAT32, null);
    }

    /** floorDivide with a long: keeps an integer dtype, as a Python int does. */
    public Tensor floorDivide(long other) {
        return BinaryOps.applyScalar(BinaryOp.FLOOR_DIVIDE, this, 0, other, DType.INT64, null);
    }

    /** floorDivide into {@code out} (shape must be the broadcast shape): no allocation for same-dtype contiguous operands. */
    public Tensor floorDivide(Tensor other, Tensor out) {
        return BinaryOps.apply(BinaryOp.FLOOR_DIVIDE, this, other, out);
    }

    public Tensor floorDivide(double other, Tensor out) {
        return BinaryOps.applyScalar(BinaryOp.FLOOR_DIVIDE, this, other, 0, DType.FLOAT32, out);
    }

    /** In place: {@code this = this floorDivide other}; other broadcasts to this shape, the result must be castable to this dtype. */
    public Tensor floorDividei(Tensor other) {
        return BinaryOps.apply(BinaryOp.FLOOR_DIVIDE, this, other, this);
    }

    public Tensor floorDividei(double other) {
        return BinaryOps.applyScalar(BinaryOp.FLOOR_DIVIDE, this, other, 0, DType.FLOAT32, this);
    }

    public Tensor floorDividei(long other) {
        return BinaryOps.applyScalar(BinaryOp.FLOOR_DIVIDE, this, 0, other, DType.INT64, this);
    }

    // ------------------------------------------------------------------ unary ops (UnaryOps)

    // (unary op methods go here)

    /** {@code torch.neg}: -x; a bool tensor is refused (use logicalNot). */
    public Tensor neg() {
        return UnaryOps.apply(UnaryOp.NEG, this, null);
    }

    /** neg into {@code out} (same shape): no allocation for a same-dtype contiguous call. */
    public Tensor neg(Tensor out) {
        return UnaryOps.apply(UnaryOp.NEG, this, out);
    }

    /** In place ({@code neg_}): the result must be storable in this tensor's dtype. */
    public Tensor negi() {
        return UnaryOps.apply(UnaryOp.NEG, this, this);
    }

    /** {@code torch.abs}: |x|; integers keep their dtype (abs of the minimum value wraps, as in C). */
    public Tensor abs() {
        return UnaryOps.apply(UnaryOp.ABS, this, null);
    }

    /** abs into {@code out} (same shape): no allocation for a same-dtype contiguous call. */
    public Tensor abs(Tensor out) {
        return UnaryOps.apply(UnaryOp.ABS, this, out);
    }

    /** In place ({@code abs_}): the result must be storable in this tensor's dtype. */
    public Tensor absi() {
        return UnaryOps.apply(UnaryOp.ABS, this, this);
    }

    /** {@code torch.exp}: e^x; integer and bool tensors give float32. */
    public Tensor exp() {
        return UnaryOps.apply(UnaryOp.EXP, this, null);
    }

    /** exp into {@code out} (same shape): no allocation for a same-dtype contiguous call. */
    public Tensor exp(Tensor out) {
        return UnaryOps.apply(UnaryOp.EXP, this, out);
    }

    /** In place ({@code exp_}): the result must be storable in this tensor's dtype. */
    public Tensor expi() {
        return UnaryOps.apply(UnaryOp.EXP, this, this);
    }

    /** {@code torch.log}: the natural logarithm; log(0) = -inf, log of a negative number is NaN; integers give float32. */
    public Tensor log() {
        return UnaryOps.apply(UnaryOp.LOG, this, null);
    }

    /** log into {@code out} (same shape): no allocation for a same-dtype contiguous call. */
    public Tensor log(Tensor out) {
        return UnaryOps.apply(UnaryOp.LOG, this, out);
    }

    /** In place ({@code log_}): the result must be storable in this tensor's dtype. */
    public Tensor logi() {
        return UnaryOps.apply(UnaryOp.LOG, this, this);
    }

    /** {@code torch.sqrt}: the square root; sqrt(-0.0) = -0.0; integers give float32. */
    public Tensor sqrt() {
        return UnaryOps.apply(UnaryOp.SQRT, this, null);
    }

    /** sqrt into {@code out} (same shape): no allocation for a same-dtype contiguous call. */
    public Tensor sqrt(Tensor out) {
        return UnaryOps.apply(UnaryOp.SQRT, this, out);
    }

    /** In place ({@code sqrt_}): the result must be storable in this tensor's dtype. */
    public Tensor sqrti() {
        return UnaryOps.apply(UnaryOp.SQRT, this, this);
    }

    /** {@code torch.rsqrt}: 1 / sqrt(x); integers give float32. */
    public Tensor rsqrt() {
        return UnaryOps.apply(UnaryOp.RSQRT, this, null);
    }

    /** rsqrt into {@code out} (same shape): no allocation for a same-dtype contiguous call. */
    public Tensor rsqrt(Tensor out) {
        return UnaryOps.apply(UnaryOp.RSQRT, this, out);
    }

    /** In place ({@code rsqrt_}): the result must be storable in this tensor's dtype. */
    public Tensor rsqrti() {
        return UnaryOps.apply(UnaryOp.RSQRT, this, this);
    }

    /** {@code torch.sin}: the sine; integers give float32. */
    public Tensor sin() {
        return UnaryOps.apply(UnaryOp.SIN, this, null);
    }

    /** sin into {@code out} (same shape): no allocation for a same-dtype contiguous call. */
    public Tensor sin(Tensor out) {
        return UnaryOps.apply(UnaryOp.SIN, this, out);
    }

    /** In place ({@code sin_}): the result must be storable in this tensor's dtype. */
    public Tensor sini() {
        return UnaryOps.apply(UnaryOp.SIN, this, this);
    }

    /** {@code torch.cos}: the cosine; integers give float32. */
    public Tensor cos() {
        return UnaryOps.apply(UnaryOp.COS, this, null);
    }

    /** cos into {@code out} (same shape): no allocation for a same-dtype contiguous call. */
    public Tensor cos(Tensor out) {
        return UnaryOps.apply(UnaryOp.COS, this, out);
    }

    /** In place ({@code cos_}): the result must be storable in this tensor's dtype. */
    public Tensor cosi() {
        return UnaryOps.apply(UnaryOp.COS, this, this);
    }

    /** {@code torch.tanh}: the hyperbolic tangent; integers give float32. */
    public Tensor tanh() {
        return UnaryOps.apply(UnaryOp.TANH, this, null);
    }

    /** tanh into {@code out} (same shape): no allocation for a same-dtype contiguous call. */
    public Tensor tanh(Tensor out) {
        return UnaryOps.apply(UnaryOp.TANH, this, out);
    }

    /** In place ({@code tanh_}): the result must be storable in this tensor's dtype. */
    public Tensor tanhi() {
        return UnaryOps.apply(UnaryOp.TANH, this, this);
    }

    /** {@code torch.sigmoid}: 1 / (1 + e^-x), without overflow for large |x|; integers give float32. */
    public Tensor sigmoid() {
        return UnaryOps.apply(UnaryOp.SIGMOID, this, null);
    }

    /** sigmoid into {@code out} (same shape): no allocation for a same-dtype contiguous call. */
    public Tensor sigmoid(Tensor out) {
        return UnaryOps.apply(UnaryOp.SIGMOID, this, out);
    }

    /** In place ({@code sigmoid_}): the result must be storable in this tensor's dtype. */
    public Tensor sigmoidi() {
        return UnaryOps.apply(UnaryOp.SIGMOID, this, this);
    }

    /** {@code torch.reciprocal}: 1 / x; integers give float32. */
    public Tensor reciprocal() {
        return UnaryOps.apply(UnaryOp.RECIPROCAL, this, null);
    }

    /** reciprocal into {@code out} (same shape): no allocation for a same-dtype contiguous call. */
    public Tensor reciprocal(Tensor out) {
        return UnaryOps.apply(UnaryOp.RECIPROCAL, this, out);
    }

    /** In place ({@code reciprocal_}): the result must be storable in this tensor's dtype. */
    public Tensor reciprocali() {
        return UnaryOps.apply(UnaryOp.RECIPROCAL, this, this);
    }

    /** {@code torch.relu}: max(x, 0) (NaN and -0.0 pass through); integers keep their dtype, bools are refused. */
    public Tensor relu() {
        return UnaryOps.apply(UnaryOp.RELU, this, null);
    }

    /** relu into {@code out} (same shape): no allocation for a same-dtype contiguous call. */
    public Tensor relu(Tensor out) {
        return UnaryOps.apply(UnaryOp.RELU, this, out);
    }

    /** In place ({@code relu_}): the result must be storable in this tensor's dtype. */
    public Tensor relui() {
        return UnaryOps.apply(UnaryOp.RELU, this, this);
    }

    /** {@code torch.sign}: -1, 0 or 1 (0 for NaN, as PyTorch's sign); a bool tensor gives itself. */
    public Tensor sign() {
        return UnaryOps.apply(UnaryOp.SIGN, this, null);
    }

    /** sign into {@code out} (same shape): no allocation for a same-dtype contiguous call. */
    public Tensor sign(Tensor out) {
        return UnaryOps.apply(UnaryOp.SIGN, this, out);
    }

    /** In place ({@code sign_}): the result must be storable in this tensor's dtype. */
    public Tensor signi() {
        return UnaryOps.apply(UnaryOp.SIGN, this, this);
    }

    /** {@code torch.floor}: rounding down; integers are returned as they are. */
    public Tensor floor() {
        return UnaryOps.apply(UnaryOp.FLOOR, this, null);
    }

    /** floor into {@code out} (same shape): no allocation for a same-dtype contiguous call. */
    public Tensor floor(Tensor out) {
        return UnaryOps.apply(UnaryOp.FLOOR, this, out);
    }

    /** In place ({@code floor_}): the result must be storable in this tensor's dtype. */
    public Tensor floori() {
        return UnaryOps.apply(UnaryOp.FLOOR, this, this);
    }

    /** {@code torch.ceil}: rounding up; integers are returned as they are. */
    public Tensor ceil() {
        return UnaryOps.apply(UnaryOp.CEIL, this, null);
    }

    /** ceil into {@code out} (same shape): no allocation for a same-dtype contiguous call. */
    public Tensor ceil(Tensor out) {
        return UnaryOps.apply(UnaryOp.CEIL, this, out);
    }

    /** In place ({@code ceil_}): the result must be storable in this tensor's dtype. */
    public Tensor ceili() {
        return UnaryOps.apply(UnaryOp.CEIL, this, this);
    }

    /** {@code torch.round}: rounding to the nearest integer, halves to even (round(2.5) = 2); integers are returned as they are. */
    public Tensor round() {
        return UnaryOps.apply(UnaryOp.ROUND, this, null);
    }

    /** round into {@code out} (same shape): no allocation for a same-dtype contiguous call. */
    public Tensor round(Tensor out) {
        return UnaryOps.apply(UnaryOp.ROUND, this, out);
    }

    /** In place ({@code round_}): the result must be storable in this tensor's dtype. */
    public Tensor roundi() {
        return UnaryOps.apply(UnaryOp.ROUND, this, this);
    }

    /** {@code torch.square}: x * x; a bool tensor gives int64 (it is pow(x, 2)). */
    public Tensor square() {
        return UnaryOps.apply(UnaryOp.SQUARE, this, null);
    }

    /** square into {@code out} (same shape): no allocation for a same-dtype contiguous call. */
    public Tensor square(Tensor out) {
        return UnaryOps.apply(UnaryOp.SQUARE, this, out);
    }

    /** In place ({@code square_}): the result must be storable in this tensor's dtype. */
    public Tensor squarei() {
        return UnaryOps.apply(UnaryOp.SQUARE, this, this);
    }

    /**
     * {@code torch.clamp(x, min, max)}: min(max(x, lo), hi) elementwise. An integer tensor with a
     * double bound gives float32 (as with a Python float); NaN elements stay NaN, a NaN bound makes
     * every element NaN, and lo > hi gives hi everywhere.
     */
    public Tensor clamp(double min, double max) {
        return UnaryOps.clamp(this, UnaryOps.DOUBLE, min, 0, UnaryOps.DOUBLE, max, 0, null);
    }

    /** clamp with long bounds: an integer tensor keeps its dtype (a bool tensor gives int64). */
    public Tensor clamp(long min, long max) {
        return UnaryOps.clamp(this, UnaryOps.LONG, 0, min, UnaryOps.LONG, 0, max, null);
    }

    /** clamp with optional bounds ({@code None} is null); at least one must be given. */
    public Tensor clamp(Double min, Double max) {
        return UnaryOps.clamp(this, kind(min), min == null ? 0 : min, 0, kind(max), max == null ? 0 : max, 0, null);
    }

    public Tensor clamp(double min, double max, Tensor out) {
        return UnaryOps.clamp(this, UnaryOps.DOUBLE, min, 0, UnaryOps.DOUBLE, max, 0, out);
    }

    public Tensor clamp(long min, long max, Tensor out) {
        return UnaryOps.clamp(this, UnaryOps.LONG, 0, min, UnaryOps.LONG, 0, max, out);
    }

    /** In place ({@code clamp_}): refused when the bounds would promote this tensor's dtype. */
    public Tensor clampi(double min, double max) {
        return UnaryOps.clamp(this, UnaryOps.DOUBLE, min, 0, UnaryOps.DOUBLE, max, 0, this);
    }

    public Tensor clampi(long min, long max) {
        return UnaryOps.clamp(this, UnaryOps.LONG, 0, min, UnaryOps.LONG, 0, max, this);
    }

    public Tensor clampi(Double min, Double max) {
        return UnaryOps.clamp(this, kind(min), min == null ? 0 : min, 0, kind(max), max == null ? 0 : max, 0, this);
    }

    /** {@code torch.clamp_min(x, min)} ({@code clamp(min=...)}). */
    public Tensor clampMin(double min) {
        return UnaryOps.clamp(this, UnaryOps.DOUBLE, min, 0, UnaryOps.NONE, 0, 0, null);
    }

    public Tensor clampMin(long min) {
        return UnaryOps.clamp(this, UnaryOps.LONG, 0, min, UnaryOps.NONE, 0, 0, null);
    }

    public Tensor clampMin(double min, Tensor out) {
        return UnaryOps.clamp(this, UnaryOps.DOUBLE, min, 0, UnaryOps.NONE, 0, 0, out);
    }

    public Tensor clampMin(long min, Tensor out) {
        return UnaryOps.clamp(this, UnaryOps.LONG, 0, min, UnaryOps.NONE, 0, 0, out);
    }

    public Tensor clampMini(double min) {
        return UnaryOps.clamp(this, UnaryOps.DOUBLE, min, 0, UnaryOps.NONE, 0, 0, this);
    }

    public Tensor clampMini(long min) {
        return UnaryOps.clamp(this, UnaryOps.LONG, 0, min, UnaryOps.NONE, 0, 0, this);
    }

    /** {@code torch.clamp_max(x, max)} ({@code clamp(max=...)}). */
    public Tensor clampMax(double max) {
        return UnaryOps.clamp(this, UnaryOps.NONE, 0, 0, UnaryOps.DOUBLE, max, 0, null);
    }

    public Tensor clampMax(long max) {
        return UnaryOps.clamp(this, UnaryOps.NONE, 0, 0, UnaryOps.LONG, 0, max, null);
    }

    public Tensor clampMax(double max, Tensor out) {
        return UnaryOps.clamp(this, UnaryOps.NONE, 0, 0, UnaryOps.DOUBLE, max, 0, out);
    }

    public Tensor clampMax(long max, Tensor out) {
        return UnaryOps.clamp(this, UnaryOps.NONE, 0, 0, UnaryOps.LONG, 0, max, out);
    }

    public Tensor clampMaxi(double max) {
        return UnaryOps.clamp(this, UnaryOps.NONE, 0, 0, UnaryOps.DOUBLE, max, 0, this);
    }

    public Tensor clampMaxi(long max) {
        return UnaryOps.clamp(this, UnaryOps.NONE, 0, 0, UnaryOps.LONG, 0, max, this);
    }

    private static int kind(Double bound) {
        return bound == null ? UnaryOps.NONE : UnaryOps.DOUBLE;
    }

    // ------------------------------------------------------------------ comparisons and logic (CompareOps)

    // (comparison and logic methods go here)

    /** {@code x == y} elementwise, broadcasting, compared in the promoted dtype: a BOOL tensor. */
    public Tensor eq(Tensor other) {
        return CompareOps.compare(CompareOp.EQ, this, other, null);
    }

    /** eq with a double: compared as a Python float is (an integer tensor compares in float32). */
    public Tensor eq(double other) {
        return CompareOps.compareScalar(CompareOp.EQ, this, other, 0, DType.FLOAT32, null);
    }

    /** eq with a long: compared in this tensor's dtype, as a Python int is (a bool tensor compares in int64). */
    public Tensor eq(long other) {
        return CompareOps.compareScalar(CompareOp.EQ, this, 0, other, DType.INT64, null);
    }

    /** eq into {@code out} (the broadcast shape; BOOL, or any dtype to receive 0/1): no allocation for BOOL out and same-dtype contiguous operands. */
    public Tensor eq(Tensor other, Tensor out) {
        return CompareOps.compare(CompareOp.EQ, this, other, out);
    }

    public Tensor eq(double other, Tensor out) {
        return CompareOps.compareScalar(CompareOp.EQ, this, other, 0, DType.FLOAT32, out);
    }

    public Tensor eq(long other, Tensor out) {
        return CompareOps.compareScalar(CompareOp.EQ, this, 0, other, DType.INT64, out);
    }

    /** {@code x != y} elementwise, broadcasting, compared in the promoted dtype: a BOOL tensor. */
    public Tensor ne(Tensor other) {
        return CompareOps.compare(CompareOp.NE, this, other, null);
    }

    /** ne with a double: compared as a Python float is (an integer tensor compares in float32). */
    public Tensor ne(double other) {
        return CompareOps.compareScalar(CompareOp.NE, this, other, 0, DType.FLOAT32, null);
    }

    /** ne with a long: compared in this tensor's dtype, as a Python int is (a bool tensor compares in int64). */
    public Tensor ne(long other) {
        return CompareOps.compareScalar(CompareOp.NE, this, 0, other, DType.INT64, null);
    }

    /** ne into {@code out} (the broadcast shape; BOOL, or any dtype to receive 0/1): no allocation for BOOL out and same-dtype contiguous operands. */
    public Tensor ne(Tensor other, Tensor out) {
        return CompareOps.compare(CompareOp.NE, this, other, out);
    }

    public Tensor ne(double other, Tensor out) {
        return CompareOps.compareScalar(CompareOp.NE, this, other, 0, DType.FLOAT32, out);
    }

    public Tensor ne(long other, Tensor out) {
        return CompareOps.compareScalar(CompareOp.NE, this, 0, other, DType.INT64, out);
    }

    /** {@code x < y} elementwise, broadcasting, compared in the promoted dtype: a BOOL tensor. */
    public Tensor lt(Tensor other) {
        return CompareOps.compare(CompareOp.LT, this, other, null);
    }

    /** lt with a double: compared as a Python float is (an integer tensor compares in float32). */
    public Tensor lt(double other) {
        return CompareOps.compareScalar(CompareOp.LT, this, other, 0, DType.FLOAT32, null);
    }

    /** lt with a long: compared in this tensor's dtype, as a Python int is (a bool tensor compares in int64). */
    public Tensor lt(long other) {
        return CompareOps.compareScalar(CompareOp.LT, this, 0, other, DType.INT64, null);
    }

    /** lt into {@code out} (the broadcast shape; BOOL, or any dtype to receive 0/1): no allocation for BOOL out and same-dtype contiguous operands. */
    public Tensor lt(Tensor other, Tensor out) {
        return CompareOps.compare(CompareOp.LT, this, other, out);
    }

    public Tensor lt(double other, Tensor out) {
        return CompareOps.compareScalar(CompareOp.LT, this, other, 0, DType.FLOAT32, out);
    }

    public Tensor lt(long other, Tensor out) {
        return CompareOps.compareScalar(CompareOp.LT, this, 0, other, DType.INT64, out);
    }

    /** {@code x <= y} elementwise, broadcasting, compared in the promoted dtype: a BOOL tensor. */
    public Tensor le(Tensor other) {
        return CompareOps.compare(CompareOp.LE, this, other, null);
    }

    /** le with a double: compared as a Python float is (an integer tensor compares in float32). */
    public Tensor le(double other) {
        return CompareOps.compareScalar(CompareOp.LE, this, other, 0, DType.FLOAT32, null);
    }

    /** le with a long: compared in this tensor's dtype, as a Python int is (a bool tensor compares in int64). */
    public Tensor le(long other) {
        return CompareOps.compareScalar(CompareOp.LE, this, 0, other, DType.INT64, null);
    }

    /** le into {@code out} (the broadcast shape; BOOL, or any dtype to receive 0/1): no allocation for BOOL out and same-dtype contiguous operands. */
    public Tensor le(Tensor other, Tensor out) {
        return CompareOps.compare(CompareOp.LE, this, other, out);
    }

    public Tensor le(double other, Tensor out) {
        return CompareOps.compareScalar(CompareOp.LE, this, other, 0, DType.FLOAT32, out);
    }

    public Tensor le(long other, Tensor out) {
        return CompareOps.compareScalar(CompareOp.LE, this, 0, other, DType.INT64, out);
    }

    /** {@code x > y} elementwise, broadcasting, compared in the promoted dtype: a BOOL tensor. */
    public Tensor gt(Tensor other) {
        return CompareOps.compare(CompareOp.GT, this, other, null);
    }

    /** gt with a double: compared as a Python float is (an integer tensor compares in float32). */
    public Tensor gt(double other) {
        return CompareOps.compareScalar(CompareOp.GT, this, other, 0, DType.FLOAT32, null);
    }

    /** gt with a long: compared in this tensor's dtype, as a Python int is (a bool tensor compares in int64). */
    public Tensor gt(long other) {
        return CompareOps.compareScalar(CompareOp.GT, this, 0, other, DType.INT64, null);
    }

    /** gt into {@code out} (the broadcast shape; BOOL, or any dtype to receive 0/1): no allocation for BOOL out and same-dtype contiguous operands. */
    public Tensor gt(Tensor other, Tensor out) {
        return CompareOps.compare(CompareOp.GT, this, other, out);
    }

    public Tensor gt(double other, Tensor out) {
        return CompareOps.compareScalar(CompareOp.GT, this, other, 0, DType.FLOAT32, out);
    }

    public Tensor gt(long other, Tensor out) {
        return CompareOps.compareScalar(CompareOp.GT, this, 0, other, DType.INT64, out);
    }

    /** {@code x >= y} elementwise, broadcasting, compared in the promoted dtype: a BOOL tensor. */
    public Tensor ge(Tensor other) {
        return CompareOps.compare(CompareOp.GE, this, other, null);
    }

    /** ge with a double: compared as a Python float is (an integer tensor compares in float32). */
    public Tensor ge(double other) {
        return CompareOps.compareScalar(CompareOp.GE, this, other, 0, DType.FLOAT32, null);
    }

    /** ge with a long: compared in this tensor's dtype, as a Python int is (a bool tensor compares in int64). */
    public Tensor ge(long other) {
        return CompareOps.compareScalar(CompareOp.GE, this, 0, other, DType.INT64, null);
    }

    /** ge into {@code out} (the broadcast shape; BOOL, or any dtype to receive 0/1): no allocation for BOOL out and same-dtype contiguous operands. */
    public Tensor ge(Tensor other, Tensor out) {
        return CompareOps.compare(CompareOp.GE, this, other, out);
    }

    public Tensor ge(double other, Tensor out) {
        return CompareOps.compareScalar(CompareOp.GE, this, other, 0, DType.FLOAT32, out);
    }

    public Tensor ge(long other, Tensor out) {
        return CompareOps.compareScalar(CompareOp.GE, this, 0, other, DType.INT64, out);
    }

    /** Logical and of any dtypes (nonzero, NaN included, is true), broadcasting: a BOOL tensor. */
    public Tensor logicalAnd(Tensor other) {
        return CompareOps.compare(CompareOp.LOGICAL_AND, this, other, null);
    }

    /** logicalAnd into {@code out} (the broadcast shape; BOOL, or any dtype to receive 0/1). */
    public Tensor logicalAnd(Tensor other, Tensor out) {
        return CompareOps.compare(CompareOp.LOGICAL_AND, this, other, out);
    }

    /** Logical or of any dtypes (nonzero, NaN included, is true), broadcasting: a BOOL tensor. */
    public Tensor logicalOr(Tensor other) {
        return CompareOps.compare(CompareOp.LOGICAL_OR, this, other, null);
    }

    /** logicalOr into {@code out} (the broadcast shape; BOOL, or any dtype to receive 0/1). */
    public Tensor logicalOr(Tensor other, Tensor out) {
        return CompareOps.compare(CompareOp.LOGICAL_OR, this, other, out);
    }

    /** Logical exclusive or of any dtypes (nonzero, NaN included, is true), broadcasting: a BOOL tensor. */
    public Tensor logicalXor(Tensor other) {
        return CompareOps.compare(CompareOp.LOGICAL_XOR, this, other, null);
    }

    /** logicalXor into {@code out} (the broadcast shape; BOOL, or any dtype to receive 0/1). */
    public Tensor logicalXor(Tensor other, Tensor out) {
        return CompareOps.compare(CompareOp.LOGICAL_XOR, this, other, out);
    }

    /** Logical not of any dtype: true where the element is zero. A BOOL tensor. */
    public Tensor logicalNot() {
        return CompareOps.logicalNot(this, null);
    }

    /** logicalNot into {@code out} (this shape; BOOL, or any dtype to receive 0/1). */
    public Tensor logicalNot(Tensor out) {
        return CompareOps.logicalNot(this, out);
    }

    /** True where the element is NaN (never for integral and bool dtypes). */
    public Tensor isnan() {
        return CompareOps.test("isnan", this);
    }

    /** True where the element is +-infinity. */
    public Tensor isinf() {
        return CompareOps.test("isinf", this);
    }

    /** True where the element is neither NaN nor infinite (always for integral and bool dtypes). */
    public Tensor isfinite() {
        return CompareOps.test("isfinite", this);
    }

    /**
     * {@code torch.where(condition, input, other)}: input where condition (a BOOL tensor) is true,
     * else other; all three broadcast, and the result dtype promotes input and other.
     */
    public static Tensor where(Tensor condition, Tensor input, Tensor other) {
        return CompareOps.where(condition, input, other);
    }

    /** where with a double for other: it promotes as a Python float does (an integer input gives float32). */
    public static Tensor where(Tensor condition, Tensor input, double other) {
        return CompareOps.whereScalar(condition, input, other, 0, DType.FLOAT32, false);
    }

    /** where with a long for other: the input's dtype is kept, as with a Python int. */
    public static Tensor where(Tensor condition, Tensor input, long other) {
        return CompareOps.whereScalar(condition, input, 0, other, DType.INT64, false);
    }

    public static Tensor where(Tensor condition, double input, Tensor other) {
        return CompareOps.whereScalar(condition, other, input, 0, DType.FLOAT32, true);
    }

    public static Tensor where(Tensor condition, long input, Tensor other) {
        return CompareOps.whereScalar(condition, other, 0, input, DType.INT64, true);
    }

    /** where with two doubles: a float32 tensor of the condition's shape. */
    public static Tensor where(Tensor condition, double input, double other) {
        return CompareOps.whereScalars(condition, input, 0, other, 0, DType.FLOAT32);
    }

    /** where with two longs: an int64 tensor of the condition's shape. */
    public static Tensor where(Tensor condition, long input, long other) {
        return CompareOps.whereScalars(condition, 0, input, 0, other, DType.INT64);
    }

    /** {@code x.where(condition, y)}: this where condition is true, else other. */
    public Tensor where(Tensor condition, Tensor other) {
        return CompareOps.where(condition, this, other);
    }

    /** {@code torch.equal}: true when both have the same shape and equal values (NaN never equals NaN). */
    public boolean equal(Tensor other) {
        return CompareOps.equal(this, other);
    }

    /**
     * {@code torch.isclose}: |this - other| <= atol + rtol * |other| elementwise, or equal (NaNs
     * too when equalNan); broadcasting. Both tensors must have the same dtype.
     */
    public Tensor isclose(Tensor other, double rtol, double atol, boolean equalNan) {
        return CompareOps.isclose(this, other, rtol, atol, equalNan);
    }

    /** isclose with PyTorch's defaults: rtol 1e-05, atol 1e-08, NaNs unequal. */
    public Tensor isclose(Tensor other) {
        return isclose(other, CompareOps.DEFAULT_RTOL, CompareOps.DEFAULT_ATOL, false);
    }

    /** {@code torch.allclose}: isclose holds everywhere. */
    public boolean allclose(Tensor other, double rtol, double atol, boolean equalNan) {
        return CompareOps.allclose(this, other, rtol, atol, equalNan);
    }

    public boolean allclose(Tensor other, double rtol, double atol) {
        return allclose(other, rtol, atol, false);
    }

    /** allclose with PyTorch's defaults: rtol 1e-05, atol 1e-08, NaNs unequal. */
    public boolean allclose(Tensor other) {
        return allclose(other, CompareOps.DEFAULT_RTOL, CompareOps.DEFAULT_ATOL, false);
    }

    // ------------------------------------------------------------------ reductions and scans (ReduceOps, ScanOps)

    // (reduction and scan methods go here)

    /**
     * The result of {@code max(dim)} / {@code min(dim)} in PyTorch: the values and the int64
     * indices where they were found (the first, on ties).
     */
    public record ValuesIndices(Tensor values, Tensor indices) {
    }

    /** The sum of all elements, a 0-d tensor ({@code tensor(66.)}); integers and bool sum to int64. */
    public Tensor sum() {
        return ReduceOps.sum(this, null, false, null);
    }

    /** The sum over {@code dims} (negative dims count from the end; none given: every dim). */
    public Tensor sum(int... dims) {
        return ReduceOps.sum(this, dims, false, null);
    }

    /** The sum over {@code dim}, kept as a size-1 dim when {@code keepdim}. */
    public Tensor sum(int dim, boolean keepdim) {
        return ReduceOps.sum(this, new int[]{dim}, keepdim, null);
    }

    public Tensor sum(int[] dims, boolean keepdim) {
        return ReduceOps.sum(this, dims, keepdim, null);
    }

    /**
     * The sum into {@code out} (of the reduced shape; its dtype is the one summed in, as
     * PyTorch's out=). No allocation when the input has out's dtype and out is contiguous.
     */
    public Tensor sum(int[] dims, boolean keepdim, Tensor out) {
        return ReduceOps.sum(this, dims, keepdim, out);
    }

    /** The mean of all elements; floating dtypes only, as in PyTorch. */
    public Tensor mean() {
        return ReduceOps.mean(this, null, false, null);
    }

    public Tensor mean(int... dims) {
        return ReduceOps.mean(this, dims, false, null);
    }

    public Tensor mean(int dim, boolean keepdim) {
        return ReduceOps.mean(this, new int[]{dim}, keepdim, null);
    }

    public Tensor mean(int[] dims, boolean keepdim) {
        return ReduceOps.mean(this, dims, keepdim, null);
    }

    public Tensor mean(int[] dims, boolean keepdim, Tensor out) {
        return ReduceOps.mean(this, dims, keepdim, out);
    }

    /** The product of all elements; integers and bool multiply in int64. */
    public Tensor prod() {
        return ReduceOps.prod(this, null, false, null);
    }

    public Tensor prod(int... dims) {
        return ReduceOps.prod(this, dims, false, null);
    }

    public Tensor prod(int dim, boolean keepdim) {
        return ReduceOps.prod(this, new int[]{dim}, keepdim, null);
    }

    public Tensor prod(int[] dims, boolean keepdim) {
        return ReduceOps.prod(this, dims, keepdim, null);
    }

    public Tensor prod(int[] dims, boolean keepdim, Tensor out) {
        return ReduceOps.prod(this, dims, keepdim, out);
    }

    /** The largest element, a 0-d tensor; NaN if any element is NaN. Refused for an empty tensor. */
    public Tensor max() {
        return ReduceOps.extreme(true, this, null, false, null);
    }

    /**
     * The largest values over {@code dims} ({@code torch.amax}). PyTorch's {@code max(dim)}
     * returns values and indices: here {@code max(dim)} gives the values, {@link #argmax(int)}
     * the indices, and {@link #maxWithIndices(int, boolean)} both from one pass.
     */
    public Tensor max(int... dims) {
        return ReduceOps.extreme(true, this, dims, false, null);
    }

    public Tensor max(int dim, boolean keepdim) {
        return ReduceOps.extreme(true, this, new int[]{dim}, keepdim, null);
    }

    public Tensor max(int[] dims, boolean keepdim) {
        return ReduceOps.extreme(true, this, dims, keepdim, null);
    }

    /** max over dims into {@code out}, which must have this tensor's dtype. */
    public Tensor max(int[] dims, boolean keepdim, Tensor out) {
        return ReduceOps.extreme(true, this, dims, keepdim, out);
    }

    /** PyTorch's {@code max(dim, keepdim)}: the values and the indices of the first maximum. */
    public ValuesIndices maxWithIndices(int dim, boolean keepdim) {
        return ReduceOps.arg(true, this, dim, false, keepdim, true);
    }

    /** The smallest element, a 0-d tensor; NaN if any element is NaN. Refused for an empty tensor. */
    public Tensor min() {
        return ReduceOps.extreme(false, this, null, false, null);
    }

    /** The smallest values over {@code dims} ({@code torch.amin}); see {@link #max(int...)}. */
    public Tensor min(int... dims) {
        return ReduceOps.extreme(false, this, dims, false, null);
    }

    public Tensor min(int dim, boolean keepdim) {
        return ReduceOps.extreme(false, this, new int[]{dim}, keepdim, null);
    }

    public Tensor min(int[] dims, boolean keepdim) {
        return ReduceOps.extreme(false, this, dims, keepdim, null);
    }

    public Tensor min(int[] dims, boolean keepdim, Tensor out) {
        return ReduceOps.extreme(false, this, dims, keepdim, out);
    }

    /** PyTorch's {@code min(dim, keepdim)}: the values and the indices of the first minimum. */
    public ValuesIndices minWithIndices(int dim, boolean keepdim) {
        return ReduceOps.arg(false, this, dim, false, keepdim, true);
    }

    /** The index of the first maximum of the flattened tensor (int64, 0-d); a NaN counts as the maximum. */
    public Tensor argmax() {
        return ReduceOps.arg(true, this, 0, true, false);
    }

    public Tensor argmax(int dim) {
        return ReduceOps.arg(true, this, dim, false, false);
    }

    public Tensor argmax(int dim, boolean keepdim) {
        return ReduceOps.arg(true, this, dim, false, keepdim);
    }

    /** The index of the first minimum of the flattened tensor (int64, 0-d); a NaN counts as the minimum. */
    public Tensor argmin() {
        return ReduceOps.arg(false, this, 0, true, false);
    }

    public Tensor argmin(int dim) {
        return ReduceOps.arg(false, this, dim, false, false);
    }

    public Tensor argmin(int dim, boolean keepdim) {
        return ReduceOps.arg(false, this, dim, false, keepdim);
    }

    /** Whether every element is nonzero (bool, 0-d); true for an empty tensor. */
    public Tensor all() {
        return ReduceOps.allAny(true, this, null, false);
    }

    /** all over {@code dims}; an empty array reduces no dim (a bool copy), as PyTorch's {@code dim=()}. */
    public Tensor all(int... dims) {
        return ReduceOps.allAny(true, this, dims, false);
    }

    public Tensor all(int dim, boolean keepdim) {
        return ReduceOps.allAny(true, this, new int[]{dim}, keepdim);
    }

    public Tensor all(int[] dims, boolean keepdim) {
        return ReduceOps.allAny(true, this, dims, keepdim);
    }

    /** Whether any element is nonzero (bool, 0-d); false for an empty tensor. */
    public Tensor any() {
        return ReduceOps.allAny(false, this, null, false);
    }

    public Tensor any(int... dims) {
        return ReduceOps.allAny(false, this, dims, false);
    }

    public Tensor any(int dim, boolean keepdim) {
        return ReduceOps.allAny(false, this, new int[]{dim}, keepdim);
    }

    public Tensor any(int[] dims, boolean keepdim) {
        return ReduceOps.allAny(false, this, dims, keepdim);
    }

    /** The 2-norm of all elements ({@code torch.norm(u)}, the Frobenius norm of a matrix); floating dtypes only. */
    public Tensor norm() {
        return ReduceOps.norm(this, 2, null, false, null);
    }

    /**
     * The p-norm of all elements: p = 1 (sum of |x|), 2, {@code Double.POSITIVE_INFINITY} (max
     * |x|), {@code NEGATIVE_INFINITY} (min |x|), 0 (the number of nonzeros) or any other p.
     */
    public Tensor norm(double p) {
        return ReduceOps.norm(this, p, null, false, null);
    }

    public Tensor norm(double p, int... dims) {
        return ReduceOps.norm(this, p, dims, false, null);
    }

    public Tensor norm(double p, int[] dims, boolean keepdim) {
        return ReduceOps.norm(this, p, dims, keepdim, null);
    }

    public Tensor norm(double p, int[] dims, boolean keepdim, Tensor out) {
        return ReduceOps.norm(this, p, dims, keepdim, out);
    }

    /** The variance of all elements with Bessel's correction (PyTorch's default {@code correction=1}). */
    public Tensor var() {
        return ReduceOps.var(this, null, 1, false, false, null);
    }

    /** {@code var(unbiased=...)}: false divides by n instead of n - 1. */
    public Tensor var(boolean unbiased) {
        return ReduceOps.var(this, null, unbiased ? 1 : 0, false, false, null);
    }

    public Tensor var(int... dims) {
        return ReduceOps.var(this, dims, 1, false, false, null);
    }

    public Tensor var(int dim, boolean keepdim) {
        return ReduceOps.var(this, new int[]{dim}, 1, keepdim, false, null);
    }

    public Tensor var(int[] dims, boolean keepdim) {
        return ReduceOps.var(this, dims, 1, keepdim, false, null);
    }

    /** The variance over dims, dividing by max(0, n - correction) ({@code torch.var(x, dims, correction=c)}). */
    public Tensor var(int[] dims, double correction, boolean keepdim) {
        return ReduceOps.var(this, dims, correction, keepdim, false, null);
    }

    /** The standard deviation of all elements (correction 1, as PyTorch's default). */
    public Tensor std() {
        return ReduceOps.var(this, null, 1, false, true, null);
    }

    public Tensor std(boolean unbiased) {
        return ReduceOps.var(this, null, unbiased ? 1 : 0, false, true, null);
    }

    public Tensor std(int... dims) {
        return ReduceOps.var(this, dims, 1, false, true, null);
    }

    public Tensor std(int dim, boolean keepdim) {
        return ReduceOps.var(this, new int[]{dim}, 1, keepdim, true, null);
    }

    public Tensor std(int[] dims, boolean keepdim) {
        return ReduceOps.var(this, dims, 1, keepdim, true, null);
    }

    public Tensor std(int[] dims, double correction, boolean keepdim) {
        return ReduceOps.var(this, dims, correction, keepdim, true, null);
    }

    /** The cumulative sum along {@code dim}; integers and bool give int64. */
    public Tensor cumsum(int dim) {
        return ScanOps.cumsum(this, dim, null);
    }

    /** cumsum into {@code out} (this tensor's shape; the dtype scanned in, as PyTorch's out=). */
    public Tensor cumsum(int dim, Tensor out) {
        return ScanOps.cumsum(this, dim, out);
    }

    /** The cumulative product along {@code dim}; integers and bool give int64. */
    public Tensor cumprod(int dim) {
        return ScanOps.cumprod(this, dim, null);
    }

    public Tensor cumprod(int dim, Tensor out) {
        return ScanOps.cumprod(this, dim, out);
    }

    /** The dot product of two 1-D tensors of the same dtype and length ({@code torch.dot}), a 0-d tensor. */
    public Tensor dot(Tensor other) {
        return ReduceOps.dot(this, other);
    }

    // ------------------------------------------------------------------ joining and indexing (JoinOps, IndexOps)

    // (cat, stack, index, gather, scatter, indexSelect, maskedSelect go here)

    /**
     * {@code torch.cat(tensors, dim)}: joins along an existing dim. Shapes must match except in
     * {@code dim}; the dtype is the promotion of all inputs; 1-D empty tensors are skipped, as
     * PyTorch still does.
     */
    public static Tensor cat(int dim, Tensor... tensors) {
        return JoinOps.cat(dim, Arrays.asList(tensors));
    }

    public static Tensor cat(int dim, List<Tensor> tensors) {
        return JoinOps.cat(dim, tensors);
    }

    /** {@code torch.stack(tensors, dim)}: joins equal-shaped tensors along a new dim. */
    public static Tensor stack(int dim, Tensor... tensors) {
        return JoinOps.stack(dim, Arrays.asList(tensors));
    }

    public static Tensor stack(int dim, List<Tensor> tensors) {
        return JoinOps.stack(dim, tensors);
    }

    /**
     * Advanced indexing, {@code x[i0, i1, ...]} with index tensors: int64 or int32 tensors
     * (negative values count from the end) broadcast together and index the leading dims; a
     * bool tensor acts as the coordinates of its set elements. The result (a copy) has the
     * broadcast index shape followed by the dims not indexed.
     */
    public Tensor index(Tensor... indices) {
        return IndexOps.index(this, indices);
    }

    /** {@code x[indices] = values} in place: values (of this dtype) broadcast to the indexed shape. */
    public Tensor setIndex(Tensor values, Tensor... indices) {
        return IndexOps.indexPut(this, values, indices);
    }

    /** {@code x[indices] = value}, the value converted to this dtype. */
    public Tensor setIndex(double value, Tensor... indices) {
        try (Scope tmp = Scope.open()) {
            return IndexOps.indexPut(this, scalar(value, dtype), indices);
        }
    }

    public Tensor setIndex(long value, Tensor... indices) {
        try (Scope tmp = Scope.open()) {
            return IndexOps.indexPut(this, empty(dtype).fill(value), indices);
        }
    }

    /** {@code torch.index_put(x, indices, values)}: a copy of this tensor with {@code x[indices] = values}. */
    public Tensor indexPut(Tensor values, Tensor... indices) {
        return IndexOps.indexPut(clone(), values, indices);
    }

    /**
     * {@code torch.index_put(x, indices, values, accumulate)}: a copy of this tensor where, with
     * {@code accumulate}, values at repeated indices add up instead of overwriting.
     */
    public Tensor indexPut(Tensor values, boolean accumulate, Tensor... indices) {
        Tensor out = clone();
        return accumulate ? IndexOps.indexPutAccumulate(out, values.to(dtype), indices) : IndexOps.indexPut(out, values, indices);
    }

    /** {@code torch.gather(x, dim, index)}: {@code out[i][j] = x[index[i][j]][j]} for dim 0 (index is int64). */
    public Tensor gather(int dim, Tensor index) {
        return IndexOps.gather(this, dim, index);
    }

    /** A copy of this tensor with {@code out[index[i][j]][j] = src[i][j]} for dim 0 ({@code torch.scatter}). */
    public Tensor scatter(int dim, Tensor index, Tensor src) {
        return IndexOps.scatter(this, dim, index, src, false);
    }

    /** scatter of one value, converted to this dtype. */
    public Tensor scatter(int dim, Tensor index, double value) {
        return IndexOps.scatterValue(this, dim, index, value, 0, false, false);
    }

    public Tensor scatter(int dim, Tensor index, long value) {
        return IndexOps.scatterValue(this, dim, index, 0, value, true, false);
    }

    /** In place {@code scatter_}: writes into this tensor. */
    public Tensor scatteri(int dim, Tensor index, Tensor src) {
        return IndexOps.scatter(this, dim, index, src, true);
    }

    public Tensor scatteri(int dim, Tensor index, double value) {
        return IndexOps.scatterValue(this, dim, index, value, 0, false, true);
    }

    public Tensor scatteri(int dim, Tensor index, long value) {
        return IndexOps.scatterValue(this, dim, index, 0, value, true, true);
    }

    /** {@code torch.index_select(x, dim, index)}: the slices at a 1-D int64/int32 index along dim (a copy). */
    public Tensor indexSelect(int dim, Tensor index) {
        return IndexOps.indexSelect(this, dim, index);
    }

    /** {@code torch.masked_select(x, mask)}: the elements where the bool mask (broadcast) is set, as a 1-D tensor. */
    public Tensor maskedSelect(Tensor mask) {
        return IndexOps.maskedSelect(this, mask);
    }

    // ------------------------------------------------------------------ linear algebra (MatmulOps)

    // (mm, mv, matmul go here)

    /** Matrix product of two 2-D tensors of one dtype ({@code torch.mm}). */
    public Tensor mm(Tensor mat2) {
        return MatmulOps.mm(this, mat2, null);
    }

    /** {@code torch.mm(self, mat2, out=out)}: out must have the result's shape and dtype; allocates nothing. */
    public Tensor mm(Tensor mat2, Tensor out) {
        return MatmulOps.mm(this, mat2, out);
    }

    /** Matrix-vector product of a 2-D and a 1-D tensor ({@code torch.mv}). */
    public Tensor mv(Tensor vec) {
        return MatmulOps.mv(this, vec, null);
    }

    public Tensor mv(Tensor vec, Tensor out) {
        return MatmulOps.mv(this, vec, out);
    }

    /**
     * {@code torch.matmul} ({@code a @ b}): 1-D x 1-D is a 0-d dot product; 2-D x 1-D a
     * matrix-vector product; a 1-D first operand is a row (its dim removed from the result), a
     * 1-D second a column; N-D operands are stacks of matrices with batch dims broadcast.
     */
    public Tensor matmul(Tensor other) {
        return MatmulOps.matmul(this, other, null);
    }

    public Tensor matmul(Tensor other, Tensor out) {
        return MatmulOps.matmul(this, other, out);
    }

    // ------------------------------------------------------------------ conversions

    /** The values in row-major order, converted to float. */
    public float[] toFloatArray() {
        float[] a = new float[heapLength()];
        copyOut(DType.FLOAT32, MemorySegment.ofArray(a));
        return a;
    }

    public double[] toDoubleArray() {
        double[] a = new double[heapLength()];
        copyOut(DType.FLOAT64, MemorySegment.ofArray(a));
        return a;
    }

    public int[] toIntArray() {
        int[] a = new int[heapLength()];
        copyOut(DType.INT32, MemorySegment.ofArray(a));
        return a;
    }

    public long[] toLongArray() {
        long[] a = new long[heapLength()];
        copyOut(DType.INT64, MemorySegment.ofArray(a));
        return a;
    }

    public boolean[] toBooleanArray() {
        byte[] bytes = new byte[heapLength()];
        copyOut(DType.BOOL, MemorySegment.ofArray(bytes));
        boolean[] a = new boolean[bytes.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = bytes[i] != 0;
        }
        return a;
    }

    private int heapLength() {
        storage.checkAlive();
        long n = numel();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("tensor has " + n + " elements: too many for a Java array");
        }
        return (int) n;
    }

    private void copyOut(DType type, MemorySegment heap) {
        LoopPlan plan = LoopPlan.of(shape,
                new long[][]{byteStridesFor(Shapes.contiguousStrides(shape), type), byteStrides(strides)},
                new long[]{0, offset * dtype.byteSize()});
        Copy.copy(plan, heap, type, storage.segment(), dtype);
    }

    private static long[] byteStridesFor(long[] elementStrides, DType type) {
        long[] b = new long[elementStrides.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = elementStrides[i] * type.byteSize();
        }
        return b;
    }

    /** The value of a one-element tensor, as a double ({@code a.item()}). */
    public double item() {
        return dtype == DType.INT64 ? (double) longValue() : dtype.getDouble(storage.segment(), singleElementOffset());
    }

    public float floatValue() {
        return dtype == DType.INT64 ? (float) longValue() : (float) item();
    }

    public int intValue() {
        return (int) longValue();
    }

    public long longValue() {
        return dtype.getLong(storage.segment(), singleElementOffset());
    }

    public boolean booleanValue() {
        return dtype.getBoolean(storage.segment(), singleElementOffset());
    }

    private long singleElementOffset() {
        storage.checkAlive();
        long n = numel();
        if (n != 1) {
            throw new IllegalStateException("a Tensor with " + n + " elements cannot be converted to Scalar");
        }
        return offset * dtype.byteSize();
    }

    /**
     * The memory of this tensor, without a copy: from its first element to the end of its last,
     * walked with {@link #stride()}. The segment keeps the storage reachable and is closed when
     * the tensor's scope closes.
     */
    public MemorySegment segment() {
        MemorySegment all = storage.exportSegment();
        long start = offset * dtype.byteSize();
        long n = numel();
        if (n == 0) {
            // an empty view's offset may point past its storage (column 1 of a (0, 2) tensor)
            return all.asSlice(Math.min(start, all.byteSize()), 0);
        }
        long last = 0;
        for (int i = 0; i < shape.length; i++) {
            last += (shape[i] - 1) * strides[i];
        }
        return all.asSlice(start, (last + 1) * dtype.byteSize());
    }

    /**
     * An Agrona buffer over this contiguous tensor's bytes (zero copy), for services that publish
     * tensors. Valid while the tensor is; writes through it do not bump the version counter.
     */
    public UnsafeBuffer asDirectBuffer() {
        if (!isContiguous()) {
            throw new IllegalStateException("asDirectBuffer needs a contiguous tensor; call contiguous() first");
        }
        if (storage.isReadOnly()) {
            // an UnsafeBuffer writes with raw stores: into a read-only mapping that would be a SIGSEGV
            throw new IllegalStateException("asDirectBuffer needs a writable tensor; this one is read-only (a mapped file): clone() it first");
        }
        MemorySegment seg = segment();
        if (seg.byteSize() > Integer.MAX_VALUE) {
            throw new IllegalStateException("tensor of " + seg.byteSize() + " bytes is too large for a DirectBuffer (2 GiB)");
        }
        return new UnsafeBuffer(seg.asByteBuffer());
    }

    /**
     * Writes this tensor to a file whose format follows the extension: {@code .npy} (NumPy's
     * {@code np.save}) or {@code .safetensors} (one entry, named {@code "tensor"}). The file is
     * written beside the target and moved into place, so a mapped copy of the old file stays valid.
     *
     * @throws IllegalArgumentException for another extension
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    public void save(Path path) {
        switch (fileKind(path)) {
            case "npy" -> Npy.save(this, path);
            default -> SafeTensors.save(java.util.Map.of("tensor", this), path);
        }
    }

    /**
     * Reads a tensor file, the format following the extension: {@code .npy} ({@code np.load(...,
     * mmap_mode="r")}) or a {@code .safetensors} file holding exactly one tensor (else use
     * {@link SafeTensors#load}). The file is mapped: no copy when its layout allows (aligned data
     * in native byte order), and the tensor is read-only until {@link #clone()}. The mapping
     * belongs to the current {@link Scope}; closing it unmaps the file.
     *
     * @throws dev.vectorgrad.engine.io.TensorFileException when the file is not a valid tensor file
     * @throws java.io.UncheckedIOException when it cannot be read
     */
    public static Tensor load(Path path) {
        if (fileKind(path).equals("npy")) {
            return Npy.load(path);
        }
        java.util.Map<String, Tensor> all = SafeTensors.load(path);
        if (all.size() != 1) {
            throw new IllegalArgumentException(path + " holds " + all.size()
                    + " tensors; Tensor.load reads a file of one tensor: use SafeTensors.load for a map of them");
        }
        return all.values().iterator().next();
    }

    private static String fileKind(Path path) {
        String name = String.valueOf(path.getFileName()).toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".npy")) {
            return "npy";
        }
        if (name.endsWith(".safetensors")) {
            return "safetensors";
        }
        throw new IllegalArgumentException("cannot tell the tensor file format of '" + path.getFileName()
                + "': the extension must be .npy or .safetensors");
    }

    // ------------------------------------------------------------------ printing

    /** Exactly PyTorch's repr, e.g. {@code tensor([[0., 1.], [2., 3.]])}. */
    @Override
    public String toString() {
        return toString(List.of());
    }

    /** PyTorch's repr with extra suffixes, e.g. {@code grad_fn=<MulBackward0>}. */
    public String toString(List<String> extraSuffixes) {
        storage.checkAlive();
        return TensorFormatter.format(this, extraSuffixes);
    }

    // ------------------------------------------------------------------ training ops (NnOps)

    // (nn op methods go here)

    /** {@code torch.add(self, other, alpha=alpha)}: self + alpha * other in one pass (floating results only). */
    public Tensor add(Tensor other, double alpha) {
        return NnOps.addScaled(this, other, alpha, false);
    }

    /** {@code self.add_(other, alpha=alpha)}: the SGD update {@code p.add_(grad, alpha=-lr)}; allocates nothing when contiguous. */
    public Tensor addi(Tensor other, double alpha) {
        return NnOps.addScaled(this, other, alpha, true);
    }

    /** {@code torch.sub(self, other, alpha=alpha)}: self - alpha * other. */
    public Tensor sub(Tensor other, double alpha) {
        return NnOps.addScaled(this, other, -alpha, false);
    }

    /** {@code self.sub_(other, alpha=alpha)}. */
    public Tensor subi(Tensor other, double alpha) {
        return NnOps.addScaled(this, other, -alpha, true);
    }

    /** {@code torch.log_softmax(self, dim)}: computed stably (the row max is subtracted before exp). */
    public Tensor logSoftmax(int dim) {
        return NnOps.logSoftmax(this, dim);
    }

    /**
     * ATen's {@code _log_softmax_backward_data}: this is the gradient of log_softmax's
     * {@code output}; returns {@code this - exp(output) * this.sum(dim, keepdim)}.
     */
    public Tensor logSoftmaxBackward(Tensor output, int dim) {
        return NnOps.logSoftmaxBackward(this, output, dim);
    }

    /**
     * ATen's {@code threshold_backward(grad, self, threshold)} on this gradient: this where
     * {@code self > threshold}, else 0 (ReLU's gradient, with self its output and threshold 0).
     */
    public Tensor thresholdBackward(Tensor self, double threshold) {
        return NnOps.thresholdBackward(this, self, threshold);
    }

    /** {@code F.nll_loss(self, target)}, mean reduction: self (N, C) log-probabilities, target N class indices. */
    public Tensor nllLoss(Tensor target) {
        return NnOps.nllLoss(this, target);
    }

    /** nll_loss's gradient from this one-element gradient: zeros shaped like self, -this / N at each target. */
    public Tensor nllLossBackward(Tensor self, Tensor target) {
        return NnOps.nllLossBackward(this, self, target);
    }
}
