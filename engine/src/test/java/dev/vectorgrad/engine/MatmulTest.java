package dev.vectorgrad.engine;

import dev.vectorgrad.engine.kernel.Gemm;
import dev.vectorgrad.engine.kernel.GemmKernel;
import dev.vectorgrad.engine.kernel.Species;
import dev.vectorgrad.engine.kernel.gen.GemmF32x12x1;
import dev.vectorgrad.engine.kernel.gen.GemmF32x6x2;
import dev.vectorgrad.engine.kernel.gen.GemmF32x6x4;
import dev.vectorgrad.engine.kernel.gen.GemmF64x12x1;
import dev.vectorgrad.engine.kernel.gen.GemmF64x6x2;
import dev.vectorgrad.engine.kernel.gen.GemmF64x6x4;
import dev.vectorgrad.engine.testing.ScopePerTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.management.ManagementFactory;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** mm, mv and matmul: PyTorch's examples, shapes, dtypes and messages; layouts, out=, threads. */
@ExtendWith(ScopePerTest.class)
class MatmulTest {
    @Test
    void d2lMatrixVectorAndMatrixMatrix() {
        Tensor a = Tensor.arange(20, DType.FLOAT32).reshape(5, 4);
        Tensor x = Tensor.arange(4, DType.FLOAT32);
        assertEquals("tensor([ 14.,  38.,  62.,  86., 110.])", a.mv(x).toString());
        assertEquals("tensor([ 14.,  38.,  62.,  86., 110.])", a.matmul(x).toString());
        Tensor b = Tensor.ones(4, 3);
        assertEquals("tensor([[ 6.,  6.,  6.],\n        [22., 22., 22.],\n        [38., 38., 38.],\n"
                + "        [54., 54., 54.],\n        [70., 70., 70.]])", a.mm(b).toString());
        assertEquals(a.mm(b).toString(), a.matmul(b).toString());
    }

    @Test
    void oneDimensionalOperandsFollowTorchMatmul() {
        Tensor x = Tensor.of(new float[]{1, 2, 3});
        Tensor y = Tensor.of(new float[]{4, 5, 6});
        Tensor dot = x.matmul(y);
        assertEquals(0, dot.dim());
        assertEquals("tensor(32.)", dot.toString());
        Tensor m = Tensor.arange(6, DType.FLOAT32).reshape(3, 2);
        Tensor row = x.matmul(m);                 // (3) @ (3, 2): prepended 1 removed
        assertArrayEquals(new long[]{2}, row.shape());
        assertArrayEquals(new float[]{16, 22}, row.toFloatArray());
        Tensor batch = Tensor.arange(12, DType.FLOAT32).reshape(2, 3, 2);
        assertArrayEquals(new long[]{2, 2}, x.matmul(batch).shape());     // (3) @ (2, 3, 2)
        assertArrayEquals(new long[]{2, 3}, batch.matmul(Tensor.ones(2)).shape()); // (2, 3, 2) @ (2)
        assertArrayEquals(new float[]{1, 5, 9, 13, 17, 21}, batch.matmul(Tensor.ones(2)).toFloatArray());
    }

    @Test
    void batchedShapesBroadcastLikePyTorch() {
        // the examples of torch.matmul's documentation
        assertArrayEquals(new long[]{10, 3, 5}, Tensor.randn(10, 3, 4).matmul(Tensor.randn(10, 4, 5)).shape());
        assertArrayEquals(new long[]{10, 3, 5}, Tensor.randn(10, 3, 4).matmul(Tensor.randn(4, 5)).shape());
        assertArrayEquals(new long[]{10, 3}, Tensor.randn(10, 3, 4).matmul(Tensor.randn(4)).shape());
        assertArrayEquals(new long[]{10, 5, 3, 5}, Tensor.randn(10, 1, 3, 4).matmul(Tensor.randn(5, 4, 5)).shape());
        assertArrayEquals(new long[]{2, 3, 5}, Tensor.randn(3, 4).matmul(Tensor.randn(2, 4, 5)).shape());
    }

