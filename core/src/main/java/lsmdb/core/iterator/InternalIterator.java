package lsmdb.core.iterator;

import java.io.Closeable;

/**
 * A positioned cursor over sorted entries keyed by internal key (see {@link lsmdb.core.memtable.InternalKey}).
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

    /** REQUIRES: {@link #isValid()}. */
    void next();

    /** REQUIRES: {@link #isValid()}. */
    void prev();

    /** REQUIRES: {@link #isValid()}. The internal key; callers must not modify it. */
    byte[] key();

    /** REQUIRES: {@link #isValid()}. Callers must not modify it. */
    byte[] value();

    @Override
    default void close() {
    }
}
