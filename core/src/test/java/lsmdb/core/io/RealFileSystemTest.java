package lsmdb.core.io;

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
}
