package lsmdb.core.format;

import java.io.Closeable;

/**
 * A positioned cursor over sorted entries keyed by internal key (see {@link lsmdb.core.format.InternalKey}).
 * Memtables, blocks, tables, levels and the merge of all of them implement it.
 *
 * <p>I/O errors and corruption surface as {@link java.io.UncheckedIOException} (corruption as one wrapping a
 * {@link lsmdb.core.CorruptionException}). Not thread-safe.
 */
public interface InternalIterator extends Closeable {

    boolean isValid();

    void seekToFirst();

    void seekToLast();

    /** Positions at the first entry whose key is {@code >= target} (internal-key order). */
    void seek(byte[] target);

    /**
     * REQUIRES: {@link #isValid()}. Moves to the next entry and answers {@link #isValid()}: a merge steps a child and
     * learns whether it ran out in one call.
     */
    boolean next();

    /** REQUIRES: {@link #isValid()}. */
    void prev();

    /** REQUIRES: {@link #isValid()}. The internal key; callers must not modify it. */
    byte[] key();

    /** REQUIRES: {@link #isValid()}. Callers must not modify it. */
    byte[] value();

    /**
     * REQUIRES: {@link #isValid()}. The current key in {@code keyBuffer()[0, keyLength())}, valid until the iterator
     * moves: no copy is made, so merges and compactions compare and copy keys without allocating.
     */
    default byte[] keyBuffer() {
        return key();
    }

    /** REQUIRES: {@link #isValid()}. See {@link #keyBuffer()}. */
    default int keyLength() {
        return key().length;
    }

    /**
     * This iterator's key slot, the same object for its whole life: whenever the iterator is valid, the slot holds
     * {@link #keyBuffer()} and {@link #keyLength()} (as of its last move).
     */
    KeySlot keySlot();

    /** REQUIRES: {@link #isValid()}. */
    default int valueLength() {
        return value().length;
    }

    /** REQUIRES: {@link #isValid()}. Copies the value to {@code dst[offset, offset + valueLength())}, straight from its source. */
    default void copyValue(byte[] dst, int offset) {
        byte[] v = value();
        System.arraycopy(v, 0, dst, offset, v.length);
    }

    /**
     * Counting (see {@link ForwardCount}): moves forward past the current entry, which {@code count} has accounted
     * for already, accounting for each entry in turn. True when it stopped on an entry whose user key is at or past
     * {@link ForwardCount#limit()} (the iterator sits on it, not accounted for) or, with a value test, on the entry
     * found ({@link ForwardCount#found()}); false when it ran off the end (not valid). Blocks, tables, levels and merges override it to judge their entries in bulk.
     */
    default boolean countForward(ForwardCount count) {
        for (next(); isValid(); next()) {
            if (!count.accept(keyBuffer(), keyLength(), this)) {
                return true;
            }
        }
        return false;
    }

    @Override
    default void close() {
    }
}
