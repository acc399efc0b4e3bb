package lsmdb.core;

import java.util.TreeMap;

/** Live snapshots by sequence, so compaction knows the oldest version any reader can still ask for. */
final class SnapshotList {

    private final TreeMap<Long, Integer> counts = new TreeMap<>();
    private int size;

    synchronized Snapshot acquire(long sequence) {
        counts.merge(sequence, 1, Integer::sum);
        size++;
        return new Snapshot(sequence, this);
    }

    synchronized void release(Snapshot s) {
        counts.computeIfPresent(s.sequence(), (k, v) -> v == 1 ? null : v - 1);
        size--;
    }

    /** Sequences of live snapshots, ascending, as an array safe to use without the lock. */
    synchronized long[] sequences() {
        return counts.keySet().stream().mapToLong(Long::longValue).toArray();
    }

    synchronized int size() {
        return size;
    }
}
