package lsmdb.core.util;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * Reusable scratch objects, one per slot, a thread taking the slot its id picks: a hot path's per-thread scratch
 * without a {@link ThreadLocal}. A thread-local's first read on a new thread takes a branch (its map misses) that the
 * profile of a long-running thread never saw, so every compiled method that inlined the read trapped there and was
 * recompiled in a new thread's first call (each benchmark phase's workers). Here the slots are filled when the pool is
 * made, so a new thread finds its scratch like an old one; only two threads taking one slot at once (ids that
 * coincide modulo the slot count) make one of them a fresh object.
 *
 * <p>{@link #take()} empties the slot and {@link #give} refills it, so an object is never used by two threads at once.
 */
public final class ScratchPool<T> {

    private static final int SLOTS = 16;
    /** 16 references (64 bytes with compressed references, 128 without) between slots: each on a cache line of its own. */
    private static final int SPACING = 16;

    /** Slot i at (i + 1) * SPACING: clear of the array's header, read by every access's bounds check (see
     * {@link StripedCounter}). */
    private final AtomicReferenceArray<T> slots = new AtomicReferenceArray<>((SLOTS + 1) * SPACING);
    private final Supplier<T> factory;

    public ScratchPool(Supplier<T> factory) {
        this.factory = factory;
        for (int i = 1; i <= SLOTS; i++) {
            slots.set(i * SPACING, factory.get());
        }
    }

    /** This thread's scratch, for it alone until it {@link #give}s it back. */
    public T take() {
        T s = slots.getAndSet(slot(), null);
        return s != null ? s : factory.get();
    }

    /** Returns {@code s}, from {@link #take()} on this thread, for the thread's next take. */
    public void give(T s) {
        slots.lazySet(slot(), s);
    }

    private static int slot() {
        return (((int) Thread.currentThread().getId() & (SLOTS - 1)) + 1) * SPACING;
    }
}
