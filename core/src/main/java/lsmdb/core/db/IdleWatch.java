package lsmdb.core.db;

import java.util.concurrent.locks.Condition;
import java.util.function.LongSupplier;

/**
 * Whether writes have gone idle: no commit for {@link CompactionScheduler#IDLE_NANOS}, judged from the last sequence
 * as it is seen to change. Each background thread keeps its own watch and asks it under the mutex.
 */
final class IdleWatch {

    private final LongSupplier lastSequence;
    /** The last sequence seen, and when it was first seen. */
    private long seenSequence = -1;
    private long seenAt;

    IdleWatch(LongSupplier lastSequence) {
        this.lastSequence = lastSequence;
    }

    /** Nanoseconds until writes count as idle; zero or less once they do. */
    long nanosUntilIdle() {
        long now = System.nanoTime();
        long sequence = lastSequence.getAsLong();
        if (sequence != seenSequence) {
            seenSequence = sequence;
            seenAt = now;
        }
        return seenAt + CompactionScheduler.IDLE_NANOS - now;
    }

    /** Starts the wait over, as if a write had just committed. */
    void restart() {
        seenAt = System.nanoTime();
    }

    /**
     * A background thread's timed wait on {@code condition} (its lock held). An interrupt is not kept: nothing
     * interrupts these threads (close sets shutting-down and signals), and a kept flag would make every later wait
     * return at once.
     */
    static void await(Condition condition, long nanos) {
        try {
            condition.awaitNanos(nanos);
        } catch (InterruptedException e) {
            // see above
        }
    }
}
