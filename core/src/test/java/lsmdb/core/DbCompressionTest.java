package lsmdb.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Compressed databases: tables of mixed codecs in one database, damage in a compressed block reported. */
class DbCompressionTest {

    @TempDir
    Path tmp;

    private static byte[] key(int i) {
        return String.format("key%08d", i).getBytes();
    }

    /** Half random, half repeated: compresses to about half. */
    private static byte[] value(int i) {
        byte[] v = new byte[100];
        new Random(i).nextBytes(v);
        Arrays.fill(v, 50, 100, (byte) (i & 0x7f));
        return v;
    }

    private static List<Path> tables(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".sst")).sorted().toList();
        }
    }

    private static long tableBytes(Path dir) throws IOException {
        long n = 0;
        for (Path p : tables(dir)) {
            n += Files.size(p);
        }
        return n;
    }

    /** Each session writes with another codec; every table stays readable, before and after compacting them. */
    @Test
    void aDatabaseHoldsTablesOfMixedCompression() throws Exception {
        Path dir = tmp.resolve("mixed");
        Compression[] order = {Compression.NONE, Compression.LZ4, Compression.ZSTD, Compression.NONE};
        int perSession = 20_000;
        for (int s = 0; s < order.length; s++) {
            Options o = Options.defaults().withSync(false).withWriteBufferSize(256 << 10).withCompression(order[s]);
            try (LsmDb db = LsmDb.open(dir, o)) {
                for (int i = s * perSession; i < (s + 1) * perSession; i++) {
                    db.put(key(i), value(i));
                }
                db.flush();
                for (int i = 0; i < (s + 1) * perSession; i += 7) {
                    assertArrayEquals(value(i), db.get(key(i)), order[s] + " session, key " + i);
                }
            }
        }
        for (boolean mmap : new boolean[] {true, false}) {
            try (LsmDb db = LsmDb.open(dir, Options.defaults().withMmapReads(mmap).withCompression(Compression.LZ4))) {
                for (int i = 0; i < order.length * perSession; i++) {
                    assertArrayEquals(value(i), db.get(key(i)), "mmap " + mmap + ", key " + i);
                }
            }
        }
        long before = tableBytes(dir);
        try (LsmDb db = LsmDb.open(dir, Options.defaults().withCompression(Compression.LZ4))) {
            db.compactRange(null, null);
            int n = 0;
            try (LsmIterator it = db.iterator()) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    assertArrayEquals(value(n), it.value(), "key " + n);
                    n++;
                }
            }
            assertTrue(n == order.length * perSession, n + " keys");
        }
        long after = tableBytes(dir);
        assertTrue(after < before * 0.8, "rewritten with lz4 throughout: " + before + " -> " + after);
    }

    /** Compaction inputs are read once: they must not evict the blocks readers use (RocksDB's fill_cache=false). */
    @ParameterizedTest(name = "mmapReads={0}")
    @ValueSource(booleans = {true, false})
    void compactionReadsLeaveTheBlockCacheAlone(boolean mmapReads) throws Exception {
        Path dir = tmp.resolve("cache-" + mmapReads);
        Options o = Options.defaults().withSync(false).withCompression(Compression.LZ4).withMmapReads(mmapReads)
                .withWriteBufferSize(128 << 10);
        try (LsmDb db = LsmDb.open(dir, o)) {
            for (int i = 0; i < 20_000; i++) {
                db.put(key(i * 7 % 20_000), value(i));
            }
            db.flush();
            db.compactRange(null, null);
            assertTrue(Long.parseLong(db.property("lsmdb.total-table-bytes")) > 1 << 20);
            assertTrue(Long.parseLong(db.property("lsmdb.block-cache-usage")) == 0,
                    "compactions filled the cache: " + db.property("lsmdb.block-cache-usage") + " bytes");
            assertArrayEquals(value(7), db.get(key(49)));
            assertTrue(Long.parseLong(db.property("lsmdb.block-cache-usage")) > 0, "a read fills it");
        }
    }

    @ParameterizedTest(name = "mmapReads={0}")
    @ValueSource(booleans = {true, false})
    void aFlippedByteInACompressedBlockIsReportedNamingTheFile(boolean mmapReads) throws Exception {
        for (Compression codec : new Compression[] {Compression.LZ4, Compression.ZSTD}) {
            Path dir = tmp.resolve("corrupt-" + codec + "-" + mmapReads);
            Options o = Options.defaults().withCompression(codec).withMmapReads(mmapReads).withBlockCacheSize(0);
            try (LsmDb db = LsmDb.open(dir, o)) {
                for (int i = 0; i < 2000; i++) {
                    db.put(key(i), value(i));
                }
                db.flush();
            }
            Path table = tables(dir).get(0);
            try (RandomAccessFile f = new RandomAccessFile(table.toFile(), "rw")) {
                f.seek(200); // inside the first data block, compressed
                int b = f.read();
                f.seek(200);
                f.write(b ^ 0x10);
            }
            try (LsmDb db = LsmDb.open(dir, o)) {
                IOException e = assertThrows(IOException.class, () -> {
                    for (int i = 0; i < 2000; i++) {
                        db.get(key(i));
                    }
                });
                assertInstanceOf(CorruptionException.class, e);
                assertTrue(e.getMessage().contains(table.getFileName().toString()), e.getMessage());
            }
        }
    }
}
