package lsmdb.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database with more tables than it may keep open ({@link Options#maxOpenFiles()}): readers scanning at once open
 * and evict each other's tables all the time, and every scan still sees every key.
 */
class DbTableChurnTest {

    private static final int TABLES = 8;
    private static final int KEYS_PER_TABLE = 100;

    @TempDir
    Path dir;

    @Test
    void concurrentScansOverMoreTablesThanStayOpen() throws Exception {
        try (LsmDb db = LsmDb.open(dir, Options.defaults().withMaxOpenFiles(2))) {
            for (int t = 0; t < TABLES; t++) {
                for (int i = 0; i < KEYS_PER_TABLE; i++) {
                    db.put(key(t * KEYS_PER_TABLE + i), key(i));
                }
                db.flush(); // one table per round: level 0 holds several, every scan merges them all
            }
            long scans = Racers.race(3, 1_500, reader -> {
                int n = 0;
                try (LsmIterator it = db.iterator()) {
                    for (it.seekToFirst(); it.isValid(); it.next()) {
                        n++;
                    }
                }
                assertEquals(TABLES * KEYS_PER_TABLE, n, "keys seen by one scan");
            });
            assertTrue(scans >= 30, "too few scans to have raced: " + scans);
        }
    }

    private static byte[] key(int i) {
        return String.format("k%06d", i).getBytes(UTF_8);
    }
}
