package lsmdb.core.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import lsmdb.core.format.InternalKey;
import org.junit.jupiter.api.Test;

/** A version's levels: the files as given, read-only, and one list class for every level size. */
class LevelFilesTest {

    private static FileMetaData file(long number) {
        byte[] key = InternalKey.forSeek(new byte[] {(byte) number}, InternalKey.MAX_SEQUENCE);
        return new FileMetaData(number, 100, key, key, 1);
    }

    @Test
    void everyLevelIsOneReadOnlyClassHoldingTheFilesInOrder() {
        List<List<FileMetaData>> levels = new ArrayList<>();
        levels.add(Collections.emptyList());
        for (int level = 1; level < Version.NUM_LEVELS; level++) {
            List<FileMetaData> files = new ArrayList<>();
            for (int i = 0; i < level; i++) {
                files.add(file(level * 10 + i));
            }
            levels.add(level % 2 == 0 ? List.copyOf(files) : files); // List.copyOf's class depends on the size
        }
        Version v = new Version(levels, List.of(), () -> { });
        Class<?> kind = v.files(0).getClass();
        for (int level = 0; level < Version.NUM_LEVELS; level++) {
            List<FileMetaData> files = v.files(level);
            assertSame(kind, files.getClass(), "level " + level);
            assertEquals(levels.get(level), files);
            assertEquals(level, v.numFiles(level));
            assertThrows(UnsupportedOperationException.class, () -> files.add(file(99)));
        }
        levels.get(1).clear(); // the version keeps its own copy
        assertEquals(1, v.files(1).size());
    }
}
