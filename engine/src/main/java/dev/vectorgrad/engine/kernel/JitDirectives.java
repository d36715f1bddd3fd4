package dev.vectorgrad.engine.kernel;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps the GEMM micro-kernels away from C1. Their 24 vector accumulators exceed C1's virtual
 * register budget at the profiling tier ("out of virtual registers"), but not at the limited
 * tier: when the C2 queue is long, HotSpot compiles such a method at tier 2, cannot move it to
 * tier 3, and never reaches C2, leaving the kernel boxed at about 1 GFLOP/s for the life of the
 * JVM. Excluding them from C1 (a compiler directive, as {@code jcmd Compiler.directives_add} adds)
 * sends them from the interpreter straight to C2. The edge-tile loaders are excluded too: one,
 * deoptimized while the C2 queue was long (a new kernel class loaded invalidates its inlining),
 * was recompiled at tier 2 and stayed there, boxing its vectors on every call (16 MB of heap per
 * 200x200 product in MatmulTest). The packing loops keep C1: excluding every method of the class
 * made a 1024^3 product's warm-up seconds longer.
 *
 * <p>{@code -Dvectorgrad.jitDirectives=false} skips this.
 */
final class JitDirectives {
    private static final String DIRECTIVES = """
            [ { match: ["dev/vectorgrad/engine/kernel/gen/GemmF*.micro*", "dev/vectorgrad/engine/kernel/gen/GemmF*.direct*",
                        "dev/vectorgrad/engine/kernel/gen/GemmF*.tile*"],
                c1: { Exclude: true } } ]
            """;
    private static boolean installed;

    private JitDirectives() {
    }

    /** Installs the directive once; true when HotSpot accepted it. */
    static synchronized boolean install() {
        if (installed || !Boolean.parseBoolean(System.getProperty("vectorgrad.jitDirectives", "true"))) {
            return installed;
        }
        Path file = null;
        try {
            file = Files.createTempFile("vectorgrad-jit", ".json");
            Files.writeString(file, DIRECTIVES);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
            server.invoke(name, "compilerDirectivesAdd", new Object[]{new String[]{file.toString()}},
                    new String[]{String[].class.getName()});
            installed = true;
        } catch (Exception | LinkageError e) {
            // not HotSpot, or no management: the kernels still run, only their warm-up is at risk
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (Exception ignored) {
                    // a temp file left behind
                }
            }
        }
        return installed;
    }
}
