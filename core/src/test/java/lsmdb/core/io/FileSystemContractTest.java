package lsmdb.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link FileSystem} must share; subclasses supply the implementation and a root dir. */
abstract class FileSystemContractTest {

    abstract FileSystem fs();

    abstract Path root() throws IOException;

    static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static byte[] readAll(FileSystem fs, Path path) throws IOException {
        try (ReadableFile in = fs.openForRead(path)) {
            byte[] b = new byte[(int) in.size()];
            in.readFully(0, b, 0, b.length);
            return b;
        }
    }

    @Test
    void writtenBytesReadBackAfterClose() throws IOException {
        Random random = new Random(1);
        Path file = root().resolve("a.log");
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        try (WritableFile out = fs().create(file)) {
            // small appends (buffered) mixed with appends larger than any buffer
            for (int i = 0; i < 200; i++) {
                byte[] chunk = randomBytes(random, i % 17 == 0 ? 70_000 + random.nextInt(30_000) : random.nextInt(300));
                out.append(chunk);
                expected.write(chunk);
                assertEquals(expected.size(), out.size());
            }
        }
        assertArrayEquals(expected.toByteArray(), readAll(fs(), file));
        assertEquals(expected.size(), fs().size(file));
    }

    @Test
    void flushedBytesAreVisibleToReaders() throws IOException {
        Path file = root().resolve("b");
        try (WritableFile out = fs().create(file)) {
            out.append(new byte[] {1, 2, 3});
            out.flush();
            try (ReadableFile in = fs().openForRead(file)) {
                byte[] b = new byte[3];
                in.readFully(0, b, 0, 3);
                assertArrayEquals(new byte[] {1, 2, 3}, b);
                assertEquals(-1, in.read(3, b, 0, 1));
                assertThrows(EOFException.class, () -> in.readFully(1, b, 0, 3));
            }
            out.append(new byte[] {4});
            out.sync();
            assertArrayEquals(new byte[] {1, 2, 3, 4}, readAll(fs(), file));
        }
    }

    @Test
    void positionalReadsAtArbitraryOffsets() throws IOException {
        Random random = new Random(2);
        Path file = root().resolve("c");
        byte[] data = randomBytes(random, 100_000);
        try (WritableFile out = fs().create(file)) {
            out.append(data);
        }
        try (ReadableFile in = fs().openForRead(file)) {
            for (int i = 0; i < 200; i++) {
                int pos = random.nextInt(data.length);
                int len = random.nextInt(Math.min(5000, data.length - pos) + 1);
                byte[] b = new byte[len + 2];
                in.readFully(pos, b, 1, len);
                assertArrayEquals(Arrays.copyOfRange(data, pos, pos + len), Arrays.copyOfRange(b, 1, len + 1));
            }
        }
    }

    @Test
    void createTruncatesExistingFile() throws IOException {
        Path file = root().resolve("d");
        try (WritableFile out = fs().create(file)) {
            out.append(new byte[100]);
        }
        try (WritableFile out = fs().create(file)) {
            out.append(new byte[] {7});
        }
        assertArrayEquals(new byte[] {7}, readAll(fs(), file));
    }

    @Test
    void existsListDeleteRename() throws IOException {
        Path dir = root().resolve("db");
        fs().createDirectories(dir);
        assertTrue(fs().exists(dir));
        assertEquals(List.of(), fs().list(dir));
        Path a = dir.resolve("000001.log");
        Path b = dir.resolve("CURRENT");
        assertFalse(fs().exists(a));
        try (WritableFile out = fs().create(a)) {
            out.append(new byte[] {1});
        }
        try (WritableFile out = fs().create(b)) {
            out.append(new byte[] {2, 2});
        }
        fs().createDirectories(dir.resolve("sub"));
        try (WritableFile out = fs().create(dir.resolve("sub").resolve("inner"))) {
            out.append(new byte[] {3});
        }
        List<String> names = new ArrayList<>(fs().list(dir));
        names.sort(null);
        assertEquals(List.of("000001.log", "CURRENT", "sub"), names);

        fs().rename(a, b);
        assertFalse(fs().exists(a));
        assertArrayEquals(new byte[] {1}, readAll(fs(), b));

        fs().delete(b);
        assertFalse(fs().exists(b));
        fs().delete(b); // missing: no error
        assertThrows(NoSuchFileException.class, () -> fs().openForRead(b));
        assertThrows(IOException.class, () -> fs().size(b));
        fs().syncDirectory(dir);
    }

    /**
     * A directory sync that cannot be done is an error, not a silent success: the caller relies on it for the names
     * it just created (a log, a CURRENT) to survive a power loss. Here the directory cannot even be opened (a path
     * under a regular file: ENOTDIR on Linux), which the real file system used to swallow.
     */
    @Test
    void syncingWhatIsNotADirectoryFails() throws IOException {
        Path file = root().resolve("plain");
        try (WritableFile out = fs().create(file)) {
            out.append(new byte[] {1});
        }
        assertThrows(IOException.class, () -> fs().syncDirectory(file.resolve("sub")));
        assertThrows(NoSuchFileException.class, () -> fs().syncDirectory(root().resolve("missing")));
    }

    @Test
    void lockIsExclusiveUntilClosed() throws IOException {
        Path dir = root().resolve("locked");
        fs().createDirectories(dir);
        Path lockFile = dir.resolve("LOCK");
        FileLock lock = fs().lock(lockFile);
        IOException e = assertThrows(IOException.class, () -> fs().lock(lockFile));
        assertTrue(e.getMessage().contains(dir.toAbsolutePath().normalize().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("in use"), e.getMessage());
        lock.close();
        lock.close(); // idempotent
        fs().lock(lockFile).close();
    }

    @Test
    void readersRunWhileWriterAppends() throws Exception {
        Path file = root().resolve("concurrent");
        int records = 5000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (WritableFile out = fs().create(file); ReadableFile in = openWhenCreated(file)) {
            Thread reader = new Thread(() -> {
                try {
                    byte[] b = new byte[8];
                    long seen = 0;
                    while (seen < records) {
                        long size = in.size();
                        for (; seen < size / 8; seen++) {
                            in.readFully(seen * 8, b, 0, 8);
                            long v = lsmdb.core.util.Coding.getFixed64(b, 0);
                            if (v != seen) {
                                throw new AssertionError("at record " + seen + " read " + v);
                            }
                        }
                        Thread.onSpinWait();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            reader.start();
            byte[] b = new byte[8];
            for (int i = 0; i < records; i++) {
                lsmdb.core.util.Coding.putFixed64(b, 0, i);
                out.append(b);
                out.flush();
            }
            reader.join(60_000);
            assertFalse(reader.isAlive(), "reader did not see all records");
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    private ReadableFile openWhenCreated(Path file) throws IOException {
        return fs().openForRead(file);
    }
}
