package lsmdb.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import lsmdb.core.io.FaultInjectingFileSystem;
import lsmdb.core.io.MemFileSystem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A compaction's outputs are fsynced on helper threads while it merges: a failed fsync of any of them must still
 * fail the compaction (nothing unsynced named in the MANIFEST), leave none of its outputs behind, and lose nothing.
 */
class CompactionOutputSyncTest {

    private static final Path DIR = Path.of("/db");

    private static byte[] key(int i) {
        return String.format("k%06d", i).getBytes();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void aFailedOutputSyncFailsTheCompactionAndLeavesNoOutputBehind(int syncsBeforeFailure) throws Exception {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new MemFileSystem());
        Options options = Options.defaults().withFileSystem(fs).withSync(false).withWriteBufferSize(1 << 20)
                .withTargetFileSize(8 << 10).withBlockSize(1024);
        TreeMap<String, String> model = new TreeMap<>();
        LsmDb db = LsmDb.open(DIR, options);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 3000; i += round + 1) {
                String v = "v" + round + "-" + i + "-" + "x".repeat(i % 40);
                db.put(key(i), v.getBytes());
                model.put(new String(key(i)), v);
            }
            db.flush(); // the second flush overlaps the first: level 0 over the last level
        }
        Set<String> before = tables(fs);
        assertTrue(before.size() >= 2, "tables: " + before);
        fs.failSyncsAfter(syncsBeforeFailure); // the merge writes about 12 outputs of 8 KB
        assertThrows(IOException.class, () -> db.compactRange(null, null));
        fs.reset();
        assertEquals(before, tables(fs), "the failed compaction's outputs are deleted");
        try {
            db.close();
        } catch (IOException ignored) {
            // the database failed in the background; closing may report it again
        }
        try (LsmDb reopened = LsmDb.open(DIR, options)) {
            try (LsmIterator it = reopened.iterator()) {
                it.seekToFirst();
                for (Map.Entry<String, String> e : model.entrySet()) {
                    assertTrue(it.isValid(), "missing " + e.getKey());
                    assertEquals(e.getKey(), new String(it.key()));
                    assertArrayEquals(e.getValue().getBytes(), it.value());
                    it.next();
                }
                assertTrue(!it.isValid());
            }
            reopened.compactRange(null, null); // and a compaction works again
            assertArrayEquals(model.get(new String(key(10))).getBytes(), reopened.get(key(10)));
        }
    }

    private static Set<String> tables(FaultInjectingFileSystem fs) throws IOException {
        Set<String> s = new TreeSet<>();
        for (String name : fs.list(DIR)) {
            if (name.endsWith(".sst")) {
                s.add(name);
            }
        }
        return s;
    }
}
