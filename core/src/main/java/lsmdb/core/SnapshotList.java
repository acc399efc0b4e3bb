package lsmdb.core;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Live snapshots, so compaction knows which versions a reader can still ask for.
 *
 * <p>A thread's snapshot is held in the thread's slot of {@link ReaderSlots} when the slot is free (a statement's
 * snapshot, the common case), taking no lock and writing no line another reader writes. Others go to a doubly
 * linked list threaded through the snapshots themselves, under this object's monitor: a snapshot links and unlinks
 * without allocating and in a few dozen bytecodes (a concurrent set made a node per snapshot and a large compile
 * unit at every new reader thread). The sequence is read inside the monitor, so the list stays in ascending order,
 * and a compaction that copied the list before a snapshot joined it started from a version whose writes all lie at
 * or below that snapshot's sequence: it drops nothing the snapshot can see. ReaderSlots gives slots the same.
 */
final class SnapshotList {

    private final LongSupplier lastSequence;
    /** Sentinel of the circular list: {@code head.next} is the oldest snapshot, {@code head.prev} the newest. */
    private final Snapshot head = new Snapshot(0, null, -1);
    private final ReaderSlots slots = new ReaderSlots();
    private int size;

    SnapshotList(LongSupplier lastSequence) {
        this.lastSequence = lastSequence;
        head.prev = head;
        head.next = head;
    }

    /** A snapshot at the last committed sequence, registered until it is closed. */
    Snapshot acquire() {
        int slot = slots.claim();
        if (slot < 0) {
            return acquireListed();
        }
        long sequence = lastSequence.getAsLong(); // after the claim: see ReaderSlots
        slots.publish(slot, sequence);
        return new Snapshot(sequence, this, slot);
    }

    private synchronized Snapshot acquireListed() {
        Snapshot s = new Snapshot(lastSequence.getAsLong(), this, -1);
        Snapshot newest = head.prev;
        s.prev = newest;
        s.next = head;
        newest.next = s;
        head.prev = s;
        size++;
        return s;
    }

    void release(Snapshot s) {
        int slot = s.leaveSlot();
        if (slot >= 0) {
            slots.free(slot);
        } else {
            unlink(s);
        }
    }

    private synchronized void unlink(Snapshot s) {
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
    long[] sequences() {
        long[] seqs;
        int[] count = new int[1];
        synchronized (this) {
            seqs = new long[size + 8];
            for (Snapshot s = head.next; s != head; s = s.next) {
                seqs[count[0]++] = s.sequence();
            }
        }
        seqs = slots.copyInto(seqs, count[0], count);
        Arrays.sort(seqs, 0, count[0]);
        int n = 0;
        for (int i = 0; i < count[0]; i++) {
            if (n == 0 || seqs[n - 1] != seqs[i]) {
                seqs[n++] = seqs[i];
            }
        }
        return Arrays.copyOf(seqs, n);
    }

    int size() {
        int listed;
        synchronized (this) {
            listed = size;
        }
        return listed + slots.held();
    }
}
