import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elementwise unary kernels, out = f(a), for every numeric dtype. Each op gets a contiguous
 * vector loop (loopBound + scalar tail), a broadcast-input loop (stride 0: f once, then a vector
 * fill) and a strided scalar loop. Clamp reads its bounds from the kernel's p0 and p1.
 *
 * <p>The scalar expressions are the reference semantics (PyTorch's): the float32 transcendentals
 * are evaluated in double and rounded once, so the scalar fallback is as accurate as it can be;
 * the vector ones use the Vector API's lanewise ops (SVML/SLEEF stubs where C2 has them), which
 * UnaryAccuracyTest holds to 2 ulp.
 */
public final class UnaryFamily implements KernelGen.Family {
    /**
     * @param floatVector  the Vector API expression on {@code x} for floating dtypes (null: the op has no floating kernel)
     * @param floatScalar  the scalar expression on {@code x} for floating dtypes
     * @param intVector    the same for integral dtypes (null: the op has no integral kernel)
     * @param intScalar    the scalar expression for integral dtypes
     * @param bounded      whether the op reads bounds lo and hi from p0 and p1
     */
    record Op(String name, String floatVector, String floatScalar, String intVector, String intScalar, boolean bounded) {
        boolean has(KernelGen.Type t) {
            return t.floating() ? floatVector != null : intVector != null;
        }
    }

    private static final String LANE = "x.lanewise(VectorOperators.";

    static final List<Op> OPS = List.of(
            new Op("neg", "x.neg()", "-x", "x.neg()", "-x", false),
            new Op("abs", "x.abs()", "Math.abs(x)", "x.abs()", "Math.abs(x)", false),
            new Op("exp", LANE + "EXP)", "({{prim}}) Math.exp(x)", null, null, false),
            new Op("log", LANE + "LOG)", "({{prim}}) Math.log(x)", null, null, false),
            new Op("sqrt", "x.sqrt()", "({{prim}}) Math.sqrt(x)", null, null, false),
            // two roundings (sqrt, then the division), as PyTorch computes it: within 1 ulp
            new Op("rsqrt", "ONE.div(x.sqrt())", "1 / ({{prim}}) Math.sqrt(x)", null, null, false),
            new Op("sin", LANE + "SIN)", "({{prim}}) Math.sin(x)", null, null, false),
            new Op("cos", LANE + "COS)", "({{prim}}) Math.cos(x)", null, null, false),
            new Op("tanh", LANE + "TANH)", "({{prim}}) Math.tanh(x)", null, null, false),
            new Op("sigmoid", "sigmoid(x)", "sigmoid(x)", null, null, false),
            new Op("reciprocal", "ONE.div(x)", "1 / x", null, null, false),
            // std::max(x, 0): NaN and -0.0 pass through, as PyTorch's clamp_min(x, 0)
            new Op("relu", "x.blend(0, x.lt(({{prim}}) 0))", "x < 0 ? 0 : x", "x.max(0)", "Math.max(x, 0)", false),
            // (0 < x) - (x < 0): 0 for NaN and +0.0 for -0.0, as PyTorch's sign
            new Op("sign", "ZERO.blend(1, x.compare(VectorOperators.GT, 0)).blend(-1, x.lt(({{prim}}) 0))",
                    "x > 0 ? 1 : x < 0 ? -1 : 0",
                    "ZERO.blend(1, x.compare(VectorOperators.GT, 0)).blend(-1, x.lt(({{prim}}) 0))",
                    "x > 0 ? 1 : x < 0 ? -1 : 0", false),
            // integers are their own floor, ceil and round (PyTorch copies them)
            new Op("floor", "floor(x)", "({{prim}}) Math.floor(x)", "x", "x", false),
            new Op("ceil", "floor(x.neg()).neg()", "({{prim}}) Math.ceil(x)", "x", "x", false),
            new Op("round", "rint(x)", "({{prim}}) Math.rint(x)", "x", "x", false),
            new Op("clamp", "clamp(x, vlo, vhi)", "clamp(x, lo, hi)", "x.max(vlo).min(vhi)", "Math.min(Math.max(x, lo), hi)", true),
            new Op("square", "x.mul(x)", "x * x", "x.mul(x)", "x * x", false),
            // not a PyTorch op: the strided same-dtype copy (contiguous, clone, assign) runs on it,
            // so a transposed source goes through the tiled walk instead of element by element
            new Op("copy", "x", "x", "x", "x", false));

    private static final String CLASS = """
            /** Unary kernels for {{DTYPE}}: out = f(a) over byte offsets and strides. */
            public final class Unary{{T}} {
                private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
                private static final VectorSpecies<{{box}}> SP = {{SP}};
                private static final ValueLayout.Of{{layoutName}} L = {{L}};
                private static final {{Vec}} ZERO = {{Vec}}.zero(SP);
                private static final {{Vec}} ONE = {{Vec}}.broadcast(SP, 1);

                private Unary{{T}}() {
                }

                /** The kernel for an op, or null when the dtype has none. */
                public static UnaryKernel of(String op) {
                    return switch (op) {
            {{cases}}
                        default -> null;
                    };
                }

                /** n copies of v from byte offset oo (the input was one broadcast value). */
                private static void fill(MemorySegment o, long oo, {{prim}} v, long n) {
                    {{Vec}} vv = {{Vec}}.broadcast(SP, v);
                    long i = 0;
                    for (long bound = SP.loopBound(n); i < bound; i += SP.length()) {
                        vv.intoMemorySegment(o, oo + i * {{bytes}}, NATIVE);
                    }
                    for (; i < n; i++) {
                        o.set(L, oo + i * {{bytes}}, v);
                    }
                }
            {{helpers}}{{classes}}}
            """;

    /** Rounding, clamping and sigmoid for floating dtypes; {{mant}} is the number of fraction bits. */
    private static final String FLOAT_HELPERS = """

                /** 2^{{mant}}: from here up every {{prim}} is an integer. */
                private static final {{prim}} INTEGRAL = 0x1p{{mant}}{{lit}};

                /**
                 * Round half to even: |x| + 2^{{mant}} drops the fraction, rounding to nearest even
                 * (Java never reassociates the add and subtract); the sign goes back on afterwards,
                 * and zeros, large values, infinities and NaN are returned as they are.
                 */
                static {{Vec}} rint({{Vec}} x) {
                    {{Vec}} a = x.abs();
                    {{Vec}} r = a.add(INTEGRAL).sub(INTEGRAL);
                    r = r.blend(r.neg(), x.lt(({{prim}}) 0));
                    return x.blend(r, a.lt(INTEGRAL).and(x.compare(VectorOperators.NE, 0)));
                }

                /** rint, less one where it rounded up; ceil is -floor(-x), which keeps ceil(-0.5) = -0.0. */
                static {{Vec}} floor({{Vec}} x) {
                    {{Vec}} r = rint(x);
                    return r.blend(r.sub(1), r.compare(VectorOperators.GT, x));
                }

                /** std::min(std::max(x, lo), hi): NaN passes, -0.0 stays, lo > hi gives hi. */
                static {{Vec}} clamp({{Vec}} x, {{Vec}} lo, {{Vec}} hi) {
                    {{Vec}} y = x.blend(lo, x.lt(lo));
                    return y.blend(hi, y.compare(VectorOperators.GT, hi));
                }

                static {{prim}} clamp({{prim}} x, {{prim}} lo, {{prim}} hi) {
                    {{prim}} y = x < lo ? lo : x;
                    return hi < y ? hi : y;
                }

                /**
                 * 1 / (1 + e^-x) without overflow: with e = e^-|x| in (0, 1], n / (1 + e) where n is 1
                 * for x >= 0 and e for x < 0, so large negative x keeps its tiny (subnormal) result.
                 * Rounding 1 + e alone costs up to an ulp of the result (2.3 ulp in all, measured), so
                 * the quotient is corrected: c is the exact rounding error of d = 1 + e (Fast2Sum,
                 * as 1 >= e), r = n * (1 / d) has the exact remainder n - r * d (an fma), and
                 * n / (d + c) = r + (remainder - r * c) / d to well below an ulp.
                 */
                static {{Vec}} sigmoid({{Vec}} x) {
                    {{Vec}} e = x.abs().neg().lanewise(VectorOperators.EXP);
                    {{Vec}} d = e.add(1);
                    {{Vec}} c = ONE.sub(d).add(e);
                    {{Vec}} inv = ONE.div(d);
                    {{Vec}} n = ONE.blend(e, x.lt(({{prim}}) 0));
                    {{Vec}} r = n.mul(inv);
                    {{Vec}} remainder = r.neg().fma(d, n);
                    return remainder.sub(r.mul(c)).fma(inv, r);
                }

                static {{prim}} sigmoid({{prim}} x) {
            {{scalarSigmoid}}
                }
            """;

    /** float32: in double, where e^-x cannot overflow for any float x that matters, then one rounding. */
    private static final String SIGMOID_F32 = "        return (float) (1 / (1 + Math.exp(-(double) x)));";

    /** float64: the vector form, one lane at a time. */
    private static final String SIGMOID_F64 = """
                    double e = Math.exp(-Math.abs(x));
                    double d = 1 + e;
                    double c = (1 - d) + e;
                    double n = x < 0 ? e : 1;
                    double r = n / d;
                    return r + (Math.fma(-r, d, n) - r * c) / d;
            """.stripTrailing();

    private static final String OP_CLASS = """

                /** {{name}} for {{DTYPE}}. */
                static final class {{Op}} implements UnaryKernel {
                    static final {{Op}} INSTANCE = new {{Op}}();

                    @Override
                    public void run(MemorySegment o, long oo, long os, MemorySegment a, long ao, long as, long n, double p0, double p1) {
            {{bounds}}            if (Species.VECTORIZE && os == {{bytes}}) {
                            if (as == {{bytes}}) {
                                contiguous(o, oo, a, ao, n{{boundArgs}});
                                return;
                            }
                            if (as == 0) {
                                {{prim}} x = a.get(L, ao);
                                fill(o, oo, {{scalar}}, n);
                                return;
                            }
                        }
                        for (long i = 0; i < n; i++, oo += os, ao += as) {
                            {{prim}} x = a.get(L, ao);
                            o.set(L, oo, {{scalar}});
                        }
                    }

                    @Override
                    public void rows(MemorySegment o, long oo, long os, long op, MemorySegment a, long ao, long as, long ap, long n,
                                     long rows, double p0, double p1) {
            {{bounds}}            if (Species.VECTORIZE && os == {{bytes}} && as == {{bytes}}) {
                            for (long r = 0; r < rows; r++, oo += op, ao += ap) {
                                contiguous(o, oo, a, ao, n{{boundArgs}});
                            }
                            return;
                        }
                        UnaryKernel.super.rows(o, oo, os, op, a, ao, as, ap, n, rows, p0, p1);
                    }

                    private static void contiguous(MemorySegment o, long oo, MemorySegment a, long ao, long n{{boundParams}}) {
            {{vectorBounds}}            long i = 0;
                        for (long bound = SP.loopBound(n); i < bound; i += SP.length()) {
                            {{Vec}} x = {{Vec}}.fromMemorySegment(SP, a, ao + i * {{bytes}}, NATIVE);
                            {{vector}}.intoMemorySegment(o, oo + i * {{bytes}}, NATIVE);
                        }
                        for (; i < n; i++) {
                            {{prim}} x = a.get(L, ao + i * {{bytes}});
                            o.set(L, oo + i * {{bytes}}, {{scalar}});
                        }
                    }
                }
            """;

    @Override
    public Map<String, String> render() {
        Map<String, String> files = new LinkedHashMap<>();
        for (KernelGen.Type t : KernelGen.NUMERIC) {
            StringBuilder cases = new StringBuilder();
            StringBuilder classes = new StringBuilder();
            for (Op op : OPS) {
                if (op.has(t)) {
                    String opClass = KernelGen.camel(op.name());
                    cases.append("            case \"").append(op.name()).append("\" -> ").append(opClass).append(".INSTANCE;\n");
                    classes.append(renderOp(op, opClass, t));
                }
            }
            String layoutName = t.vector().replace("Vector", "");
            String helpers = t.floating() ? KernelGen.fill(FLOAT_HELPERS, KernelGen.concat(KernelGen.typeKeys(t),
                    "mant", t.bytes() == 4 ? 23 : 52, "lit", t.bytes() == 4 ? "f" : "",
                    "scalarSigmoid", t.bytes() == 4 ? SIGMOID_F32 : SIGMOID_F64)) : "";
            String body = KernelGen.fill(CLASS, KernelGen.concat(KernelGen.typeKeys(t),
                    "box", layoutName.equals("Int") ? "Integer" : layoutName, "layoutName", layoutName,
                    "cases", cases.toString().stripTrailing(), "helpers", helpers, "classes", classes.toString()));
            files.put("Unary" + t.suffix(), KernelGen.header("""
                    import dev.vectorgrad.engine.kernel.Species;
                    import dev.vectorgrad.engine.kernel.UnaryKernel;
                    import jdk.incubator.vector.*;

                    import java.lang.foreign.MemorySegment;
                    import java.lang.foreign.ValueLayout;
                    import java.nio.ByteOrder;

                    """) + body);
        }
        return files;
    }

    private static String renderOp(Op op, String opClass, KernelGen.Type t) {
        String scalar = t.floating() ? op.floatScalar() : op.intScalar();
        String vector = t.floating() ? op.floatVector() : op.intVector();
        // an int-valued expression (sign's ternary) widens to the element type where it is stored
        scalar = KernelGen.fill(scalar, "prim", t.prim());
        String bounds = "";
        String vectorBounds = "";
        String boundArgs = "";
        String boundParams = "";
        if (op.bounded()) {
            // floating kernels get the bounds as values; integral ones as the long's bits (exact for every int64)
            String decode = t.floating() ? "(" + t.prim() + ") p%d"
                    : (t.bytes() == 4 ? "(int) " : "") + "Double.doubleToRawLongBits(p%d)";
            bounds = "            " + t.prim() + " lo = " + decode.formatted(0) + ";\n"
                    + "            " + t.prim() + " hi = " + decode.formatted(1) + ";\n";
            vectorBounds = "            " + t.vector() + " vlo = " + t.vector() + ".broadcast(SP, lo);\n"
                    + "            " + t.vector() + " vhi = " + t.vector() + ".broadcast(SP, hi);\n";
            boundArgs = ", lo, hi";
            boundParams = ", " + t.prim() + " lo, " + t.prim() + " hi";
        }
        return KernelGen.fill(OP_CLASS, KernelGen.concat(KernelGen.typeKeys(t),
                "name", op.name(), "Op", opClass, "scalar", scalar, "vector", KernelGen.fill(vector, "prim", t.prim()),
                "bounds", bounds, "vectorBounds", vectorBounds, "boundArgs", boundArgs, "boundParams", boundParams));
    }
}
