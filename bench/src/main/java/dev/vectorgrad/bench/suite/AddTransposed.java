package dev.vectorgrad.bench.suite;

import static dev.vectorgrad.bench.compare.Impl.JAVA_SEGMENT;
import static dev.vectorgrad.bench.compare.Impl.LIBTORCH;
import static dev.vectorgrad.bench.compare.Impl.VECTORGRAD;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vectorgrad.bench.compare.Impl;
import dev.vectorgrad.bench.compare.Inputs;
import dev.vectorgrad.bench.compare.Kernel;
import dev.vectorgrad.bench.compare.Tolerance;
import dev.vectorgrad.bench.limit.Limit;
import dev.vectorgrad.bench.peer.JavaSegments;
import dev.vectorgrad.engine.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code out = a + b.t()} for n x n matrices, into a preallocated out: one operand read across
 * its rows' grain (a stride of n floats along out's rows), the strided case of issue #3's loop
 * planning. Same bytes as the contiguous {@code add_out} (read a and b, write out), which it
 * should reach to >= 60% per element.
 */
public final class AddTransposed extends SquareComparison {

    public AddTransposed() {
        super("add_t", "out = a + b.t()", 2, Limit.copy(12), Tolerance.EXACT, VECTORGRAD, LIBTORCH, JAVA_SEGMENT);
    }

    /**
     * The tiled walk's kernels (the transposes, the row loops over scratch) take about a second
     * of this loop to reach C2: a 1024^2 add ran 4-8 ms per op at 0.8-0.9 s and 1.8-2.8 ms at
     * 1.2 s in a scratch loop. The quick report's 0.75 s of warm-up timed the tail of that.
     */
    @Override
    public long warmupMillis(Impl impl) {
        return impl == VECTORGRAD ? 2_000 : 0;
    }

    @Override
    public String note() {
        return "the segment loop walks b down its columns as written; libtorch: `a += b.t()` (DJL has no out= "
                + "form; the same bytes, b.t() a view made once)";
    }

    @Override
    public float[] expected(Inputs in) {
        int n = side(in.size());
        float[] out = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = (float) ((double) in.a()[i * n + j] + in.b()[j * n + i]);
            }
        }
        return out;
    }

    @Override
    protected Kernel vectorgrad(Inputs in, int threads, Arena arena) {
        int n = side(in.size());
        Tensor a = Tensors.of(arena, in.a(), n, n);
        // The view is made once, as the operand: each op then times the add alone, and its heap
        // figure says whether the strided out= path allocates, not whether t() does.
        Tensor bt = Tensors.of(arena, in.b(), n, n).t();
        Tensor out = Tensors.zeros(arena, n, n);
        return Tensors.addInto(a, bt, out);
    }

    @Override
    protected Kernel libtorch(Inputs in, NDManager torch) {
        int n = side(in.size());
        NDArray a = torch.create(in.a(), new Shape(n, n));
        NDArray bt = torch.create(in.b(), new Shape(n, n)).transpose(); // a strided view (permute), as b.t()
        return AddInPlace.torchAddi(a, bt);
    }

    @Override
    protected Kernel javaArray(Inputs in) {
        return null; // the segment loop is the scalar peer over the same memory
    }

    @Override
    protected Kernel javaSegment(Inputs in, Arena arena) {
        int n = side(in.size());
        MemorySegment a = JavaSegments.of(arena, in.a());
        MemorySegment b = JavaSegments.of(arena, in.b());
        MemorySegment out = JavaSegments.floats(arena, (long) n * n);
        return new Kernel() {
            @Override
            public void run(Blackhole blackhole) {
                JavaSegments.addTransposed(a, b, out, n);
                blackhole.consume(out);
            }

            @Override
            public float[] check() {
                JavaSegments.addTransposed(a, b, out, n);
                return JavaSegments.toArray(out, n * n);
            }
        };
    }
}
