package lsmdb.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealFileSystemTest extends FileSystemContractTest {

    @TempDir
    Path tempDir;

    @Override
    FileSystem fs() {
        return RealFileSystem.INSTANCE;
    }

    @Override
    Path root() {
        return tempDir;
    }

    @Test
    void lockThroughAnotherPathSpellingIsStillExclusive() throws IOException {
        Path dir = tempDir.resolve("db");
        Files.createDirectories(dir);
        try (FileLock lock = fs().lock(dir.resolve("LOCK"))) {
            IOException e = assertThrows(IOException.class,
                    () -> fs().lock(dir.resolve("..").resolve("db").resolve("LOCK")));
            assertTrue(e.getMessage().contains("database directory"), e.getMessage());
        }
    }

    /**
     * A file system without fsync for directories (CIFS, VirtualBox and WSL1 shared folders) answers EINVAL; procfs
     * is one at hand that answers the same way. Databases must still open there, so that answer is not a failure.
     */
    @Test
    void aDirectoryTheFileSystemCannotSyncIsNotAFailure() throws IOException {
        Path proc = Path.of("/proc/self");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(proc), "needs Linux procfs");
        fs().syncDirectory(proc);
        assertTrue(RealFileSystem.cannotSyncDirectories(new IOException("Invalid argument")));
        assertFalse(RealFileSystem.cannotSyncDirectories(new IOException("Input/output error")));
    }

    @Test
    void unflushedBytesStayInTheBufferUntilFlush() throws IOException {
        Path file = tempDir.resolve("buffered");
        try (WritableFile out = fs().create(file)) {
            out.append(new byte[10]);
            assertFalse(Files.size(file) == 10, "small append should be buffered");
            out.flush();
            assertTrue(Files.size(file) == 10);
        }
    }

    @Test
    void immutableFilesReadTheSameBytesAsPositionalReads() throws IOException {
        Path file = tempDir.resolve("table");
        byte[] data = new byte[100_000];
        new java.util.Random(3).nextBytes(data);
        Files.write(file, data);
        try (ReadableFile mapped = fs().openImmutable(file); ReadableFile plain = fs().openForRead(file)) {
            assertEquals(data.length, mapped.size());
            java.util.Random r = new java.util.Random(4);
            for (int i = 0; i < 1000; i++) {
                int pos = r.nextInt(data.length);
                int len = r.nextInt(5000);
                byte[] a = new byte[len];
                byte[] b = new byte[len];
                int na = mapped.read(pos, a, 0, len);
                int nb = plain.read(pos, b, 0, len);
                assertEquals(Math.min(len, data.length - pos), na);
                assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOf(b, nb)),
                        java.util.Arrays.toString(java.util.Arrays.copyOf(a, na)));
            }
            assertEquals(-1, mapped.read(data.length, new byte[1], 0, 1));
            assertThrows(java.io.EOFException.class, () -> mapped.readFully(data.length - 2, new byte[4], 0, 4));
        }
    }

    @Test
    void aClosedImmutableFileRefusesReadsInsteadOfCrashing() throws IOException {
        Path file = tempDir.resolve("closed");
        Files.write(file, new byte[4096]);
        ReadableFile mapped = fs().openImmutable(file);
        mapped.close();
        mapped.close();
        assertThrows(IOException.class, () -> mapped.read(0, new byte[10], 0, 10));
        Files.delete(file);
    }
}
