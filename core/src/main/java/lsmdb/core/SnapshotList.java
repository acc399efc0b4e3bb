package lsmdb.core;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Live snapshots, so compaction knows which versions a reader can still ask for.
 *
 * <p>A doubly linked list threaded through the snapshots themselves, under this object's monitor: a statement's
 * snapshot links and unlinks without allocating and in a few dozen bytecodes (a concurrent set made a node per
 * snapshot and a large compile unit at every new reader thread). The sequence is read inside the monitor, so the
 * list stays in ascending order, and a compaction that copied the list before a snapshot joined it started from a
 * version whose writes all lie at or below that snapshot's sequence: it drops nothing the snapshot can see.
 */
final class SnapshotList {

    private final LongSupplier lastSequence;
    /** Sentinel of the circular list: {@code head.next} is the oldest snapshot, {@code head.prev} the newest. */
    private final Snapshot head = new Snapshot(0, null);
    private int size;

    SnapshotList(LongSupplier lastSequence) {
        this.lastSequence = lastSequence;
        head.prev = head;
        head.next = head;
    }

    /** A snapshot at the last committed sequence, registered until it is closed. */
    synchronized Snapshot acquire() {
        Snapshot s = new Snapshot(lastSequence.getAsLong(), this);
        Snapshot newest = head.prev;
        s.prev = newest;
        s.next = head;
        newest.next = s;
        head.prev = s;
        size++;
        return s;
    }

    synchronized void release(Snapshot s) {
        if (s.next == null) {
            return; // already unlinked
        }
        s.prev.next = s.next;
        s.next.prev = s.prev;
        s.prev = null;
        s.next = null;
        size--;
    }

    /** Sequences of live snapshots, ascending and distinct: a copy, safe to use while snapshots come and go. */
    synchronized long[] sequences() {
        long[] seqs = new long[size];
        int n = 0;
        for (Snapshot s = head.next; s != head; s = s.next) {
            if (n == 0 || seqs[n - 1] != s.sequence()) {
                seqs[n++] = s.sequence();
            }
        }
        return Arrays.copyOf(seqs, n);
    }

    synchronized int size() {
        return size;
    }
}
