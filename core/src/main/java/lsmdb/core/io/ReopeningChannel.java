package lsmdb.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A file channel that an interrupt cannot take away. A {@link FileChannel} closes itself when a thread using it is
 * interrupted (and fails everyone else's calls on it from then on), and the engine does its I/O on the caller's
 * thread: a commit's leader writes the log, a table is read by the query's thread. One interrupted commit would
 * otherwise leave the log closed and the database refusing writes until reopened. Here a call that meets a channel
 * closed under it opens the file again, repeats itself (positional writes and reads repeat safely; the caller's
 * buffer is put back first) and leaves the interrupt flag as it found it. Only {@link #close} closes for good.
 */
final class ReopeningChannel implements Closeable {
    private final Path path;
    private final OpenOption[] reopenOptions;
    private volatile FileChannel channel;
    private volatile boolean closed;

    private ReopeningChannel(Path path, FileChannel channel, OpenOption[] reopenOptions) {
        this.path = path;
        this.channel = channel;
        this.reopenOptions = reopenOptions;
    }

    /** Opens {@code path}; a reopening uses the same options except those that create or truncate. */
    static ReopeningChannel open(Path path, OpenOption... options) throws IOException {
        return over(path, FileChannel.open(path, options), options);
    }

    /** {@code channel}, already open on {@code path} with {@code options} (tests pass channels of their own). */
    static ReopeningChannel over(Path path, FileChannel channel, OpenOption... options) {
        OpenOption[] again = Arrays.stream(options)
                .filter(o -> o != StandardOpenOption.CREATE && o != StandardOpenOption.CREATE_NEW
                        && o != StandardOpenOption.TRUNCATE_EXISTING)
                .toArray(OpenOption[]::new);
        return new ReopeningChannel(path, channel, again);
    }

    /** {@link FileChannel#write(ByteBuffer, long)}. */
    int write(ByteBuffer src, long position) throws IOException {
        return positional(FileChannel::write, src, position);
    }

    /** {@link FileChannel#read(ByteBuffer, long)}. */
    int read(ByteBuffer dst, long position) throws IOException {
        return positional(FileChannel::read, dst, position);
    }

    /** {@link FileChannel#force}: on any descriptor of the file, it makes the file's written data durable. */
    void force(boolean metaData) throws IOException {
        call(metaData ? FORCE_ALL : FORCE_DATA); // constants: a log's every sync comes here
    }

    private static final Call<Void> FORCE_DATA = c -> {
        c.force(false);
        return null;
    };
    private static final Call<Void> FORCE_ALL = c -> {
        c.force(true);
        return null;
    };

    /** {@link FileChannel#size}. */
    long size() throws IOException {
        return call(FileChannel::size);
    }

    /** {@link FileChannel#truncate}. */
    void truncate(long size) throws IOException {
        call(c -> c.truncate(size));
    }

    /** {@link FileChannel#map}; the mapping outlives any closing of the channel. */
    MappedByteBuffer map(FileChannel.MapMode mode, long position, long size) throws IOException {
        return call(c -> c.map(mode, position, size));
    }

    /** A positional read or write: non-capturing, so the per-operation calls allocate nothing. */
    private interface Positional {
        int run(FileChannel c, ByteBuffer buffer, long position) throws IOException;
    }

    private interface Call<T> {
        T run(FileChannel c) throws IOException;
    }

    /** Runs {@code op} until no interrupt closes the channel under it, the buffer put back before each repeat. */
    private int positional(Positional op, ByteBuffer buffer, long position) throws IOException {
        int start = buffer.position();
        boolean interrupted = false;
        try {
            while (true) {
                FileChannel c = channel;
                try {
                    return op.run(c, buffer, position);
                } catch (ClosedChannelException e) {
                    interrupted |= reopen(c, e);
                    buffer.position(start);
                }
            }
        } finally {
            restore(interrupted);
        }
    }

    /** Runs {@code op} until no interrupt closes the channel under it. */
    private <T> T call(Call<T> op) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                FileChannel c = channel;
                try {
                    return op.run(c);
                } catch (ClosedChannelException e) {
                    interrupted |= reopen(c, e);
                }
            }
        } finally {
            restore(interrupted);
        }
    }

    boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        synchronized (this) {
            channel.close();
        }
    }

    /**
     * Replaces {@code failed}, which an interrupt closed (this thread's or another's), with a new descriptor; rethrows
     * {@code e} when {@link #close} closed it. Answers whether this thread was interrupted, clearing the flag so that
     * the repeated call runs (the caller sets it again when done).
     */
    private boolean reopen(FileChannel failed, ClosedChannelException e) throws IOException {
        boolean interrupted = Thread.interrupted();
        synchronized (this) {
            try {
                if (closed) {
                    throw e;
                }
                if (channel == failed) {
                    failed.close();
                    channel = FileChannel.open(path, reopenOptions);
                }
            } catch (IOException | RuntimeException failure) {
                restore(interrupted);
                throw failure;
            }
        }
        return interrupted;
    }

    /** Sets this thread's interrupt flag again if {@code interrupted} (a flag held back around I/O). */
    static void restore(boolean interrupted) {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
