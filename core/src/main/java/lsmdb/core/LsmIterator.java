package lsmdb.core;

/**
 * A cursor over a consistent view (a snapshot) of the database's user keys, in unsigned-byte order.
 * It keeps the files it reads alive until closed. Not thread-safe. I/O errors and corruption surface as
 * {@link java.io.UncheckedIOException}.
 */
public interface LsmIterator extends AutoCloseable {

    boolean isValid();

    void seekToFirst();

    void seekToLast();

    /** Positions at the first key {@code >= key}. */
    void seek(byte[] key);

    /** REQUIRES: {@link #isValid()}. */
    void next();

    /** REQUIRES: {@link #isValid()}. */
    void prev();

    /** REQUIRES: {@link #isValid()}. */
    byte[] key();

    /** REQUIRES: {@link #isValid()}. */
    byte[] value();

    @Override
    void close();
}
