package lsmdb.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A random load leaves the base level large against the last one; level 0 and the base level then go into the last
 * level in one merge (three levels' files in one compaction). The data must read back as a model holds it, with
 * overwrites and deletions of keys whose versions sit in all three levels, and after a reopen.
 */
class DbThroughCompactionTest {

    private static final Pattern THROUGH = Pattern.compile("compacted level 0 \\(\\d+ files\\) \\+ level 5 \\(\\d+ files\\) \\+ level 6");

    @TempDir
    Path tmp;

    @Test
    void levelZeroBaseAndLastLevelMergedInOneCompactionKeepEveryNewestVersion() throws Exception {
        Path dir = tmp.resolve("db");
        Options o = Options.defaults().withSync(false).withWriteBufferSize(32 << 10).withTargetFileSize(16 << 10)
                .withMaxBytesForLevelBase(64 << 10).withBlockSize(1024);
        TreeMap<String, byte[]> model = new TreeMap<>();
        Random r = new Random(3);
        try (LsmDb db = LsmDb.open(dir, o)) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 15_000; i++) {
                    String k = String.format("k%06d", r.nextInt(20_000));
                    if (round > 0 && r.nextInt(8) == 0) {
                        db.delete(k.getBytes());
                        model.remove(k);
                    } else {
                        byte[] v = new byte[60 + r.nextInt(80)];
                        r.nextBytes(v);
                        db.put(k.getBytes(), v);
                        model.put(k, v);
                    }
                }
                check(db, model);
            }
        }
        String log = Files.readString(dir.resolve("LOG"));
        assertTrue(THROUGH.matcher(log).find(), "no compaction took level 0 and level 5 into level 6 at once:\n" + log);
        try (LsmDb db = LsmDb.open(dir, o)) {
            check(db, model);
        }
    }

    private static void check(LsmDb db, TreeMap<String, byte[]> model) throws Exception {
        for (int i = 0; i < 20_000; i += 7) {
            String k = String.format("k%06d", i);
            byte[] want = model.get(k);
            byte[] got = db.get(k.getBytes());
            if (want == null) {
                assertEquals(null, got, k);
            } else {
                assertArrayEquals(want, got, k);
            }
        }
        try (LsmIterator it = db.iterator()) {
            it.seekToFirst();
            for (Map.Entry<String, byte[]> e : model.entrySet()) {
                assertTrue(it.isValid(), "iterator ended before " + e.getKey());
                assertEquals(e.getKey(), new String(it.key()));
                assertTrue(Arrays.equals(e.getValue(), it.value()), e.getKey());
                it.next();
            }
            assertFalse(it.isValid(), "iterator holds more than the model");
        }
    }
}
