package lsmdb.core;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live snapshots, so compaction knows which versions a reader can still ask for.
 *
 * <p>Taken and released by every statement that reads twice, from many threads at once, and read rarely (by a
 * compaction): so it takes no lock. Each snapshot is its own entry in a concurrent set, where different snapshots
 * land in different bins and threads do not contend; the sorted sequences are computed only when asked for.
 */
final class SnapshotList {

    private final Set<Snapshot> live = ConcurrentHashMap.newKeySet();

    Snapshot acquire(long sequence) {
        Snapshot s = new Snapshot(sequence, this);
        live.add(s);
        return s;
    }

    void release(Snapshot s) {
        live.remove(s);
    }

    /** Sequences of live snapshots, ascending and distinct: a copy, safe to use while snapshots come and go. */
    long[] sequences() {
        long[] seqs = live.stream().mapToLong(Snapshot::sequence).toArray();
        Arrays.sort(seqs);
        int n = 0;
        for (int i = 0; i < seqs.length; i++) {
            if (n == 0 || seqs[n - 1] != seqs[i]) {
                seqs[n++] = seqs[i];
            }
        }
        return Arrays.copyOf(seqs, n);
    }

    int size() {
        return live.size();
    }
}
