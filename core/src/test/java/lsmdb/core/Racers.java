package lsmdb.core;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Threads racing through the same work for a while: the first failure is the test's, with how far they got. */
public final class Racers {

    /** One step of a racer; {@code thread} is its index. */
    public interface Step {
        void run(int thread) throws Exception;
    }

    private Racers() {
    }

    /** Runs {@code step} on {@code threads} threads until {@code millis} have passed; the steps done by all of them. */
    public static long race(int threads, long millis, Step step) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong steps = new AtomicLong();
        long deadline = System.nanoTime() + millis * 1_000_000L;
        Thread[] racers = new Thread[threads];
        for (int r = 0; r < threads; r++) {
            int index = r;
            racers[r] = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline && failure.get() == null) {
                        step.run(index);
                        steps.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            racers[r].start();
        }
        for (Thread t : racers) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("after " + steps.get() + " steps", failure.get());
        }
        return steps.get();
    }
}
