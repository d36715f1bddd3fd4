import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dtype conversions between the numeric dtypes ({@code Tensor.to}, and copies between dtypes):
 * one method per (from, to) pair, each a plain loop over one row with the pair's Java cast as a
 * constant. Every pair's cast is PyTorch's one rounding step: a float source goes through its
 * own value ((int) of a float equals (int) of its double), an integral one straight to the
 * target (int64 to float32 rounds once). Contiguous rows use an int-counted loop that C2's
 * SuperWord vectorizes; strided rows a long-counted one. Bool stays with DType.convert.
 */
public final class ConvertFamily implements KernelGen.Family {
    @Override
    public Map<String, String> render() {
        StringBuilder methods = new StringBuilder();
        StringBuilder cases = new StringBuilder();
        for (KernelGen.Type from : KernelGen.NUMERIC) {
            StringBuilder inner = new StringBuilder();
            for (KernelGen.Type to : KernelGen.NUMERIC) {
                if (from == to) {
                    continue;
                }
                String name = from.suffix().toLowerCase() + "To" + to.suffix();
                methods.append(KernelGen.fill("""

                            /** {{FROM}} to {{TO}}, n elements. */
                            static void {{name}}(MemorySegment dst, long d, long ds, MemorySegment src, long s, long ss, long n) {
                                if (ds == {{toBytes}} && ss == {{fromBytes}}) {
                                    for (long done = 0; done < n; ) {
                                        int len = (int) Math.min(n - done, 1 << 20);
                                        long dd = d + done * {{toBytes}};
                                        long sd = s + done * {{fromBytes}};
                                        for (int i = 0; i < len; i++) {
                                            dst.set({{toL}}, dd + (long) i * {{toBytes}}, ({{toPrim}}) src.get({{fromL}}, sd + (long) i * {{fromBytes}}));
                                        }
                                        done += len;
                                    }
                                    return;
                                }
                                for (long i = 0; i < n; i++, d += ds, s += ss) {
                                    dst.set({{toL}}, d, ({{toPrim}}) src.get({{fromL}}, s));
                                }
                            }
                        """, "FROM", from.dtype(), "TO", to.dtype(), "name", name, "toBytes", to.bytes(),
                        "fromBytes", from.bytes(), "toL", to.layout(), "fromL", from.layout(), "toPrim", to.prim()));
                inner.append(KernelGen.fill("""
                                            case {{TO}} -> {{name}}(dst, d, ds, src, s, ss, n);
                        """, "TO", to.dtype(), "name", name));
            }
            cases.append(KernelGen.fill("""
                                case {{FROM}} -> {
                                    switch (to) {
                    {{inner}}                    default -> {
                                            return false;
                                        }
                                    }
                                }
                    """, "FROM", from.dtype(), "inner", inner));
        }
        String source = KernelGen.header("""
                import dev.vectorgrad.engine.DType;

                import java.lang.foreign.MemorySegment;
                import java.lang.foreign.ValueLayout;

                """) + KernelGen.fill("""
                /** Row conversions between numeric dtypes: one loop per (from, to) pair. */
                public final class Convert {
                    private Convert() {
                    }

                    /**
                     * Converts n elements of dtype {@code from} at src + s, stepping ss bytes,
                     * into dtype {@code to} at dst + d, stepping ds bytes; false for a pair it has no loop
                     * for (bool, or equal dtypes).
                     */
                    public static boolean row(DType from, DType to, MemorySegment dst, long d, long ds,
                                              MemorySegment src, long s, long ss, long n) {
                        switch (from) {
                {{cases}}            default -> {
                                return false;
                            }
                        }
                        return true;
                    }
                {{methods}}}
                """, "cases", cases, "methods", methods);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Convert", source);
        return out;
    }
}
