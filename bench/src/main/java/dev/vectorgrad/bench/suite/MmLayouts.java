package dev.vectorgrad.bench.suite;

import static dev.vectorgrad.bench.compare.Impl.LIBTORCH;
import static dev.vectorgrad.bench.compare.Impl.VECTORGRAD;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.vectorgrad.bench.compare.Comparison;
import dev.vectorgrad.bench.compare.Impl;
import dev.vectorgrad.bench.compare.Inputs;
import dev.vectorgrad.bench.compare.Kernel;
import dev.vectorgrad.bench.compare.Tolerance;
import dev.vectorgrad.bench.limit.Limit;
import dev.vectorgrad.engine.Tensor;
import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code C = A @ B}, float32, for the five products of issue #6's MLP training step (784-256-10,
 * batch 256), each in the layout autograd hands to {@code mm}: a transposed operand is a
 * transposed view ({@code x.t()}), not a copy, in vectorgrad and in libtorch
 * ({@code a.transpose().matMul(b)}).
 * <ul>
 *   <li>0: {@code x @ w1}, 256x784x256;</li>
 *   <li>1: {@code h @ w2}, 256x256x10 (a 10-column result);</li>
 *   <li>2: {@code x^T @ g1} (grad of w1), 784x256x256, A a transposed view;</li>
 *   <li>3: {@code g2 @ w2^T} (grad of h), 256x10x256, B a transposed view (k = 10);</li>
 *   <li>4: {@code h^T @ g2} (grad of w2), 256x256x10, A a transposed view.</li>
 * </ul>
 * {@code size} indexes {@link #SHAPES}. Operands are cut from arrays of {@code max(m k, k n) + size}
 * elements: the extra {@code size} makes every case's operand length distinct, which is how
 * {@link #expected} (it sees only the inputs) knows the case.
 */
public final class MmLayouts extends Comparison {

    /** m, k, n, A transposed (stored k x m), B transposed (stored n x k). */
    static final List<int[]> SHAPES = List.of(
            new int[] {256, 784, 256, 0, 0}, new int[] {256, 256, 10, 0, 0},
            new int[] {784, 256, 256, 1, 0}, new int[] {256, 10, 256, 0, 1},
            new int[] {256, 256, 10, 1, 0},
            // check shapes: odd sizes, both transposed
            new int[] {7, 33, 5, 1, 1}, new int[] {67, 3, 70, 1, 0});

    public MmLayouts() {
        super("mm_mlp", "C = A @ B (A, B maybe transposed views)", 2, Limit.fma(2, 3), new Tolerance(1e-4, 1e-5),
                VECTORGRAD, LIBTORCH);
    }

    @Override
    public List<Integer> sizes() {
        return List.of(0, 1, 2, 3, 4);
    }

    @Override
    public List<Integer> checkSizes() {
        return List.of(5, 6, 1);
    }

    @Override
    public int parallelFrom() {
        return 0;
    }

    /** As {@link Mm}: vectorgrad's micro-kernels run interpreted until C2 compiles them. */
    @Override
    public long warmupMillis(Impl impl) {
        return impl == VECTORGRAD ? 8_000 : 0;
    }

    @Override
    public int elements(int size) {
        int[] s = SHAPES.get(size);
        return Math.max(Math.multiplyExact(s[0], s[1]), Math.multiplyExact(s[1], s[2])) + size;
    }

    @Override
    public double work(int size) {
        int[] s = SHAPES.get(size);
        return limit().perElement() * s[0] * s[1] * (double) s[2];
    }

    @Override
    public String workText() {
        return " x m*k*n";
    }

    @Override
    public String sizeLabel(int size) {
        int[] s = SHAPES.get(size);
        return (s[3] == 1 ? "T" : "") + s[0] + "x" + s[1] + "x" + s[2] + (s[4] == 1 ? "T" : "");
    }

    @Override
    public String note() {
        return "size m x k x n; T before: A is a transposed view, T after: B is; issue #6's MLP products";
    }

    private static int[] shapeOf(Inputs in) {
        for (int i = 0; i < SHAPES.size(); i++) {
            int[] s = SHAPES.get(i);
            if (Math.max(s[0] * s[1], s[1] * s[2]) + i == in.size()) {
                return s;
            }
        }
        throw new IllegalArgumentException("no shape has operands of " + in.size() + " elements");
    }

    @Override
    public float[] expected(Inputs in) {
        int[] s = shapeOf(in);
        int m = s[0], k = s[1], n = s[2];
        boolean ta = s[3] == 1, tb = s[4] == 1;
        float[] a = in.a();
        float[] b = in.b();
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (double) (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                }
                c[i * n + j] = (float) sum;
            }
        }
        return c;
    }

    @Override
    protected Kernel vectorgrad(Inputs in, int threads, Arena arena) {
        int[] s = shapeOf(in);
        int m = s[0], k = s[1], n = s[2];
        Tensor as = Tensors.of(arena, Arrays.copyOf(in.a(), m * k), s[3] == 1 ? new long[] {k, m} : new long[] {m, k});
        Tensor bs = Tensors.of(arena, Arrays.copyOf(in.b(), k * n), s[4] == 1 ? new long[] {n, k} : new long[] {k, n});
        Tensor a = s[3] == 1 ? as.t() : as;
        Tensor b = s[4] == 1 ? bs.t() : bs;
        Tensor c = Tensors.zeros(arena, m, n);
        return new Kernel() {
            @Override
            public void run(Blackhole blackhole) {
                blackhole.consume(a.mm(b, c));
            }

            @Override
            public float[] check() {
                return a.mm(b, c).toFloatArray();
            }
        };
    }

    @Override
    protected Kernel libtorch(Inputs in, NDManager torch) {
        int[] s = shapeOf(in);
        int m = s[0], k = s[1], n = s[2];
        NDArray as = torch.create(Arrays.copyOf(in.a(), m * k), s[3] == 1 ? new Shape(k, m) : new Shape(m, k));
        NDArray bs = torch.create(Arrays.copyOf(in.b(), k * n), s[4] == 1 ? new Shape(n, k) : new Shape(k, n));
        boolean ta = s[3] == 1, tb = s[4] == 1;
        return new Kernel() {
            private NDArray product() {
                return (ta ? as.transpose() : as).matMul(tb ? bs.transpose() : bs);
            }

            @Override
            public void run(Blackhole blackhole) {
                try (NDScope scope = new NDScope()) {
                    blackhole.consume(product());
                }
            }

            @Override
            public float[] check() {
                try (NDScope scope = new NDScope()) {
                    return product().toFloatArray();
                }
            }
        };
    }

    @Override
    protected Kernel javaArray(Inputs in) {
        return null; // Mm's square rows show the plain loop; here the layouts are the point
    }

    @Override
    protected Kernel javaSegment(Inputs in, Arena arena) {
        return null;
    }
}
