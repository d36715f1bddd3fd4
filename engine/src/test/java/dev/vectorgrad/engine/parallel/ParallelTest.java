package dev.vectorgrad.engine.parallel;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Parallel.range: every chunk runs once, with the bounds its index gives, whatever the thread count. */
class ParallelTest {

    @Property(tries = 60)
    void everyChunkRunsExactlyOnceWithItsBounds(@ForAll @LongRange(min = 0, max = 3_000_000) long n,
                                                @ForAll @IntRange(min = 1, max = 100_000) int grain,
                                                @ForAll @IntRange(min = 1, max = 5) int threads) {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(threads);
            for (int repeat = 0; repeat < 3; repeat++) {
                int chunks = Parallel.chunkCount(n, grain);
                long size = Parallel.chunkSize(n, grain);
                AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(chunks, 1));
                AtomicLong covered = new AtomicLong();
                Parallel.range(n, grain, (chunk, start, end) -> {
                    runs.incrementAndGet(chunk);
                    assertEquals(chunk * size, start);
                    assertEquals(Math.min(n, (chunk + 1) * size), end);
                    covered.addAndGet(end - start);
                });
                for (int c = 0; c < chunks; c++) {
                    assertEquals(1, runs.get(c), "chunk " + c + " of " + chunks);
                }
                assertEquals(n, covered.get());
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void callersOnSeveralThreadsAtOnceEachGetAllTheirChunks() throws Exception {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(3);
            Thread[] callers = new Thread[4];
            Throwable[] failures = new Throwable[callers.length];
            for (int t = 0; t < callers.length; t++) {
                int id = t;
                callers[t] = new Thread(() -> {
                    try {
                        for (int i = 0; i < 200; i++) {
                            long n = 100_000L + 977L * (i + id);
                            AtomicLong sum = new AtomicLong();
                            Parallel.range(n, 1000, (chunk, start, end) -> sum.addAndGet(end - start));
                            assertEquals(n, sum.get());
                        }
                    } catch (Throwable e) {
                        failures[id] = e;
                    }
                });
                callers[t].start();
            }
            for (Thread c : callers) {
                c.join();
            }
            for (Throwable f : failures) {
                if (f != null) {
                    throw new AssertionError(f);
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void aChunksExceptionReachesTheCallerAndThePoolStaysUsable() {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(2);
            IllegalStateException boom = new IllegalStateException("boom");
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> Parallel.range(1 << 20, 1 << 12, (chunk, start, end) -> {
                        if (chunk == 37) {
                            throw boom;
                        }
                    }));
            assertSame(boom, thrown);
            AtomicLong sum = new AtomicLong();
            Parallel.range(1 << 20, 1 << 12, (chunk, start, end) -> sum.addAndGet(end - start));
            assertEquals(1 << 20, sum.get());
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void aThreadCountBelowOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
        assertEquals("thread count must be at least 1, got 0", e.getMessage());
    }
}
