package lsmdb.core;

import static lsmdb.core.TestData.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write counters are added to by group leaders without atomic adds: writers racing from many threads (so
 * groups form and leadership changes hands) must still be counted exactly.
 */
class WriteCountersTest {

    @TempDir
    Path tmp;

    @Test
    void concurrentWritersAreCountedExactly() throws Exception {
        int threads = 4;
        int perThread = 2000;
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), Options.defaults().withSync(false))) {
            List<Thread> ts = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++) {
                int id = t;
                ts.add(new Thread(() -> {
                    try {
                        for (int i = 0; i < perThread; i++) {
                            db.put(b("t" + id + "-" + i), b("v"));
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            ts.forEach(Thread::start);
            for (Thread t : ts) {
                t.join();
            }
            assertTrue(failures.isEmpty(), () -> "writer failed: " + failures);
            long batches = Long.parseLong(db.property("lsmdb.write-batches"));
            long groups = Long.parseLong(db.property("lsmdb.write-groups"));
            assertEquals((long) threads * perThread, batches);
            assertTrue(groups >= 1 && groups <= batches, "groups " + groups);
        }
    }
}
