package dev.vectorgrad.bench;

import dev.vectorgrad.bench.limit.Limit;
import dev.vectorgrad.bench.report.Sizes;

/** One limit probe run: a ceiling kind, the operand bytes (memory kinds) and the thread count. */
public record LimitCase(Limit.Kind kind, long bytes, int threads) {

    @Override
    public String toString() {
        return switch (kind) {
            case FMA -> "fma peak " + threads + "T";
            case KERNEL -> "micro-kernel in L1 " + threads + "T";
            case COPY -> "copy " + Sizes.bytes(bytes) + " " + threads + "T";
            case COPY_LOOP -> "copy loop " + Sizes.bytes(bytes) + " " + threads + "T";
            case READ -> "read " + Sizes.bytes(bytes) + " " + threads + "T";
        };
    }
}