    @Test
    void integerProductsAreExactAndWrapLikeCpuPyTorch() {
        Tensor a = Tensor.arange(6).reshape(2, 3);
        Tensor b = Tensor.arange(6).reshape(3, 2);
        Tensor c = a.mm(b);
        assertEquals(DType.INT64, c.dtype());
        assertEquals("tensor([[10, 13],\n        [28, 40]])", c.toString());
        Tensor big = Tensor.of(new int[][]{{1 << 30, 1 << 30}});
        Tensor two = Tensor.of(new int[][]{{2}, {2}});
        assertEquals(0, big.mm(two).intValue(), "int32 accumulates in int32: 2^32 wraps to 0");
        assertEquals(DType.INT32, Tensor.of(new int[]{1, 2}).matmul(Tensor.of(new int[]{3, 4})).dtype());
        assertEquals(11, Tensor.of(new int[]{1, 2}).matmul(Tensor.of(new int[]{3, 4})).intValue());
    }

    @Test
    void errorsUsePyTorchMessages() {
        Tensor f23 = Tensor.ones(2, 3);
        assertMessage("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)", () -> f23.mm(Tensor.ones(4, 5)));
        assertMessage("self must be a matrix", () -> Tensor.ones(3).mm(Tensor.ones(3, 2)));
        assertMessage("mat2 must be a matrix", () -> f23.mm(Tensor.ones(3)));
        assertMessage("expected m1 and m2 to have the same dtype, but got: float != double",
                () -> f23.mm(Tensor.ones(DType.FLOAT64, 3, 2)));
        assertMessage("expected m1 and m2 to have the same dtype, but got: long int != float",
                () -> Tensor.arange(6).reshape(2, 3).matmul(Tensor.ones(3, 2)));
        assertMessage("\"addmm_impl_cpu_\" not implemented for 'Bool'",
                () -> Tensor.of(new boolean[][]{{true}}).mm(Tensor.of(new boolean[][]{{true}})));
        assertMessage("size mismatch, got input (3), mat (3x4), vec (5)", () -> Tensor.ones(3, 4).mv(Tensor.ones(5)));
        assertMessage("vector + matrix @ vector expected, got 1, 3, 1", () -> Tensor.ones(2, 3, 4).mv(Tensor.ones(4)));
        assertMessage("vector + matrix @ vector expected, got 1, 2, 2", () -> Tensor.ones(3, 4).mv(Tensor.ones(4, 1)));
        assertMessage("addmv input tensors must have the same dtype, but got Double, Float, and Double",
                () -> Tensor.ones(3, 4).mv(Tensor.ones(DType.FLOAT64, 4)));
        assertMessage("both arguments to matmul need to be at least 1D, but they are 0D and 2D",
                () -> Tensor.scalar(1.0).matmul(f23));
        assertMessage("inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, "
                + "but got 3 and 4 elements respectively", () -> Tensor.ones(3).matmul(Tensor.ones(4)));
        assertMessage("dot : expected both vectors to have same dtype, but found Float and Double",
                () -> Tensor.ones(3).matmul(Tensor.ones(DType.FLOAT64, 3)));
        assertMessage("mat1 and mat2 shapes cannot be multiplied (1x3 and 4x2)", () -> Tensor.ones(3).matmul(Tensor.ones(4, 2)));
        assertMessage("size mismatch, got input (2), mat (2x3), vec (4)", () -> f23.matmul(Tensor.ones(4)));
        // a contiguous 3-D left operand is folded into one mm, as PyTorch does
        assertMessage("mat1 and mat2 shapes cannot be multiplied (8x3 and 4x5)", () -> Tensor.ones(2, 4, 3).matmul(Tensor.ones(4, 5)));
        assertMessage("Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [2, 5].",
                () -> Tensor.ones(3, 4).matmul(Tensor.ones(2, 5, 6)));
        assertMessage("The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0",
                () -> Tensor.ones(2, 3, 4).matmul(Tensor.ones(3, 4, 5)));
        assertMessage("Expected out tensor to have dtype float, but got double instead",
                () -> f23.mm(Tensor.ones(3, 2), Tensor.zeros(DType.FLOAT64, 2, 2)));
        assertThrows(IndexOutOfBoundsException.class, () -> Tensor.scalar(1.0).mv(Tensor.ones(1)));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void emptyDimensions() {
        assertArrayEquals(new long[]{0, 5}, Tensor.ones(0, 3).mm(Tensor.ones(3, 5)).shape());
        Tensor z = Tensor.ones(4, 0).mm(Tensor.ones(0, 5));
        assertArrayEquals(new float[20], z.toFloatArray(), "K = 0 gives zeros");
        assertEquals(0f, Tensor.ones(0).matmul(Tensor.ones(0)).floatValue());
        assertArrayEquals(new long[]{2, 0, 5}, Tensor.ones(2, 0, 3).matmul(Tensor.ones(2, 3, 5)).shape());
        assertArrayEquals(new float[6], Tensor.ones(2, 3, 0).matmul(Tensor.ones(0, 1)).toFloatArray());
    }

    @Test
    void outFormsWriteInPlaceAndAliasingIsSafe() {
        Tensor a = Tensor.randn(20, 30);
        Tensor b = Tensor.randn(30, 20);
        Tensor want = a.mm(b);
        Tensor out = Tensor.empty(20, 20);
        int v = out.version();
        assertSame(out, a.mm(b, out));
        assertEquals(v + 1, out.version());
        assertArrayEquals(want.toFloatArray(), out.toFloatArray());
        // out is one of the inputs: computed aside, then copied in
        Tensor sq = Tensor.randn(20, 20);
        Tensor sqWant = sq.mm(sq);
        sq.mm(sq.clone(), sq);
        assertArrayEquals(sqWant.toFloatArray(), sq.toFloatArray());
        assertMessage("Expected out tensor to have shape [20, 20], but got [20, 21] (out= tensors are not resized)",
                () -> a.mm(b, Tensor.empty(20, 21)));
        Tensor mvOut = Tensor.empty(20);
        assertSame(mvOut, a.mv(Tensor.ones(30), mvOut));
        Tensor batchOut = Tensor.empty(3, 20, 20);
        Tensor batchA = Tensor.randn(3, 20, 30);
        assertSame(batchOut, batchA.matmul(b, batchOut));
        assertArrayEquals(batchA.matmul(b).toFloatArray(), batchOut.toFloatArray());
    }

    @Test
    @Tag("steady-state") // waits for C2 in a JVM of its own (engine/pom.xml), once per CI run
    void mmOutAllocatesNothingOnTheHeap() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Tensor a = Tensor.randn(64, 96);
        Tensor b = Tensor.randn(96, 80);
        Tensor out = Tensor.empty(64, 80);
        Tensor big = Tensor.randn(200, 200);
        Tensor bigOut = Tensor.empty(200, 200);
        // until C2 has compiled every kernel involved (vectors are heap objects before), then none at all
        long allocated = Long.MAX_VALUE;
        int round = 0;
        for (long end = System.nanoTime() + 60_000_000_000L; allocated > 0 && System.nanoTime() < end; round++) {
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 50; i++) {
                a.mm(b, out);
                big.mm(big, bigOut);
            }
            allocated = bean.getCurrentThreadAllocatedBytes() - before;
        }
        assertTrue(allocated < 1024, "mm(b, out) allocated " + allocated + " bytes in 100 calls");
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        int threads = Engine.threads();
        try {
            // row shares, column shares (7 x 1000), blocks shared by threads (10 x 200: too thin to split), shares of direct products (256 x 10, 90^3);
            // B column-major and row-major (packed by panel and by row: threads split the panels of a shared block)
            for (int[] s : new int[][]{{150, 130, 200}, {7, 1000, 300}, {300, 5, 700}, {257, 255, 129}, {10, 200, 1000}, {256, 10, 256}, {90, 90, 90},
                    {10, 200, 1000, 1}, {150, 130, 200, 1}}) {
                Tensor a = Tensor.randn(s[0], s[2]);
                Tensor b = s.length > 3 ? Tensor.randn(s[2], s[1]) : Tensor.randn(s[2], s[1]).t().contiguous().t();
                Engine.setThreads(1);
                float[] one = a.mm(b).toFloatArray();
                float[] mvOne = a.mv(b.select(1, 0)).toFloatArray();
                Engine.setThreads(2);
                assertArrayEquals(one, a.mm(b).toFloatArray());
                assertArrayEquals(mvOne, a.mv(b.select(1, 0)).toFloatArray());
                Engine.setThreads(3);
                assertArrayEquals(one, a.mm(b).toFloatArray());
            }
            Tensor batch = Tensor.randn(40, 30, 50);
            Tensor w = Tensor.randn(40, 50, 20);
            Engine.setThreads(1);
            float[] one = batch.matmul(w).toFloatArray();
            Engine.setThreads(2);
            assertArrayEquals(one, batch.matmul(w).toFloatArray());
        } finally {
            Engine.setThreads(threads);
        }
    }

    @Test
    void everyTileShapeMatchesTheReference() {
        // the kernels this machine does not choose (6x2 for 16 registers) are tested through Gemm directly
        Random r = new Random(7);
        GemmKernel[] kernels = {GemmF32x6x4.INSTANCE, GemmF32x6x2.INSTANCE, GemmF32x12x1.INSTANCE,
            GemmF64x6x4.INSTANCE, GemmF64x6x2.INSTANCE, GemmF64x12x1.INSTANCE};
        for (GemmKernel kern : kernels) {
            if (!Species.VECTORIZE) {
                return;
            }
            DType type = kern.bytes() == 8 ? DType.FLOAT64 : DType.FLOAT32;
            for (int[] s : new int[][]{{1, 1, 1}, {6, 64, 3}, {13, 70, 300}, {100, 33, 600}, {5, 3, 2}}) {
                int m = s[0];
                int n = s[1];
                int k = s[2];
                double[] av = MatmulCheck.values(m * k, type, r);
                double[] bv = MatmulCheck.values(k * n, type, r);
                Tensor a = Tensor.of(av).to(type).reshape(m, k);
                Tensor b = Tensor.of(bv).to(type).reshape(k, n);
                Tensor c = Tensor.empty(type, m, n);
                int bytes = kern.bytes();
                Gemm.gemm(kern, m, n, k, a.segment(), 0, (long) k * bytes, bytes, b.segment(), 0, (long) n * bytes, bytes,
                        c.segment(), 0, (long) n * bytes, bytes);
                double[] abs = new double[m * n];
                double[] want = MatmulCheck.reference(av, bv, m, n, k, abs);
                MatmulCheck.assertWithinBound(want, abs, c.toDoubleArray(), k, type, kern.getClass().getSimpleName() + " " + m + "x" + n + "x" + k);
            }
        }
    }

    @Test
    void largeProductsMatchTheReference() {
        // past the direct path, several KC and NC blocks, threads on
        Random r = new Random(3);
        for (DType type : new DType[]{DType.FLOAT32, DType.FLOAT64}) {
            int m = 301;
            int n = 1100;
            int k = 530;
            double[] av = MatmulCheck.values(m * k, type, r);
            double[] bv = MatmulCheck.values(k * n, type, r);
            Tensor a = MatmulCheck.matrix(av, m, k, type, MatmulCheck.Layout.TRANSPOSED);
            Tensor b = MatmulCheck.matrix(bv, k, n, type, MatmulCheck.Layout.CONTIGUOUS);
            double[] abs = new double[m * n];
            double[] want = MatmulCheck.reference(av, bv, m, n, k, abs);
            MatmulCheck.assertWithinBound(want, abs, a.mm(b).toDoubleArray(), k, type, type + " 301x1100x530");
        }
    }

    @Test
    void thinProductsReadAInPlaceAndMatchTheReference() {
        // past the direct path with one B panel per column group (A read in place, its last
        // partial strip packed), narrow and full-panel widths, every A layout, one and two threads
        Random r = new Random(11);
        int threads = Engine.threads();
        try (Scope scope = Scope.open()) {
            for (int[] s : new int[][]{{301, 13, 700}, {100, 40, 700}, {97, 64, 300}, {257, 10, 530}}) {
                for (DType type : new DType[]{DType.FLOAT32, DType.FLOAT64}) {
                    for (MatmulCheck.Layout layout : MatmulCheck.Layout.values()) {
                        int m = s[0];
                        int n = s[1];
                        int k = s[2];
                        double[] av = MatmulCheck.values(m * k, type, r);
                        double[] bv = MatmulCheck.values(k * n, type, r);
                        Tensor a = MatmulCheck.matrix(av, m, k, type, layout);
                        Tensor b = MatmulCheck.matrix(bv, k, n, type, MatmulCheck.Layout.CONTIGUOUS);
                        double[] abs = new double[m * n];
                        double[] want = MatmulCheck.reference(av, bv, m, n, k, abs);
                        Engine.setThreads(1);
                        double[] one = a.mm(b).toDoubleArray();
                        Engine.setThreads(2);
                        double[] two = a.mm(b).toDoubleArray();
                        String what = type + " " + layout + " " + m + "x" + n + "x" + k;
                        MatmulCheck.assertWithinBound(want, abs, one, k, type, what);
                        assertArrayEquals(one, two, what + ": 1 and 2 threads differ");
                    }
                }
            }
        } finally {
            Engine.setThreads(threads);
        }
    }
}
