package dev.vectorgrad.engine.kernel;

import dev.vectorgrad.engine.DType;
import dev.vectorgrad.engine.kernel.gen.UnaryF32;
import dev.vectorgrad.engine.kernel.gen.UnaryF64;
import dev.vectorgrad.engine.kernel.gen.UnaryI32;
import dev.vectorgrad.engine.kernel.gen.UnaryI64;

/** The elementwise unary ops, each with its generated kernel per dtype (null where none exists). */
public enum UnaryOp {
    NEG("neg"), ABS("abs"), EXP("exp"), LOG("log"), SQRT("sqrt"), RSQRT("rsqrt"), SIN("sin"), COS("cos"),
    TANH("tanh"), SIGMOID("sigmoid"), RECIPROCAL("reciprocal"), RELU("relu"), SIGN("sign"), FLOOR("floor"),
    CEIL("ceil"), ROUND("round"), CLAMP("clamp"), SQUARE("square"),
    /** The identity: strided same-dtype copies (see {@link Copy}). */
    COPY("copy");

    private final String opName;
    private final UnaryKernel[] kernels = new UnaryKernel[DType.values().length];

    UnaryOp(String opName) {
        this.opName = opName;
        kernels[DType.FLOAT32.ordinal()] = UnaryF32.of(opName);
        kernels[DType.FLOAT64.ordinal()] = UnaryF64.of(opName);
        kernels[DType.INT32.ordinal()] = UnaryI32.of(opName);
        kernels[DType.INT64.ordinal()] = UnaryI64.of(opName);
    }

    /** PyTorch's name of the op, for messages. */
    public String opName() {
        return opName;
    }

    public UnaryKernel kernel(DType dtype) {
        return kernels[dtype.ordinal()];
    }
}
