package lsmdb.core.compaction;

import java.util.Arrays;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.version.Version;

/**
 * Moves a compaction's merged inputs over the entries it keeps, past those it drops ({@link CompactionJob}'s rules:
 * within a snapshot stripe only a user key's newest version; not a deletion in the oldest stripe that no deeper level
 * may answer; not an entry a newer range tombstone of its stripe covers), and tells the compaction loop where user
 * keys and partitions began on the way, for it to end outputs there.
 *
 * <p>{@link #skipDropped} is a compile unit of its own, above C2's inlining size ({@code CompileUnitBoundaryTest}):
 * a database loaded with new keys never meets an older version of a key, so C2 compiles the dropping side as a trap,
 * and the first compaction after the keys are updated takes it. When this walk sat in the compaction loop, that threw
 * away the compiled loop (0.2-0.4 s of C2's one thread, twice, in the read phase that followed the jdbc suite's
 * updates: JFR); here the trap recompiles this method alone.
 */
final class KeptEntries {
    private final InternalIterator it;
    private final CompactionJob job;
    private final Version version;
    private final int outputLevel;
    private final boolean anyTombstones;
    private final int partitionPrefix;
    /** The user key of the entry last looked at, kept or dropped (the iterator's key buffer changes as it moves). */
    private byte[] currentUserKey = new byte[64];
    private int currentUserKeyLength = -1;
    private int lastStripe = -1;
    /** Whether a user key, or a partition, began between the entry handed out before and this one. */
    private boolean userKeyBegan;
    private boolean partitionBegan;
    private long dropped;

    KeptEntries(InternalIterator it, CompactionJob job, Version version, int outputLevel, int partitionPrefix) {
        this.it = it;
        this.job = job;
        this.version = version;
        this.outputLevel = outputLevel;
        this.anyTombstones = !version.tombstones().isEmpty();
        this.partitionPrefix = partitionPrefix;
    }

    void seekToFirst() {
        it.seekToFirst();
        skipDropped();
    }

    void next() {
        it.next();
        skipDropped();
    }

    boolean isValid() {
        return it.isValid();
    }

    /**
     * Whether an output of {@code outputBytes} ends before this entry: only where a user key begins (no user key
     * spans two tables of a level), once it reached {@code targetBytes} or when a partition begins (a table never
     * spans two partitions, see {@code Options#partitionPrefixLength}). Non-short-circuit: no branch that only a
     * snapshot's older versions take.
     */
    boolean endsOutput(long outputBytes, long targetBytes) {
        return userKeyBegan & (outputBytes >= targetBytes | partitionBegan);
    }

    long dropped() {
        return dropped;
    }

    /** Moves to the first entry from here on that the compaction keeps, noting the boundaries it passes. */
    private void skipDropped() {
        boolean keyBegan = false;
        boolean partition = false;
        for (; it.isValid(); it.next()) {
            byte[] key = it.keyBuffer();
            int keyLength = it.keyLength();
            int userLength = keyLength - InternalKey.TRAILER_SIZE;
            boolean newUserKey = currentUserKeyLength < 0
                    || !Arrays.equals(key, 0, userLength, currentUserKey, 0, currentUserKeyLength);
            if (newUserKey) {
                // Partitions are ranges of the key order: one began between two entries if it began between any
                // two neighbours in between, dropped or not.
                partition |= partitionPrefix > 0 && currentUserKeyLength >= 0
                        && !CompactionJob.samePrefix(key, userLength, currentUserKey, currentUserKeyLength,
                                partitionPrefix);
                if (currentUserKey.length < userLength) {
                    currentUserKey = new byte[Math.max(userLength, currentUserKey.length * 2)];
                }
                System.arraycopy(key, 0, currentUserKey, 0, userLength);
                currentUserKeyLength = userLength;
                lastStripe = -1;
                keyBegan = true;
            }
            long seq = InternalKey.trailer(key, 0, keyLength) >>> 8;
            int stripe = job.stripeOf(seq);
            boolean drop;
            if (stripe == lastStripe) {
                drop = true; // an older version in the stripe of a newer one
            } else {
                lastStripe = stripe;
                boolean deletion = key[keyLength - 1] == InternalKey.KIND_DELETE;
                if (anyTombstones || (deletion && stripe == 0)) {
                    byte[] userKey = Arrays.copyOf(key, userLength);
                    drop = (anyTombstones && job.hiddenByRangeTombstone(userKey, seq, stripe))
                            || (deletion && stripe == 0 && !version.mayExistBelow(outputLevel, userKey));
                } else {
                    drop = false;
                }
            }
            if (!drop) {
                break;
            }
            dropped++;
        }
        userKeyBegan = keyBegan;
        partitionBegan = partition;
    }
}
