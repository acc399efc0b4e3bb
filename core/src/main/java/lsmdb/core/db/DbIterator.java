package lsmdb.core.db;

import java.util.Arrays;
import lsmdb.core.LsmIterator;
import lsmdb.core.format.ForwardCount;
import lsmdb.core.format.InternalKey;
import lsmdb.core.iterator.MergingIterator;
import lsmdb.core.version.RangeTombstones;

/**
 * The user's view of a merged internal iterator (LevelDB's DBIter): one entry per user key, its newest version
 * visible at {@code readSequence}, with deleted keys (point or range) hidden and the bounds {@code [from, to)}
 * applied.
 *
 * <p>Moving forward, the internal iterator sits on the newest visible entry of the current key. Moving backward, it
 * sits just before all entries of the current key, whose key and value are kept in {@code savedKey/savedValue}.
 */
public final class DbIterator implements LsmIterator {

    private final MergingIterator iter;
    private final long readSequence;
    private final byte[] from;
    private final byte[] to;
    private final RangeTombstones tombstones;
    private Runnable onClose;

    private final boolean noTombstones;

    private boolean valid;
    private boolean forward = true;
    private byte[] savedKey;
    private byte[] savedValue;
    /** Going forward: the user key to step past, in {@code skip[0, skipLength)}; reused so steps allocate nothing. */
    private byte[] skip = new byte[32];
    private int skipLength;
    /** Going forward: the current user key once {@link #key()} has copied it, null until then. */
    private byte[] currentKey;

    public DbIterator(MergingIterator merged, long readSequence, byte[] from, byte[] to, RangeTombstones tombstones,
                      Runnable onClose) {
        this.iter = merged;
        this.readSequence = readSequence;
        this.from = from;
        this.to = to;
        this.tombstones = tombstones;
        this.onClose = onClose;
        this.noTombstones = tombstones.isEmpty();
    }

    @Override
    public boolean isValid() {
        return valid;
    }

    @Override
    public void seekToFirst() {
        if (from != null) {
            seek(from);
            return;
        }
        forward = true;
        iter.seekToFirst();
        findNextUserEntry(false);
    }

    @Override
    public void seekToLast() {
        forward = false;
        if (to != null) {
            iter.seek(InternalKey.forSeek(to, InternalKey.MAX_SEQUENCE));
            if (iter.isValid()) {
                iter.prev();
            } else {
                iter.seekToLast();
            }
        } else {
            iter.seekToLast();
        }
        findPrevUserEntry();
    }

    @Override
    public void seek(byte[] key) {
        forward = true;
        byte[] target = from != null && Arrays.compareUnsigned(key, from) < 0 ? from : key;
        iter.seek(InternalKey.forSeek(target, readSequence));
        findNextUserEntry(false);
    }

    @Override
    public void next() {
        requireValid();
        if (!forward) {
            // The internal iterator is before the current key's entries: step onto them, then past them.
            forward = true;
            setSkip(savedKey, savedKey.length);
            if (iter.isValid()) {
                iter.next();
            } else {
                iter.seekToFirst();
            }
        } else {
            setSkip(iter.keyBuffer(), iter.keyLength() - InternalKey.TRAILER_SIZE);
            iter.nextInCursor();
        }
        findNextUserEntry(true);
    }

    @Override
    public void prev() {
        requireValid();
        if (forward) {
            // Walk back to before every entry of the current key.
            savedKey = InternalKey.userKey(iter.key());
            do {
                iter.prev();
            } while (iter.isValid() && InternalKey.compareUserKey(iter.key(), savedKey) >= 0);
            forward = false;
        }
        findPrevUserEntry();
    }

    @Override
    public byte[] key() {
        requireValid();
        if (!forward) {
            return savedKey;
        }
        if (currentKey == null) {
            currentKey = Arrays.copyOf(iter.keyBuffer(), iter.keyLength() - InternalKey.TRAILER_SIZE);
        }
        return currentKey;
    }

    @Override
    public int keyLength() {
        requireValid();
        return forward ? iter.keyLength() - InternalKey.TRAILER_SIZE : savedKey.length;
    }

    /** Going forward, copies from the merged iterator's key buffer: the key is not copied out twice. */
    @Override
    public void copyKey(byte[] dst, int offset) {
        requireValid();
        if (forward) {
            System.arraycopy(iter.keyBuffer(), 0, dst, offset, iter.keyLength() - InternalKey.TRAILER_SIZE);
        } else {
            System.arraycopy(savedKey, 0, dst, offset, savedKey.length);
        }
    }

    @Override
    public byte[] value() {
        requireValid();
        return forward ? iter.valueInCursor() : savedValue;
    }

    @Override
    public int valueLength() {
        requireValid();
        return forward ? iter.valueLengthInCursor() : savedValue.length;
    }

