package lsmdb.core;

import static lsmdb.core.TestData.b;
import static lsmdb.core.TestData.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.ForwardingFileSystem;
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

            long opensOnRead = Long.parseLong(db.property("lsmdb.table-opens-on-read"));
            assertTrue(Long.parseLong(db.property("lsmdb.table-opens-ahead")) >= tables, "tables opened ahead");
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
            assertEquals(opensOnRead, Long.parseLong(db.property("lsmdb.table-opens-on-read")), "opens on a read");
        }
    }

    /**
     * On a real directory, where tables are memory-mapped, the writer of each table also maps its pages in, so the
     * first queries to read it take no page faults: every live table's bytes were prefaulted by a flush or compaction.
     */
    @Test
    void writersMapTheirTablesPagesIn(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Options o = Options.defaults().withSync(false).withWriteBufferSize(64 << 10).withTargetFileSize(64 << 10);
        try (LsmDb db = LsmDb.open(dir.resolve("db"), o)) {
            assertEquals("0", db.property("lsmdb.table-bytes-prefaulted"));
            for (int i = 0; i < 20000; i++) {
                db.put(b(String.format("k%06d", (i * 7919) % 20000)), b("v" + i + "-".repeat(i % 50)));
            }
            db.flush();
            db.compactRange(null, null);
            long live = 0;
            try (var files = java.nio.file.Files.list(dir.resolve("db"))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (f.getFileName().toString().endsWith(".sst")) {
                        live += java.nio.file.Files.size(f);
                    }
                }
            }
            assertTrue(live > 0, "no table files found");
            long prefaulted = Long.parseLong(db.property("lsmdb.table-bytes-prefaulted"));
            assertTrue(prefaulted >= live, "prefaulted " + prefaulted + " bytes, live tables hold " + live);
            assertEquals("v19999" + "-".repeat(19999 % 50), s(db.get(b(String.format("k%06d", (19999 * 7919) % 20000)))));
        }
    }

    /**
     * A compaction whose output cannot be opened (its bytes garbled on the way to the disk) fails before the version
     * naming it is installed, so its inputs are not deleted: after a reopen every key reads back.
     */
    @Test
    void aCompactionOutputThatCannotBeOpenedIsNeverInstalled() throws Exception {
        OpenCountingFileSystem fs = new OpenCountingFileSystem(new MemFileSystem());
        Options o = Options.defaults().withFileSystem(fs).withSync(false).withWriteBufferSize(16 << 10)
                .withTargetFileSize(16 << 10).withL0CompactionTrigger(100).withL0SlowdownTrigger(200)
                .withL0StopTrigger(300);
        TreeMap<String, String> model = TestData.model();
        try (LsmDb db = LsmDb.open(DIR, o)) {
            for (int i = 0; i < 3000; i++) {
                String k = String.format("k%05d", (i * 7919) % 3000);
                db.put(b(k), b("v" + i));
                model.put(k, "v" + i);
            }
            db.flush(); // level-0 tables only (the trigger is far away), all durable
            fs.garbleNewTables = true;
            try {
                db.compactRange(null, null);
            } catch (IOException expected) {
                // the compaction failed
            }
        } catch (IOException closing) {
            // a database whose compaction failed may refuse to close cleanly
        }
        fs.garbleNewTables = false;
        try (LsmDb db = LsmDb.open(DIR, o)) {
            for (Map.Entry<String, String> e : model.entrySet()) {
                assertEquals(e.getValue(), s(db.get(b(e.getKey()))), e.getKey());
            }
        }
    }

    /** Counts the files one thread opens for reading. */
    private static final class OpenCountingFileSystem extends ForwardingFileSystem {
        private volatile Thread counted;
        /** Tables created while set have every byte written inverted (their footer's magic number too). */
        volatile boolean garbleNewTables;
        final AtomicInteger opens = new AtomicInteger();

        OpenCountingFileSystem(FileSystem target) {
            super(target);
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

        private WritableFile garbledIfTable(Path path, WritableFile f) {
            return garbleNewTables && path.getFileName().toString().endsWith(".sst") ? new Garbled(f) : f;
        }

        @Override
        public WritableFile create(Path path) throws IOException {
            return garbledIfTable(path, target.create(path));
        }

        @Override
        public WritableFile createPreallocated(Path path, long step) throws IOException {
            return garbledIfTable(path, target.createPreallocated(path, step));
        }

        @Override
        public WritableFile createPreallocatedOnSync(Path path, long step) throws IOException {
            return garbledIfTable(path, target.createPreallocatedOnSync(path, step));
        }

        @Override
        public WritableFile createMapped(Path path, int region) throws IOException {
            return garbledIfTable(path, target.createMapped(path, region));
        }

    }

    /** Writes every byte inverted: a table whose footer, index and blocks are all garbage. */
    private static final class Garbled implements WritableFile {
        private final WritableFile target;

        Garbled(WritableFile target) {
            this.target = target;
        }

        @Override
        public void append(byte[] data, int offset, int length) throws IOException {
            byte[] inverted = new byte[length];
            for (int i = 0; i < length; i++) {
                inverted[i] = (byte) ~data[offset + i];
            }
            target.append(inverted, 0, length);
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }

        @Override
        public void sync() throws IOException {
            target.sync();
        }

        @Override
        public long size() {
            return target.size();
        }

        @Override
        public void close() throws IOException {
            target.close();
        }
    }
}
