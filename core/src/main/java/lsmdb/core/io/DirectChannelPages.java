package lsmdb.core.io;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Pages of a file opened with {@link ExtendedOpenOption#DIRECT}: each write bypasses the page cache and returns once
 * the device has taken it (into its own cache, unless forced). Durable writes go through a second descriptor of the
 * file opened with {@code DSYNC} as well, so that one system call both writes and makes durable; the first keeps
 * writes that need not wait for the device's cache.
 */
final class DirectChannelPages implements DirectLogFile.Pages {
    private final ReopeningChannel channel;
    /**
     * The same file with {@code DSYNC}; null until {@link #openDurable} (a file being laid out needs none), and for
     * good where the file system refused it (durable writes are then a write and a force).
     */
    private ReopeningChannel durable;

    DirectChannelPages(ReopeningChannel channel) {
        this.channel = channel;
    }

    /** Adds the {@code DSYNC} descriptor that {@link #writeDurably} uses. */
    void openDurable(ReopeningChannel durableChannel) {
        this.durable = durableChannel;
    }

    @Override
    public void write(ByteBuffer src, long position) throws IOException {
        channel.write(src, position);
    }

    @Override
    public void force() throws IOException {
        channel.force(false);
    }

    @Override
    public void writeDurably(ByteBuffer src, long position) throws IOException {
        if (durable == null) {
            DirectLogFile.Pages.super.writeDurably(src, position);
        } else {
            durable.write(src, position);
        }
    }

    @Override
    public void close() throws IOException {
        try (ReopeningChannel second = durable; ReopeningChannel first = channel) {
            // both closed, the second's failure suppressed by the first's
        }
    }
}
