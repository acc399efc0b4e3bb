package lsmdb.core.io;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Pages of a file opened with {@link ExtendedOpenOption#DIRECT}: each write goes to the device before returning. */
final class DirectChannelPages implements DirectLogFile.Pages {
    private final FileChannel channel;

    DirectChannelPages(FileChannel channel) {
        this.channel = channel;
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
    public void close() throws IOException {
        channel.close();
    }
}
