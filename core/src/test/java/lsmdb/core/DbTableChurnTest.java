package lsmdb.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong scans = new AtomicLong();
            long deadline = System.nanoTime() + 1_500_000_000L;
            Thread[] readers = new Thread[3];
            for (int r = 0; r < readers.length; r++) {
                readers[r] = new Thread(() -> {
                    try {
                        while (System.nanoTime() < deadline && failure.get() == null) {
                            int n = 0;
                            try (LsmIterator it = db.iterator()) {
                                for (it.seekToFirst(); it.isValid(); it.next()) {
                                    n++;
                                }
                            }
                            assertEquals(TABLES * KEYS_PER_TABLE, n, "keys seen by one scan");
                            scans.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
                readers[r].start();
            }
            for (Thread t : readers) {
                t.join();
            }
            if (failure.get() != null) {
                throw new AssertionError("after " + scans.get() + " scans", failure.get());
            }
            assertTrue(scans.get() >= 30, "too few scans to have raced: " + scans.get());
        }
    }

    private static byte[] key(int i) {
        return String.format("k%06d", i).getBytes(UTF_8);
    }
}
