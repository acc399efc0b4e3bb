package lsmdb.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A consistent point-in-time view: reads at a snapshot see exactly the writes committed before it was taken,
 * across flushes and compactions, until it is closed. Compaction keeps what a live snapshot can still see.
 */
public final class Snapshot implements AutoCloseable {

    private static final VarHandle SLOT;

    static {
        try {
            SLOT = MethodHandles.lookup().findVarHandle(Snapshot.class, "slot", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long sequence;
    /** The list it is registered in; null for a conflict-check mark, which compaction does not know of. */
    private final SnapshotList owner;
    private volatile boolean closed;
    /** The owner's {@link ReaderSlots} slot holding this snapshot, or -1 (in the owner's list, or left). */
    private int slot;
    /** Neighbours in the owner's list, guarded by the owner's monitor; null once unlinked (or never linked). */
    Snapshot prev;
    Snapshot next;

    Snapshot(long sequence, SnapshotList owner, int slot) {
        this.sequence = sequence;
        this.owner = owner;
        this.slot = slot;
    }

    /** Sequence {@code sequence} as the read point of a conflict check only: nothing reads at it. */
    static Snapshot mark(long sequence) {
        return new Snapshot(sequence, null, -1);
    }

    /** The slot this snapshot held, once (-1 after that, or if it held none): a second release frees nothing. */
    int leaveSlot() {
        return (int) SLOT.getAndSet(this, -1);
    }


    /** The last sequence number visible at this snapshot. */
    public long sequence() {
        return sequence;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (owner != null) {
                owner.release(this);
            }
        }
    }

    @Override
    public String toString() {
        return "Snapshot@" + sequence;
    }
}