    @Override
    public void copyValue(byte[] dst, int offset) {
        requireValid();
        if (forward) {
            iter.copyValueInCursor(dst, offset);
        } else {
            System.arraycopy(savedValue, 0, dst, offset, savedValue.length);
        }
    }

    /**
     * Going forward with no range tombstones, the merged iterator counts in bulk (see {@link ForwardCount}): blocks
     * judge their entries from headers and keys in place, and no user key is copied.
     */
    @Override
    public long countRest(Runnable checkpoint) {
        if (!valid || !forward || !noTombstones) {
            return LsmIterator.super.countRest(checkpoint);
        }
        ForwardCount count = new ForwardCount(readSequence, to, checkpoint);
        count.start(iter.keyBuffer(), iter.keyLength());
        valid = false;
        currentKey = null;
        iter.countForward(count);
        return count.count();
    }

    /** As {@link #countRest}, the merged iterator searching in bulk for the first value that passes. */
    @Override
    public boolean seekMatching(ForwardCount.ValueTest test, Runnable checkpoint) {
        if (!valid || !forward || !noTombstones) {
            return LsmIterator.super.seekMatching(test, checkpoint);
        }
        ForwardCount search = new ForwardCount(readSequence, to, checkpoint, test);
        int n = iter.valueLengthInCursor();
        byte[] v = search.scratch(n);
        iter.copyValueInCursor(v, 0);
        if (test.test(v, n)) {
            return true;
        }
        search.start(iter.keyBuffer(), iter.keyLength());
        currentKey = null;
        iter.countForward(search);
        valid = search.found();
        return valid;
    }

    @Override
    public void close() {
        try {
            iter.close();
        } finally {
            if (onClose != null) {
                Runnable r = onClose;
                onClose = null;
                r.run();
            }
        }
    }

    /**
     * Moves forward to the newest visible live entry of a user key after the one in {@link #skip} (when
     * {@code skipping}). Reads keys in place in the internal iterator's buffer: a step copies nothing.
     */
    private void findNextUserEntry(boolean skipping) {
        currentKey = null;
        while (iter.isValid()) {
            byte[] ik = iter.keyBuffer();
            int userLength = iter.keyLength() - InternalKey.TRAILER_SIZE;
            if (to != null && Arrays.compareUnsigned(ik, 0, userLength, to, 0, to.length) >= 0) {
                break;
            }
            long trailer = InternalKey.trailer(ik, 0, userLength + InternalKey.TRAILER_SIZE);
            long seq = trailer >>> 8;
            if (seq <= readSequence && (!skipping || !isSkipped(ik, userLength))) {
                if ((byte) trailer == InternalKey.KIND_PUT && (noTombstones
                        || !tombstones.covers(Arrays.copyOf(ik, userLength), seq, readSequence))) {
                    valid = true;
                    return;
                }
                setSkip(ik, userLength); // deleted: every older version is hidden too
                skipping = true;
            }
            iter.nextInCursor();
        }
        valid = false;
    }

    /**
     * Whether {@code key[0, n)} is the user key in {@link #skip}. Compared by the JDK's vectorised equality, the
     * route the compaction and table builder already compile: a byte loop of its own had branches whose outcome
     * depends on the data (a scan whose keys end alike), and a query first taking one deoptimised the scan.
     */
    private boolean isSkipped(byte[] key, int n) {
        return Arrays.equals(key, 0, n, skip, 0, skipLength);
    }

    /** Remembers {@code key[0, n)} (a user key, or the user-key part of an internal key) as the one to step past. */
    private void setSkip(byte[] key, int n) {
        if (skip.length < n) {
            skip = new byte[Math.max(n, skip.length * 2)];
        }
        System.arraycopy(key, 0, skip, 0, n);
        skipLength = n;
    }

    /** Moves backward to the previous user key whose newest visible version is live, keeping it in saved*. */
    private void findPrevUserEntry() {
        boolean found = false;
        while (iter.isValid()) {
            byte[] ik = iter.key();
            if (from != null && InternalKey.compareUserKey(ik, from) < 0) {
                break;
            }
            long seq = InternalKey.sequence(ik);
            if (seq <= readSequence) {
                if (found && InternalKey.compareUserKey(ik, savedKey) < 0) {
                    break; // an older key: the saved one is complete
                }
                byte[] userKey = InternalKey.userKey(ik);
                if (InternalKey.kind(ik) == InternalKey.KIND_PUT && !tombstones.covers(userKey, seq, readSequence)) {
                    savedKey = userKey;
                    savedValue = iter.valueInCursor();
                    found = true;
                } else {
                    if (found && Arrays.equals(userKey, savedKey)) {
                        found = false; // a newer deletion hides the version saved so far
                    }
                    savedKey = userKey;
                    savedValue = null;
                }
            }
            iter.prev();
        }
        if (!found) {
            valid = false;
            forward = true;
            return;
        }
        valid = true;
    }


    private void requireValid() {
        if (!valid) {
            throw new IllegalStateException("iterator is not positioned on an entry");
        }
    }
}
