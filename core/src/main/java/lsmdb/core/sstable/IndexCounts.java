package lsmdb.core.sstable;

import java.io.UncheckedIOException;
import java.util.Arrays;
import lsmdb.core.CorruptionException;
import lsmdb.core.format.ForwardCount;
import lsmdb.core.format.InternalKey;

/**
 * A {@link TableIterator}'s count (see {@link TableIterator#countForward}) answered from the index instead of the
 * blocks where the index can stand for them: a table whose index entries carry their blocks' entry counts
 * ({@link Table#countableEntries}) counts a block from its entry and the positions of the entries it starts or stops
 * at, without stepping through the entries between. Reads the cursors it is given; moves only the data cursor,
 * onto the entry where a count stops.
 */
final class IndexCounts {

    /** The block's entries are to be stepped through: the index's count cannot stand for them. */
    static final int STEP = 0;
    /** Counted to the block's end: none of its entries reaches the limit. */
    static final int RAN_OUT = 1;
    /** Counted up to the first entry at or past the limit, the data cursor standing on it. */
    static final int STOPPED = 2;

    private IndexCounts() {
    }

    /**
     * Counts the entries after {@code data}'s current one (accounted for already) in block {@code ordinal}, the
     * block {@code data} is over and {@code index} is on, from the index's count when it is countable at the
     * count's sequence: to its end when its last key lies below the limit ({@link #RAN_OUT}, the count standing on
     * that key); else up to the first entry at or past the limit, where it stops ({@link #STOPPED}, or
     * {@link #RAN_OUT} when there is none). {@link #STEP} when the index's count cannot stand for it: the block's
     * entries are then stepped through.
     */
    static int countByPosition(Table table, BlockIterator index, BlockIterator data, ForwardCount s, int ordinal) {
        int entries = table.countableEntries[ordinal];
        if (entries <= 0 || table.largestSequence > s.readSequence() || !index.isValid()) {
            return STEP;
        }
        int userLength = index.keyLength() - InternalKey.TRAILER_SIZE;
        if (userLength < 0 || data.keyLength() < InternalKey.TRAILER_SIZE
                || s.atLimit(data.keyBuffer(), 0, data.keyLength() - InternalKey.TRAILER_SIZE)) {
            return STEP; // the limit is the current key itself (a merge's runner-up holds a version of it)
        }
        int interval = table.restartInterval;
        int at = data.entryOrdinal(interval);
        if (at >= entries) {
            return STEP;
        }
        if (!s.atLimit(index.keyBuffer(), 0, userLength)) {
            int rest = entries - 1 - at;
            if (rest > 0) {
                s.leave(rest, rest, true, index.keyBuffer(), userLength);
            }
            return RAN_OUT;
        }
        data.seek(InternalKey.forSeek(Arrays.copyOf(s.limit(), s.limitLength()), InternalKey.MAX_SEQUENCE));
        int stop = data.entryOrdinal(interval);
        int between = stop - at - 1;
        if (between < 0 || stop > entries) {
            throw new UncheckedIOException(new CorruptionException(table.fileName + ": block count in the index"
                    + " does not match its block"));
        }
        s.stop(between, between);
        return data.isValid() ? STOPPED : RAN_OUT;
    }

    /**
     * Counts block {@code ordinal}, the one {@code index} is on, from its index entry when that can stand for
     * reading it: the index gives its entry count (each entry a put of its own user key, none of them the key
     * before the block), every entry is visible at the count's sequence, and its last key lies below the limit
     * (so no other source of a merge holds a key within it: the merge's runner-up is the limit). The count then
     * stands on the block's last user key, the index entry's, decided.
     */
    static boolean countUnread(Table table, BlockIterator index, ForwardCount s, int ordinal) {
        if (!index.isValid() || ordinal >= table.countableEntries.length) {
            return false;
        }
        int entries = table.countableEntries[ordinal];
        if (entries <= 0 || table.largestSequence > s.readSequence()) {
            return false;
        }
        int userLength = index.keyLength() - InternalKey.TRAILER_SIZE;
        if (userLength < 0 || s.atLimit(index.keyBuffer(), 0, userLength)) {
            return false;
        }
        s.leave(entries, entries, true, index.keyBuffer(), userLength);
        return true;
    }

    /** Whether every key of the block {@code index} is on lies below the count's limit (its separator does). */
    static boolean separatorBelow(BlockIterator index, ForwardCount s) {
        if (!index.isValid()) {
            return false;
        }
        int userLength = index.keyLength() - InternalKey.TRAILER_SIZE;
        return userLength >= 0 && !s.atLimit(index.keyBuffer(), 0, userLength);
    }
}
