package lsmdb.core;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The read sequences of snapshots held in per-thread slots: a statement's snapshot registers and leaves with one
 * atomic write to a cache line its thread alone writes, where a shared list made both reader threads pass its lock
 * and its links between cores on every query (and a reader preempted holding the lock stalled the other).
 *
 * <p>A slot goes FREE, PENDING (claimed), the sequence, FREE. The claim is made before the sequence is read, and a
 * copy ({@link #copyInto}) waits out a PENDING slot: so a copy that finds a slot FREE was taken before the claim, and
 * the sequence read after it is at least the last sequence as of the copy. A compaction copies after choosing its
 * inputs, whose writes all lie at or below that last sequence: the snapshot can see the newest version of every key
 * the compaction reads, and the compaction keeps those. This is the guarantee the locked list gave.
 */
final class ReaderSlots {

    static final long FREE = -1;
    static final long PENDING = -2;
    private static final int SLOTS = 32;
    /** 16 longs = 128 bytes between slots (two lines, as adjacent-line prefetch pairs them); slot 0 starts past the
     * array's header, which every access reads for its bounds check. */
    private static final int SPACING = 16;

    private final AtomicLongArray cells = new AtomicLongArray((SLOTS + 1) * SPACING);

    ReaderSlots() {
        for (int i = 0; i < SLOTS; i++) {
            cells.set(index(i), FREE);
        }
    }

    private static int index(int slot) {
        return (slot + 1) * SPACING;
    }

    /** Claims this thread's slot: its number, or -1 when it is held (by another snapshot of this thread, or a
     * thread whose id shares the slot). The caller must {@link #publish} a sequence into it. */
    int claim() {
        int slot = (int) Thread.currentThread().getId() & (SLOTS - 1);
        return cells.compareAndSet(index(slot), FREE, PENDING) ? slot : -1;
    }

    /** The claimed slot's sequence, read after the claim. */
    void publish(int slot, long sequence) {
        cells.setRelease(index(slot), sequence);
    }

    /** Frees a slot: after the reads at its sequence, which a release store keeps before it. */
    void free(int slot) {
        cells.setRelease(index(slot), FREE);
    }

    /** Slots held (claimed or with a sequence). */
    int held() {
        int n = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (cells.get(index(i)) != FREE) {
                n++;
            }
        }
        return n;
    }

    /**
     * Appends the held slots' sequences to {@code out} from {@code n} on (growing it as need be), waiting for a
     * claimed slot's sequence; returns the array and sets {@code count[0]} to the new length.
     */
    long[] copyInto(long[] out, int n, int[] count) {
        for (int i = 0; i < SLOTS; i++) {
            long seq = cells.get(index(i));
            for (int spins = 0; seq == PENDING; spins++) {
                // a reader between its claim and its publish, a few instructions unless the OS preempted it
                if (spins < 100) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
                seq = cells.get(index(i));
            }
            if (seq != FREE) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, Math.max(8, n * 2));
                }
                out[n++] = seq;
            }
        }
        count[0] = n;
        return out;
    }
}
