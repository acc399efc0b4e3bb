package lsmdb.core.sstable;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import lsmdb.core.io.ReadableFile;

/** A file that counts the reads and closes reaching it: what a table does with its file, seen from below. */
final class CountingFile implements ReadableFile {
    private final ReadableFile inner;
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();

    CountingFile(ReadableFile inner) {
        this.inner = inner;
    }

    @Override
    public int read(long position, byte[] dst, int offset, int length) throws IOException {
        reads.incrementAndGet();
        return inner.read(position, dst, offset, length);
    }

    @Override
    public long size() throws IOException {
        return inner.size();
    }

    @Override
    public void close() throws IOException {
        closes.incrementAndGet();
        inner.close();
    }
}
