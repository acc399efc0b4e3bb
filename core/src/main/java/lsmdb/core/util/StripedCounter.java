package lsmdb.core.util;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A counter that threads bump on stripes of their own, each on its own cache line, so readers pinning the same
 * object from different cores do not pass one line back and forth. Unlike {@link java.util.concurrent.atomic.LongAdder}
 * a thread always uses the same stripe, and an increment is a full fence (it is a volatile read-modify-write), which
 * the pinning protocols of {@code Version} and {@code Table} rely on.
 *
 * <p>{@link #sum()} is not a snapshot; it is exact for a protocol in which every increment that matters happens
 * before the sum starts (a stripe may go negative when a thread releases what another took).
 */
public final class StripedCounter {

    private static final int STRIPES = 8;
    /** 16 longs = 128 bytes between stripes: two cache lines, as adjacent-line prefetch pairs them. */
    private static final int SPACING = 16;

    /**
     * Stripe i at cell (i + 1) * SPACING: the first stripe starts a spacing past the array's header, whose length
     * every access reads for its bounds check (at cell 0 a thread's writes took that line from every other reader).
     */
    private final AtomicLongArray cells = new AtomicLongArray((STRIPES + 1) * SPACING);

    private static int cell() {
        return (((int) Thread.currentThread().getId() & (STRIPES - 1)) + 1) * SPACING;
    }

    public void increment() {
        cells.getAndIncrement(cell());
    }

    public void decrement() {
        cells.getAndDecrement(cell());
    }

    public long sum() {
        long n = 0;
        for (int i = 1; i <= STRIPES; i++) {
            n += cells.get(i * SPACING);
        }
        return n;
    }
}
