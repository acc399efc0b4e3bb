package lsmdb.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Appends collect in a user-space buffer so that small records do not each cost a system call. */
final class BufferedChannelFile implements WritableFile {
    private static final int BUFFER_SIZE = 64 * 1024;
    /** For files written front to back in one go ({@link FileSystem#createSequential}). */
    static final int SEQUENTIAL_BUFFER_SIZE = 256 * 1024;

    private final ReopeningChannel channel;
    /** Direct: a heap buffer would be copied once more, into the JDK's temporary direct buffer, at each write. */
    private final ByteBuffer buffer;
    private long size;
    /** Preallocation step (0: none) and the end of the zeros laid ahead of the writer. */
    private long step;
    private long allocatedEnd;

    BufferedChannelFile(ReopeningChannel channel) {
        this(channel, 0, 0);
    }

    /** A file already {@code step} bytes of zeros long, grown by {@code step} whenever a sync nears its end. */
    BufferedChannelFile(ReopeningChannel channel, long step) {
        this(channel, step, step);
    }

    /**
     * A file growing by {@code step} of zeros whenever a sync nears the end of those laid so far (at its first sync
     * when {@code allocatedEnd} is 0). Zeros are only an optimisation: failing to lay them (no room) stops the
     * growing, not the sync.
     */
    BufferedChannelFile(ReopeningChannel channel, long step, long allocatedEnd) {
        this(channel, step, allocatedEnd, BUFFER_SIZE);
    }

    /** As above, gathering appends into writes of {@code bufferSize} bytes. */
    BufferedChannelFile(ReopeningChannel channel, long step, long allocatedEnd, int bufferSize) {
        this.buffer = ByteBuffer.allocateDirect(bufferSize);
        this.channel = channel;
        this.step = step;
        this.allocatedEnd = allocatedEnd;
    }

    @Override
    public void append(byte[] data, int offset, int length) throws IOException {
        if (length > buffer.remaining()) {
            flush();
            if (length >= buffer.capacity()) {
                writeFully(ByteBuffer.wrap(data, offset, length), size);
                size += length;
                return;
            }
        }
        buffer.put(data, offset, length);
        size += length;
    }

    @Override
    public void flush() throws IOException {
        if (buffer.position() > 0) {
            buffer.flip();
            writeFully(buffer, size - buffer.remaining());
            buffer.clear();
        }
    }

    /** Writes {@code src} at {@code position}: positional writes repeat safely after an interrupt. */
    private void writeFully(ByteBuffer src, long position) throws IOException {
        while (src.hasRemaining()) {
            position += channel.write(src, position);
        }
    }

    @Override
    public void sync() throws IOException {
        flush();
        if (step > 0 && allocatedEnd - size < step / 2) {
            // Lay the next step of zeros down now, made durable by this same fsync: the syncs that follow
            // overwrite allocated space again (no file-size update), while the file stays a step or two
            // ahead of its data instead of being allocated whole up front.
            long from = Math.max(allocatedEnd, size);
            try {
                RealFileSystem.writeZeros(channel, from, step);
                allocatedEnd = from + step;
            } catch (IOException e) {
                step = 0; // a full disk, say: the records are what this sync is for; partial zeros read as the end
            }
        }
        channel.force(false);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
