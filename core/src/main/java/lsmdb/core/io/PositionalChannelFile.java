package lsmdb.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Reads at a position (pread), without a mapping: how tables are read with {@code mmapReads=false}. */
final class PositionalChannelFile implements ReadableFile {
    private final ReopeningChannel channel;

    PositionalChannelFile(ReopeningChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read(long position, byte[] dst, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        return channel.read(ByteBuffer.wrap(dst, offset, length), position);
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
