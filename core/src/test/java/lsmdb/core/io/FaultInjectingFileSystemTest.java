package lsmdb.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultInjectingFileSystemTest {

    private final MemFileSystem mem = new MemFileSystem();
    private final FaultInjectingFileSystem fs = new FaultInjectingFileSystem(mem);
    private final Path dir = Path.of("/db");

    @BeforeEach
    void createDir() throws IOException {
        fs.createDirectories(dir);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private WritableFile createSynced(String name, byte[] content) throws IOException {
        WritableFile out = fs.create(dir.resolve(name));
        out.append(content);
        out.sync();
        fs.syncDirectory(dir);
        return out;
    }

    @Test
    void unsyncedTailVanishesSyncedPrefixSurvives() throws IOException {
        WritableFile out = createSynced("a", bytes(1, 2, 3));
        out.append(bytes(4, 5));
        out.flush();
        assertEquals(5, fs.size(dir.resolve("a")));
        fs.dropUnsyncedData();
        assertArrayEquals(bytes(1, 2, 3), FileSystemContractTest.readAll(fs, dir.resolve("a")));
        assertThrows(IOException.class, () -> out.append(bytes(6)), "writer from before the crash");
    }

    @Test
    void fullySyncedFileSurvivesUnchanged() throws IOException {
        createSynced("a", bytes(9, 8, 7)).close();
        fs.dropUnsyncedData();
        assertArrayEquals(bytes(9, 8, 7), FileSystemContractTest.readAll(fs, dir.resolve("a")));
    }

    @Test
    void createdFileVanishesWhenDirectoryNotSynced() throws IOException {
        try (WritableFile out = fs.create(dir.resolve("new"))) {
            out.append(bytes(1));
            out.sync();
        }
        fs.dropUnsyncedData();
        assertFalse(fs.exists(dir.resolve("new")));
        assertFalse(fs.list(dir).contains("new"));
    }

    @Test
    void syncedDirectoryWithUnsyncedDataLeavesEmptyFile() throws IOException {
        try (WritableFile out = fs.create(dir.resolve("new"))) {
            fs.syncDirectory(dir);
            out.append(bytes(1, 2));
        }
        fs.dropUnsyncedData();
        assertTrue(fs.exists(dir.resolve("new")));
        assertEquals(0, fs.size(dir.resolve("new")));
    }

    @Test
    void unsyncedRenameIsUndone() throws IOException {
        createSynced("CURRENT", bytes(1)).close();
        createSynced("tmp", bytes(2)).close();
        fs.rename(dir.resolve("tmp"), dir.resolve("CURRENT"));
        assertArrayEquals(bytes(2), FileSystemContractTest.readAll(fs, dir.resolve("CURRENT")));
        fs.dropUnsyncedData();
        assertArrayEquals(bytes(1), FileSystemContractTest.readAll(fs, dir.resolve("CURRENT")));
        assertArrayEquals(bytes(2), FileSystemContractTest.readAll(fs, dir.resolve("tmp")));
    }

    @Test
    void syncedRenameSurvives() throws IOException {
        createSynced("CURRENT", bytes(1)).close();
        createSynced("tmp", bytes(2)).close();
        fs.rename(dir.resolve("tmp"), dir.resolve("CURRENT"));
        fs.syncDirectory(dir);
        fs.dropUnsyncedData();
        assertArrayEquals(bytes(2), FileSystemContractTest.readAll(fs, dir.resolve("CURRENT")));
        assertFalse(fs.exists(dir.resolve("tmp")));
    }

    @Test
    void unsyncedDeleteIsUndoneSyncedDeleteIsNot() throws IOException {
        createSynced("a", bytes(1, 1)).close();
        createSynced("b", bytes(2, 2)).close();
        fs.delete(dir.resolve("a"));
        fs.dropUnsyncedData();
        assertArrayEquals(bytes(1, 1), FileSystemContractTest.readAll(fs, dir.resolve("a")));

        fs.delete(dir.resolve("b"));
        fs.syncDirectory(dir);
        fs.dropUnsyncedData();
        assertFalse(fs.exists(dir.resolve("b")));
        assertTrue(fs.exists(dir.resolve("a")));
    }

    @Test
    void filesPresentBeforeWrappingCountAsDurable() throws IOException {
        try (WritableFile out = mem.create(dir.resolve("old"))) {
            out.append(bytes(5, 5, 5));
        }
        fs.delete(dir.resolve("old"));
        fs.dropUnsyncedData();
        assertArrayEquals(bytes(5, 5, 5), FileSystemContractTest.readAll(fs, dir.resolve("old")));
    }

    @Test
    void severalCrashesInARow() throws IOException {
        WritableFile out = createSynced("log", bytes(1));
        out.append(bytes(2));
        fs.dropUnsyncedData();
        try (WritableFile again = fs.create(dir.resolve("log2"))) {
            again.append(bytes(3));
            again.sync();
        }
        fs.syncDirectory(dir);
        fs.dropUnsyncedData();
        assertArrayEquals(bytes(1), FileSystemContractTest.readAll(fs, dir.resolve("log")));
        assertArrayEquals(bytes(3), FileSystemContractTest.readAll(fs, dir.resolve("log2")));
    }

    @Test
    void failWritesAfterN() throws IOException {
        fs.failWritesAfter(2);
        try (WritableFile out = fs.create(dir.resolve("a"))) {
            out.append(bytes(1));
            out.append(bytes(2));
            assertThrows(IOException.class, () -> out.append(bytes(3)));
            assertThrows(IOException.class, () -> out.append(bytes(4)));
            assertEquals(4, fs.appendCount());
            fs.reset();
            out.append(bytes(5));
        }
        assertArrayEquals(bytes(1, 2, 5), FileSystemContractTest.readAll(fs, dir.resolve("a")));
    }

    @Test
    void failSyncsAfterNMakesNothingDurable() throws IOException {
        fs.failSyncsAfter(1);
        WritableFile out = fs.create(dir.resolve("a"));
        fs.syncDirectory(dir);
        out.append(bytes(1));
        out.sync();
        out.append(bytes(2));
        assertThrows(IOException.class, out::sync);
        assertEquals(2, fs.syncCount());
        fs.dropUnsyncedData();
        assertArrayEquals(bytes(1), FileSystemContractTest.readAll(fs, dir.resolve("a")));
    }

    @Test
    void diskFullAndFailingDeletesAndRenames() throws IOException {
        WritableFile out = createSynced("a", bytes(1));
        fs.setDiskFull(true);
        IOException full = assertThrows(IOException.class, () -> out.append(bytes(2)));
        assertTrue(full.getMessage().contains("No space left on device"));
        fs.setFailDeletes(true);
        assertThrows(IOException.class, () -> fs.delete(dir.resolve("a")));
        fs.setFailRenames(true);
        assertThrows(IOException.class, () -> fs.rename(dir.resolve("a"), dir.resolve("b")));
        fs.reset();
        out.append(bytes(3));
        fs.rename(dir.resolve("a"), dir.resolve("b"));
        fs.delete(dir.resolve("b"));
        assertFalse(fs.exists(dir.resolve("b")));
    }

    @Test
    void worksOverTheRealFileSystem(@TempDir Path temp) throws IOException {
        FaultInjectingFileSystem real = new FaultInjectingFileSystem(RealFileSystem.INSTANCE);
        WritableFile out = real.create(temp.resolve("f"));
        out.append(bytes(1, 2));
        out.sync();
        real.syncDirectory(temp);
        out.append(bytes(3));
        out.flush();
        real.createDirectories(temp.resolve("d"));
        real.create(temp.resolve("d").resolve("unsynced")).close();
        real.dropUnsyncedData();
        assertArrayEquals(bytes(1, 2), Files.readAllBytes(temp.resolve("f")));
        assertFalse(Files.exists(temp.resolve("d").resolve("unsynced")));
    }
}
