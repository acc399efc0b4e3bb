package lsmdb.core.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import lsmdb.core.Options;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.ForwardingFileSystem;
import lsmdb.core.io.MemFileSystem;
import lsmdb.core.io.ReadableFile;
import lsmdb.core.sstable.Table;
import org.junit.jupiter.api.Test;

/**
 * {@link TableCache#openAhead}: a table its writer opens ahead is kept only while the cache has room, so it never
 * evicts a table readers use; opened after the cache closed it is checked and closed, so nothing stays open.
 */
class TableCacheOpenAheadTest {

    private static final Path DIR = Path.of("/db");

    private final HandleCountingFileSystem fs = new HandleCountingFileSystem(new MemFileSystem());

    @Test
    void aTableOpenedAheadIsKeptWhileThereIsRoom() throws IOException {
        TableCache cache = new TableCache(fs, DIR, Options.defaults().withMaxOpenFiles(4), new BlockCache(1 << 20));
        long size = write(1);
        cache.openAhead(1, size);
        assertEquals(1, cache.opensAhead());
        assertEquals(1, cache.openTables());
        int opened = fs.opens.get();
        read(cache, 1, size);
        assertEquals(opened, fs.opens.get(), "the reader found the table open");
        assertEquals(0, cache.opensOnRead());
        cache.openAhead(1, size); // already open: nothing to do
        assertEquals(1, cache.opensAhead());
        cache.close();
        assertEquals(0, fs.openHandles(), "files left open");
    }

    @Test
    void aTableOpenedAheadIntoAFullCacheEvictsNoTableReadersUse() throws IOException {
        TableCache cache = new TableCache(fs, DIR, Options.defaults().withMaxOpenFiles(2), new BlockCache(1 << 20));
        long s1 = write(1);
        long s2 = write(2);
        long s3 = write(3);
        read(cache, 1, s1);
        read(cache, 2, s2);
        assertEquals(2, cache.opensOnRead());

        cache.openAhead(3, s3); // checked, not kept
        assertEquals(1, cache.opensAhead());
        assertEquals(2, cache.openTables());
        assertEquals(2, fs.openHandles(), "the table opened ahead was closed again");

        int opened = fs.opens.get();
        read(cache, 1, s1);
        read(cache, 2, s2);
        assertEquals(opened, fs.opens.get(), "the tables readers use stayed open");
        read(cache, 3, s3); // its first reader opens it, evicting the oldest
        assertEquals(3, cache.opensOnRead());
        cache.close();
        assertEquals(0, fs.openHandles(), "files left open");
    }

    @Test
    void tablesOpenedAfterTheCacheClosedAreNotLeftOpen() throws IOException {
        TableCache cache = new TableCache(fs, DIR, Options.defaults(), new BlockCache(1 << 20));
        long s1 = write(1);
        long s2 = write(2);
        read(cache, 1, s1);
        cache.close();
        assertEquals(0, fs.openHandles());

        cache.openAhead(2, s2); // a writer finishing as the database closes
        assertEquals(0, fs.openHandles(), "a table opened ahead after close");
        Table t = cache.pin(1, s1); // a late reader still reads, and lets go
        try {
            assertNotNull(t.get(InternalKey.forSeek(key(1, 7), 100)));
            assertEquals(1, fs.openHandles());
        } finally {
            t.unpin();
        }
        assertEquals(0, fs.openHandles(), "a table a reader opened after close");
        assertEquals(0, cache.openTables());
    }

    /** Reads one key of table {@code number} through the cache. */
    private static void read(TableCache cache, long number, long size) throws IOException {
        byte[] k = key(number, 7);
        assertNotNull(cache.get(number, size, InternalKey.forSeek(k, 100)), "key in table " + number);
    }

    private static byte[] key(long table, int i) {
        return TestTables.key(table, i);
    }

    /** Writes table {@code number} of 200 keys; its size. */
    private long write(long number) throws IOException {
        return TestTables.write(fs, DIR, number, 200);
    }

    /** Counts the files opened for reading and how many of them are still open. */
    private static final class HandleCountingFileSystem extends ForwardingFileSystem {
        final AtomicInteger opens = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();

        HandleCountingFileSystem(FileSystem target) {
            super(target);
        }

        int openHandles() {
            return opens.get() - closes.get();
        }

        @Override
        public ReadableFile openForRead(Path path) throws IOException {
            return counted(target.openForRead(path));
        }

        @Override
        public ReadableFile openImmutable(Path path) throws IOException {
            return counted(target.openImmutable(path));
        }

        private ReadableFile counted(ReadableFile f) {
            opens.incrementAndGet();
            return new ReadableFile() {
                private final AtomicInteger closed = new AtomicInteger();

                @Override
                public int read(long position, byte[] dst, int offset, int length) throws IOException {
                    return f.read(position, dst, offset, length);
                }

                @Override
                public long size() throws IOException {
                    return f.size();
                }

                @Override
                public java.nio.ByteBuffer mapping() {
                    return f.mapping();
                }

                @Override
                public void close() throws IOException {
                    if (closed.getAndIncrement() == 0) {
                        closes.incrementAndGet();
                    }
                    f.close();
                }
            };
        }
    }
}
