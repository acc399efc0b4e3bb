package lsmdb.core.util;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The life of a shared, immutable object (a version, an open table): counted references taken by its owners, plus
 * pins taken by readers on stripes of their own ({@link StripedCounter}), so readers on different threads do not
 * contend for one counter. It dies, running {@code onDeath} exactly once, when both reach zero.
 *
 * <p>A pin is counted before the references are read, and the last {@link #release()} drops the references before
 * it sums the pins: so either the reader sees the object dead and backs out, or the sum sees its pin.
 */
public final class PinnedRefCount {

    /** Starts at 1: the creator's reference. */
    private final AtomicInteger refs = new AtomicInteger(1);
    private final StripedCounter pins = new StripedCounter();
    private final AtomicBoolean dead = new AtomicBoolean();
    private final Runnable onDeath;

    public PinnedRefCount(Runnable onDeath) {
        this.onDeath = onDeath;
    }

    /** Takes a reference unless the object is already dead; the caller must {@link #release()} it. */
    public boolean retain() {
        for (;;) {
            int r = refs.get();
            if (r <= 0) {
                return false;
            }
            if (refs.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }

    public void release() {
        if (refs.decrementAndGet() == 0) {
            dieIfUnpinned();
        }
    }

    /** A reader's reference, unless the object is already dead; the caller must {@link #unpin()} it (any thread). */
    public boolean tryPin() {
        pins.increment();
        if (refs.get() > 0) {
            return true;
        }
        unpin();
        return false;
    }

    public void unpin() {
        pins.decrement();
        if (refs.get() <= 0) {
            dieIfUnpinned();
        }
    }

    private void dieIfUnpinned() {
        if (pins.sum() == 0 && dead.compareAndSet(false, true)) {
            onDeath.run();
        }
    }
}
