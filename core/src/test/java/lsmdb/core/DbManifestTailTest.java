package lsmdb.core;

import static lsmdb.core.TestData.b;
import static lsmdb.core.TestData.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged last MANIFEST record, at every byte of it. When the edit it held was durable and acted on (the flushed
 * log deleted), dropping it would lose the flushed rows: the open is refused naming the file and offset. When it
 * is a genuine torn write (the old log still there, the new table an orphan), the open goes on with every row.
 */
class DbManifestTailTest {

    private static final int KEYS = 500;

    @TempDir
    Path tmp;

    private Path before;
    private Path after;

    /** {@code before}: rows only in the log; {@code after}: the same rows flushed to a table, the log retired. */
    @BeforeEach
    void writeAndFlush() throws IOException {
        after = tmp.resolve("after");
        try (LsmDb db = LsmDb.open(after, Options.defaults())) {
            for (int i = 0; i < KEYS; i += 100) {
                WriteBatch batch = new WriteBatch();
                for (int j = i; j < i + 100; j++) {
                    batch.put(key(j), value(j));
                }
                db.write(batch);
            }
            before = copy(after, tmp.resolve("before"));
            db.flush();
        }
    }

    private static byte[] key(int i) {
        return b(String.format("key%05d", i));
    }

    private static byte[] value(int i) {
        return b("value-" + i);
    }

    @Test
    void damagedLastRecordOfARetiredLogIsRefusedAtEveryOffset() throws IOException {
        Path manifest = currentManifest(after);
        long start = lastRecordStart(manifest);
        long size = Files.size(manifest);
        assertTrue(size - start > 7, "a last record with a payload");
        int refused = 0;
        for (long offset = start; offset < size; offset++) {
            Path dir = copy(after, tmp.resolve("flip-" + offset));
            flipByte(dir.resolve(manifest.getFileName()), offset);
            if (opensWithEveryRowOrRefuses(dir, manifest.getFileName().toString(), offset)) {
                refused++;
            }
        }
        assertEquals(size - start, refused, "every flip in the record that retired the log is refused");
    }

    @Test
    void tornLastRecordWhoseLogIsStillThereOpensWithEveryRow() throws IOException {
        Path manifest = currentManifest(after);
        long start = lastRecordStart(manifest);
        long size = Files.size(manifest);
        for (long offset = start; offset < size; offset++) {
            Path flipped = crashedBeforeLogDeletion(tmp.resolve("flip-" + offset));
            flipByte(flipped.resolve(manifest.getFileName()), offset);
            assertTrue(!opensWithEveryRowOrRefuses(flipped, manifest.getFileName().toString(), offset),
                    "a torn write that nothing relied on opens, at offset " + offset);
            Path cut = crashedBeforeLogDeletion(tmp.resolve("cut-" + offset));
            try (RandomAccessFile f = new RandomAccessFile(cut.resolve(manifest.getFileName()).toFile(), "rw")) {
                f.setLength(offset);
            }
            assertTrue(!opensWithEveryRowOrRefuses(cut, manifest.getFileName().toString(), offset),
                    "a record cut short at " + offset + " opens");
        }
    }

    @Test
    void paranoidChecksRefuseEvenATornWrite() throws IOException {
        Path manifest = currentManifest(after);
        Path dir = crashedBeforeLogDeletion(tmp.resolve("paranoid"));
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(manifest.getFileName()).toFile(), "rw")) {
            f.setLength(Files.size(manifest) - 3);
        }
        IOException e = assertThrows(IOException.class,
                () -> LsmDb.open(dir, Options.defaults().withParanoidChecks(true)));
        assertInstanceOf(CorruptionException.class, e);
        assertTrue(e.getMessage().contains(manifest.getFileName().toString()), e.getMessage());
        try (LsmDb db = LsmDb.open(dir, Options.defaults())) {
            assertEquals("value-7", s(db.get(key(7))));
        }
    }

    /**
     * The state a crash leaves between the flush's MANIFEST write and the old log's deletion: the new MANIFEST
     * and table of {@code after}, plus the log of {@code before}.
     */
    private Path crashedBeforeLogDeletion(Path dest) throws IOException {
        Path dir = copy(after, dest);
        try (Stream<Path> s = Files.list(before)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                if (!Files.exists(dir.resolve(p.getFileName()))) {
                    Files.write(dir.resolve(p.getFileName()), withoutTrailingZeros(Files.readAllBytes(p)));
                }
            }
        }
        return dir;
    }

    /** True if the open was refused (naming file and offset); fails the test if it opened with a wrong row. */
    private static boolean opensWithEveryRowOrRefuses(Path dir, String manifestName, long offset) throws IOException {
        LsmDb db;
        try {
            db = LsmDb.open(dir, Options.defaults().withSync(false)); // no preallocated log: quicker, same recovery
        } catch (CorruptionException e) {
            assertTrue(e.getMessage().contains(manifestName) && e.getMessage().contains("offset"), e.getMessage());
            return true;
        }
        try (db) {
            for (int i = 0; i < KEYS; i++) {
                assertEquals("value-" + i, s(db.get(key(i))), "key " + i + " after damage at offset " + offset);
            }
        }
        return false;
    }

    static Path currentManifest(Path dir) throws IOException {
        return dir.resolve(Files.readString(dir.resolve("CURRENT"), StandardCharsets.UTF_8).trim());
    }

    /** Where the last physical record starts (the log format: 7-byte headers, 32 KB blocks, padded ends). */
    static long lastRecordStart(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int block = 32 * 1024;
        long last = -1;
        int pos = 0;
        while (pos + 7 <= bytes.length) {
            int inBlock = pos % block;
            if (block - inBlock < 7) {
                pos += block - inBlock;
                continue;
            }
            int length = (bytes[pos + 4] & 0xff) | (bytes[pos + 5] & 0xff) << 8;
            last = pos;
            pos += 7 + length;
        }
        return last;
    }

    static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int v = f.read();
            f.seek(offset);
            f.write(v ^ 0x40);
        }
    }

    /** A preallocated log's unwritten zeros: recovery ignores them, and copying them 100 times is slow. */
    private static byte[] withoutTrailingZeros(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return java.util.Arrays.copyOf(bytes, end);
    }

    static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".log")) {
                    Files.write(to.resolve(name), withoutTrailingZeros(Files.readAllBytes(p)));
                } else if (!name.equals("LOCK")) {
                    Files.copy(p, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }
}
