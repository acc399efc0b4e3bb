package lsmdb.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MemFileSystemTest extends FileSystemContractTest {

    private final MemFileSystem fs = new MemFileSystem();

    @Override
    FileSystem fs() {
        return fs;
    }

    @Override
    Path root() {
        return Path.of("/mem/root");
    }

    @Test
    void readerKeepsOldContentsAfterReplace() throws IOException {
        Path file = root().resolve("x");
        try (WritableFile out = fs.create(file)) {
            out.append(new byte[] {1, 2});
        }
        try (ReadableFile old = fs.openForRead(file)) {
            fs.create(file).close();
            byte[] b = new byte[2];
            old.readFully(0, b, 0, 2);
            assertArrayEquals(new byte[] {1, 2}, b);
        }
    }

    @Test
    void listOfMissingDirectoryFails() {
        assertThrows(NoSuchFileException.class, () -> fs.list(Path.of("/nowhere")));
        assertFalse(fs.exists(Path.of("/nowhere")));
    }

    @Test
    void separateInstancesDoNotShareFiles() throws IOException {
        fs.create(root().resolve("only-here")).close();
        assertFalse(new MemFileSystem().exists(root().resolve("only-here")));
    }
}
