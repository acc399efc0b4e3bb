package lsmdb.core;

import static lsmdb.core.TestData.b;
import static lsmdb.core.TestData.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import lsmdb.core.io.FileLock;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.MemFileSystem;
import lsmdb.core.io.ReadableFile;
import lsmdb.core.io.WritableFile;
import org.junit.jupiter.api.Test;

/**
 * Every table a flush, a compaction or a bulk ingest writes is opened by the thread that wrote it, before a version
 * names it (LevelDB's check that a new table is usable), so readers never pay for opening one: on a database whose
 * tables were all written in this session, reading every key opens no file on the reader's thread.
 */
class TablesOpenAheadTest {

    private static final Path DIR = Path.of("/db");

    @Test
    void readersFindEveryWrittenTableOpen() throws Exception {
        OpenCountingFileSystem fs = new OpenCountingFileSystem(new MemFileSystem());
        Options o = Options.defaults().withFileSystem(fs).withSync(false).withWriteBufferSize(16 << 10)
                .withTargetFileSize(16 << 10);
        TreeMap<String, String> model = TestData.model();
        try (LsmDb db = LsmDb.open(DIR, o)) {
            for (int i = 0; i < 6000; i++) {
                String k = String.format("k%05d", (i * 7919) % 6000);
                String v = "v" + i + "-".repeat(i % 40);
                db.put(b(k), b(v));
                model.put(k, v);
            }
            db.compactRange(null, null);
            for (int i = 0; i < 1500; i++) { // flushed tables above the compacted ones
                String k = String.format("k%05d", i * 3);
                db.put(b(k), b("w" + i));
                model.put(k, "w" + i);
            }
            db.flush();
            try (BulkIngest load = db.bulkIngest()) {
                for (int i = 0; i < 3000; i++) {
                    String k = String.format("m%05d", i);
                    load.add(b(k), b("x" + i));
                    model.put(k, "x" + i);
                }
                load.commit();
            }
            int tables = 0;
            for (int level = 0; level < 7; level++) {
                tables += Integer.parseInt(db.property("lsmdb.num-files-at-level" + level));
            }
            assertTrue(tables > 3, "tables: " + tables);

            fs.countOpensOn(Thread.currentThread());
            for (Map.Entry<String, String> e : model.entrySet()) {
                assertEquals(e.getValue(), s(db.get(b(e.getKey()))), e.getKey());
            }
            int seen = 0;
            try (LsmIterator it = db.iterator()) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    assertEquals(model.get(s(it.key())), s(it.value()));
                    seen++;
                }
            }
            assertEquals(model.size(), seen);
            assertEquals(0, fs.opens.get(), "tables opened by the reader");
        }
    }

    /** Counts the files one thread opens for reading. */
    private static final class OpenCountingFileSystem implements FileSystem {
        private final FileSystem target;
        private volatile Thread counted;
        final AtomicInteger opens = new AtomicInteger();

        OpenCountingFileSystem(FileSystem target) {
            this.target = target;
        }

        void countOpensOn(Thread t) {
            opens.set(0);
            counted = t;
        }

        private void opened() {
            if (Thread.currentThread() == counted) {
                opens.incrementAndGet();
            }
        }

        @Override
        public ReadableFile openForRead(Path path) throws IOException {
            opened();
            return target.openForRead(path);
        }

        @Override
        public ReadableFile openImmutable(Path path) throws IOException {
            opened();
            return target.openImmutable(path);
        }

        @Override
        public WritableFile create(Path path) throws IOException {
            return target.create(path);
        }

        @Override
        public WritableFile createPreallocated(Path path, long step) throws IOException {
            return target.createPreallocated(path, step);
        }

        @Override
        public WritableFile createPreallocatedOnSync(Path path, long step) throws IOException {
            return target.createPreallocatedOnSync(path, step);
        }

        @Override
        public WritableFile createMapped(Path path, int region) throws IOException {
            return target.createMapped(path, region);
        }

        @Override
        public boolean exists(Path path) {
            return target.exists(path);
        }

        @Override
        public long size(Path path) throws IOException {
            return target.size(path);
        }

        @Override
        public List<String> list(Path dir) throws IOException {
            return target.list(dir);
        }

        @Override
        public void delete(Path path) throws IOException {
            target.delete(path);
        }

        @Override
        public void rename(Path from, Path to) throws IOException {
            target.rename(from, to);
        }

        @Override
        public void createDirectories(Path dir) throws IOException {
            target.createDirectories(dir);
        }

        @Override
        public void syncDirectory(Path dir) throws IOException {
            target.syncDirectory(dir);
        }

        @Override
        public FileLock lock(Path lockFile) throws IOException {
            return target.lock(lockFile);
        }
    }
}
