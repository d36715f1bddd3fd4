package dev.vectorgrad.bench.suite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import static dev.vectorgrad.bench.compare.Impl.JAVA_ARRAY;
import static dev.vectorgrad.bench.compare.Impl.JAVA_SEGMENT;
import static dev.vectorgrad.bench.compare.Impl.LIBTORCH;
import static dev.vectorgrad.bench.compare.Impl.VECTORGRAD;

import dev.vectorgrad.bench.compare.Comparison;
import dev.vectorgrad.bench.compare.Inputs;
import dev.vectorgrad.bench.compare.Kernel;
import dev.vectorgrad.bench.compare.Tolerance;
import dev.vectorgrad.bench.limit.Limit;
import dev.vectorgrad.bench.peer.JavaArrays;
import dev.vectorgrad.bench.peer.JavaSegments;
import dev.vectorgrad.engine.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code a += b}: the one elementwise form every implementation has without allocating
 * (libtorch's {@code add_}, DJL's {@code addi}), so it compares kernels and nothing else.
 * Two reads and one write of 4 bytes per element, against copy bandwidth.
 */
public final class AddInPlace extends Comparison {

    public AddInPlace() {
        super("add", "a += b", 2, Limit.copy(12), Tolerance.EXACT, VECTORGRAD, LIBTORCH, JAVA_ARRAY, JAVA_SEGMENT);
    }

    @Override
    public List<Integer> sizes() {
        return List.of(Sizes.TINY, Sizes.K1, Sizes.M1, Sizes.M32);
    }

    @Override
    public float[] expected(Inputs in) {
        float[] out = new float[in.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((double) in.a()[i] + in.b()[i]);
        }
        return out;
    }

    @Override
    protected Kernel vectorgrad(Inputs in, int threads, Arena arena) {
        Tensor a = Tensors.of(arena, in.a());
        Tensor b = Tensors.of(arena, in.b());
        return new Kernel() {
            @Override
            public void run(Blackhole blackhole) {
                blackhole.consume(a.addi(b)); // X += Y
            }

            @Override
            public float[] check() {
                return a.addi(b).toFloatArray();
            }
        };
    }

    @Override
    protected Kernel libtorch(Inputs in, NDManager torch) {
        return torchAddi(torch.create(in.a()), torch.create(in.b()));
    }

    /** The timed op {@code a.addi(b)} (libtorch's {@code a += b}), for b of any layout. */
    static Kernel torchAddi(NDArray a, NDArray b) {
        return new Kernel() {
            @Override
            public void run(Blackhole blackhole) {
                blackhole.consume(a.addi(b));
            }

            @Override
            public float[] check() {
                return a.addi(b).toFloatArray();
            }
        };
    }

    @Override
    protected Kernel javaArray(Inputs in) {
        float[] a = in.a().clone();
        float[] b = in.b().clone();
        return new Kernel() {
            @Override
            public void run(Blackhole blackhole) {
                JavaArrays.addInPlace(a, b);
                blackhole.consume(a);
            }

            @Override
            public float[] check() {
                JavaArrays.addInPlace(a, b);
                return a.clone();
            }
        };
    }

    @Override
    protected Kernel javaSegment(Inputs in, Arena arena) {
        MemorySegment a = JavaSegments.of(arena, in.a());
        MemorySegment b = JavaSegments.of(arena, in.b());
        int n = in.size();
        return new Kernel() {
            @Override
            public void run(Blackhole blackhole) {
                JavaSegments.addInPlace(a, b, n);
                blackhole.consume(a);
            }

            @Override
            public float[] check() {
                JavaSegments.addInPlace(a, b, n);
                return JavaSegments.toArray(a, n);
            }
        };
    }
}
