package lsmdb.core;

import static lsmdb.core.TestData.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * First committer wins under concurrency: threads increment shared counters by read-at-snapshot then
 * conflict-checked write, retrying on conflict. Conflict-checked writes share group commits, so this also checks
 * that two members of one group writing the same key cannot both succeed: no increment is ever lost.
 */
class DbConflictTest {

    @TempDir
    Path tmp;

    @Test
    void concurrentIncrementsLoseNothing() throws Exception {
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), Options.defaults().withSync(true))) {
            int counters = 3;
            for (int c = 0; c < counters; c++) {
                db.put(b("counter" + c), b("0"));
            }
            AtomicLong committed = new AtomicLong();
            AtomicLong conflicts = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int thread = t;
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        byte[] key = b("counter" + ((thread + i) % counters));
                        for (;;) {
                            try (Snapshot s = db.snapshot()) {
                                long v = Long.parseLong(new String(db.get(key, s)));
                                try {
                                    db.write(new WriteBatch().put(key, b(Long.toString(v + 1))), true, s);
                                    committed.incrementAndGet();
                                    break;
                                } catch (WriteConflictException e) {
                                    conflicts.incrementAndGet();
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : tasks) {
                f.get();
            }
            pool.shutdown();
            long total = 0;
            for (int c = 0; c < counters; c++) {
                total += Long.parseLong(new String(db.get(b("counter" + c))));
            }
            assertEquals(6 * 150, committed.get());
            assertEquals(committed.get(), total, "every committed increment counted once (" + conflicts.get()
                    + " conflicts retried)");
            assertTrue(Long.parseLong(db.property("lsmdb.write-groups"))
                    <= Long.parseLong(db.property("lsmdb.write-batches")));
        }
    }
}
