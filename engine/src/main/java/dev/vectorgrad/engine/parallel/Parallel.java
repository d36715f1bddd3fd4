package dev.vectorgrad.engine.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Splits a range [0, n) into chunks and runs them on a fixed pool of worker threads plus the
 * caller. Chunk boundaries depend on n and the grain alone, never on the thread count, so a
 * reduction that combines per-chunk partials in chunk order gives bitwise the same result on 1,
 * 2 or 8 threads. One job runs at a time; a caller that finds the pool busy runs its chunks
 * itself (same chunks, same result).
 */
public final class Parallel {
    /** Work on one chunk. Reused objects (not capturing lambdas) keep hot calls free of allocation. */
    public interface Body {
        void run(int chunk, long start, long end);
    }

    /** At most this many chunks: enough for load balance on many cores, few enough to stay cheap. */
    public static final int MAX_CHUNKS = 64;
    /** Chunk sizes are multiples of this many elements: whole cache lines and vectors. */
    private static final long ALIGN = 64;

    private static final ReentrantLock SUBMIT = new ReentrantLock();
    private static volatile Pool pool;
    private static volatile int threads = Runtime.getRuntime().availableProcessors();

    private Parallel() {
    }

    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + n);
        }
        threads = n;
    }

    public static int threads() {
        return threads;
    }

    /** The chunk size for n elements: at least the grain, and at most {@link #MAX_CHUNKS} chunks. */
    public static long chunkSize(long n, long grain) {
        long byCount = (n + MAX_CHUNKS - 1) / MAX_CHUNKS;
        long size = Math.max(Math.max(grain, 1), byCount);
        return (size + ALIGN - 1) / ALIGN * ALIGN;
    }

    public static int chunkCount(long n, long grain) {
        return n == 0 ? 0 : (int) ((n + chunkSize(n, grain) - 1) / chunkSize(n, grain));
    }

    /** Runs {@code body} over every chunk of [0, n); returns when all are done. */
    public static void range(long n, long grain, Body body) {
        int chunks = chunkCount(n, grain);
        if (chunks == 0) {
            return;
        }
        long size = chunkSize(n, grain);
        int t = threads;
        if (chunks == 1 || t == 1 || !SUBMIT.tryLock()) {
            for (int c = 0; c < chunks; c++) {
                body.run(c, c * size, Math.min(n, (c + 1) * size));
            }
            return;
        }
        try {
            Pool p = pool;
            if (p == null || p.workers.length != t - 1) {
                if (p != null) {
                    p.shutdown();
                }
                p = new Pool(t - 1);
                pool = p;
            }
            p.run(body, n, size, chunks);
        } finally {
            SUBMIT.unlock();
        }
    }

    /**
     * How long a waiting thread spins before it parks. A parked thread sleeps at least the kernel's
     * timer slack (50 us on Linux) and waits for a wake-up on top, longer than a whole op on
     * 64K elements; a training step runs such ops back to back, so both the caller waiting for
     * the last chunk and a worker waiting for the next job spin through gaps this short.
     */
    private static final long SPIN_NANOS = 200_000;

    /**
     * Worker threads that wait for a job by spinning, then parking. Each thread (the caller is
     * thread 0) first runs its own contiguous block of the chunks, in order, then takes what is
     * left of the others' blocks. Splitting the same range the same way every time keeps data on
     * the core that last wrote it: an elementwise op after a product whose row shares the same
     * threads computed finds its half of the rows in its own L2. On this machine's two cores,
     * reading the other core's L2 is slow; with this split the MLP training step on 2 threads went
     * from 1.10x to 0.88-0.96x libtorch's time (interleaved runs). An op that writes lines both
     * cores read last (p.add_(g) after a product that packed p on both) still pays for it.
     */
    private static final class Pool {
        /** A block's counter every PAD longs: counters of different threads on different cache lines. */
        private static final int PAD = 8;
        final Thread[] workers;
        final int participants;
        /** Per block: the job's generation (high 32 bits) and next unclaimed chunk (low 32), so a late worker cannot claim a newer job's chunk with an older job's fields. */
        final AtomicLongArray next;
        final AtomicInteger done = new AtomicInteger();
        volatile Body body;
        volatile long n;
        volatile long size;
        volatile int chunks;
        volatile int generation;
        volatile boolean stopped;
        volatile Throwable failure;

        Pool(int count) {
            workers = new Thread[count];
            participants = count + 1;
            next = new AtomicLongArray(participants * PAD);
            for (int i = 0; i < count; i++) {
                int self = i + 1;
                Thread w = new Thread(() -> work(self), "vectorgrad-worker-" + i);
                w.setDaemon(true);
                workers[i] = w;
                w.start();
            }
        }

        /** The first chunk of thread {@code p}'s block ({@code p == participants}: the end). */
        private int blockStart(int p, int chunkCount) {
            return (int) ((long) chunkCount * p / participants);
        }

        void run(Body job, long total, long chunkSize, int chunkCount) {
            int gen = generation + 1;
            body = job;
            n = total;
            size = chunkSize;
            chunks = chunkCount;
            failure = null;
            done.set(0);
            for (int p = 0; p < participants; p++) {
                next.set(p * PAD, (long) gen << 32 | blockStart(p, chunkCount));
            }
            generation = gen; // publishes the fields above
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
            claimChunks(gen, 0);
            // the other chunks are at most one chunk's work away: spin, then yield, never park
            long start = System.nanoTime();
            for (int spins = 0; done.get() < chunkCount; spins++) {
                if ((spins & 63) != 0 || System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            body = null;
            Throwable f = failure;
            if (f != null) {
                if (f instanceof RuntimeException r) {
                    throw r;
                }
                if (f instanceof Error e) {
                    throw e;
                }
                throw new IllegalStateException(f);
            }
        }

        /** Runs thread {@code self}'s block, then the rest of the others' blocks. */
        private void claimChunks(int gen, int self) {
            Body b = body;
            int count = chunks;
            long total = n;
            long s = size;
            for (int i = 0; i < participants; i++) {
                int block = (self + i) % participants;
                int end = blockStart(block + 1, count);
                for (int c; (c = claim(gen, block, end)) >= 0; ) {
                    try {
                        b.run(c, c * s, Math.min(total, (c + 1) * s));
                    } catch (Throwable e) {
                        failure = e;
                    } finally {
                        done.incrementAndGet();
                    }
                }
            }
        }

        private int claim(int gen, int block, int end) {
            while (true) {
                long v = next.get(block * PAD);
                int c = (int) v;
                if ((int) (v >>> 32) != gen || c >= end) {
                    return -1;
                }
                if (next.compareAndSet(block * PAD, v, v + 1)) {
                    return c;
                }
            }
        }

        private void work(int self) {
            int seen = 0;
            while (!stopped) {
                long idleSince = System.nanoTime();
                for (int spins = 0; generation == seen && !stopped; spins++) {
                    if ((spins & 63) != 0 || System.nanoTime() - idleSince < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.parkNanos(this, 1_000_000);
                    }
                }
                if (stopped) {
                    return;
                }
                seen = generation;
                claimChunks(seen, self);
            }
        }

        void shutdown() {
            stopped = true;
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
        }
    }
}
