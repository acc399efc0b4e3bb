package lsmdb.core;

/**
 * A consistent point-in-time view: reads at a snapshot see exactly the writes committed before it was taken,
 * across flushes and compactions, until it is closed. Compaction keeps what a live snapshot can still see.
 */
public final class Snapshot implements AutoCloseable {

    private final long sequence;
    private final SnapshotList owner;
    private volatile boolean closed;

    Snapshot(long sequence, SnapshotList owner) {
        this.sequence = sequence;
        this.owner = owner;
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
            owner.release(this);
        }
    }

    @Override
    public String toString() {
        return "Snapshot@" + sequence;
    }
}
