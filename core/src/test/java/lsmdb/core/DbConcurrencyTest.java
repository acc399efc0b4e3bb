package lsmdb.core;

import static lsmdb.core.TestData.b;
import static lsmdb.core.TestData.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers and iterators run while writers, flushes and compactions run. Each batch writes the same generation to
 * every key of a group, so a reader at a snapshot must see one generation across the group (no partial batch), and
 * keys deleted for good must never come back.
 */
class DbConcurrencyTest {

    @TempDir
    Path tmp;

    private static final int GROUPS = 200;
    private static final int GROUP_SIZE = 5;

    private static byte[] key(int group, int member) {
        return b(String.format("g%04d-%d", group, member));
    }

    @Test
    void readersNeverSeePartialBatchesOrResurrectedKeys() throws Exception {
        Options o = Options.defaults().withSync(false).withWriteBufferSize(32 << 10).withTargetFileSize(32 << 10)
                .withMaxBytesForLevelBase(128 << 10).withBlockSize(1024);
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        try (LsmDb db = LsmDb.open(tmp.resolve("db"), o)) {
            // Keys "dead-N" are written once and deleted; they must stay deleted.
            for (int i = 0; i < 500; i++) {
                db.put(b("dead-" + i), b("x"));
            }
            for (int i = 0; i < 500; i++) {
                db.delete(b("dead-" + i));
            }
            ExecutorService pool = Executors.newFixedThreadPool(5);
            List<Future<?>> tasks = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writer = w;
                tasks.add(pool.submit(() -> {
                    Random r = new Random(writer);
                    int gen = 0;
                    while (!stop.get() && gen < 8000) {
                        int g = r.nextInt(GROUPS);
                        WriteBatch batch = new WriteBatch();
                        String v = writer + ":" + (gen++) + ":" + "p".repeat(r.nextInt(60));
                        for (int m = 0; m < GROUP_SIZE; m++) {
                            batch.put(key(g, m), b(v));
                        }
                        db.write(batch);
                    }
                    return null;
                }));
            }
            tasks.add(pool.submit(() -> {
                Random r = new Random(99);
                while (!stop.get()) {
                    try (Snapshot snap = db.snapshot()) {
                        int g = r.nextInt(GROUPS);
                        String first = s(db.get(key(g, 0), snap));
                        for (int m = 1; m < GROUP_SIZE; m++) {
                            String v = s(db.get(key(g, m), snap));
                            if (!java.util.Objects.equals(first, v)) {
                                failures.add("group " + g + " member " + m + ": " + v + " != " + first);
                            }
                        }
                        String dead = s(db.get(b("dead-" + r.nextInt(500))));
                        if (dead != null) {
                            failures.add("deleted key came back: " + dead);
                        }
                    }
                }
                return null;
            }));
            tasks.add(pool.submit(() -> {
                while (!stop.get()) {
                    try (LsmIterator it = db.iterator()) {
                        String groupValue = null;
                        int members = 0;
                        for (it.seekToFirst(); it.isValid(); it.next()) {
                            String k = s(it.key());
                            if (k.startsWith("dead-")) {
                                failures.add("iterator saw deleted key " + k);
                                continue;
                            }
                            String v = s(it.value());
                            if (k.endsWith("-0")) {
                                groupValue = v;
                                members = 1;
                            } else {
                                members++;
                                if (!v.equals(groupValue)) {
                                    failures.add("iterator: partial batch at " + k);
                                }
                            }
                        }
                    }
                }
                return null;
            }));
            tasks.add(pool.submit(() -> {
                for (int i = 0; i < 6 && !stop.get(); i++) {
                    Thread.sleep(150);
                    db.compactRange(null, null);
                }
                return null;
            }));
            tasks.get(0).get();
            tasks.get(1).get();
            stop.set(true);
            for (Future<?> f : tasks) {
                f.get();
            }
            pool.shutdown();
            assertTrue(failures.isEmpty(), failures.size() + " failures, first: " + failures.peek());
            assertTrue(Long.parseLong(db.property("lsmdb.flush-count")) > 5, db.property("lsmdb.stats"));
            assertTrue(Long.parseLong(db.property("lsmdb.compaction-count")) > 0, db.property("lsmdb.stats"));
            for (int i = 0; i < 500; i++) {
                assertNull(db.get(b("dead-" + i)));
            }
            try (LsmIterator it = db.iterator()) {
                int n = 0;
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    n++;
                }
                assertEquals(GROUPS * GROUP_SIZE, n, "every group was written at least once by 16000 random batches");
            }
        }
    }

    @Test
    void concurrentDurableWritersShareFsyncsAndAllSurviveAReopen() throws Exception {
        Path dir = tmp.resolve("durable");
        int threads = 4;
        int perThread = 150;
        long syncs;
        try (LsmDb db = LsmDb.open(dir, Options.defaults().withSync(true))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        db.put(b("t" + id + "-" + i), b("v" + i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            String stats = db.property("lsmdb.stats");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("wal syncs (\\d+)").matcher(stats);
            assertTrue(m.find(), stats);
            syncs = Long.parseLong(m.group(1));
        }
        // One fsync per write would be threads * perThread; a queue of writers shares each one.
        assertTrue(syncs < threads * perThread * 3 / 4, syncs + " fsyncs for " + threads * perThread + " durable writes");
        try (LsmDb db = LsmDb.open(dir, Options.defaults())) {
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < perThread; i++) {
                    assertEquals("v" + i, s(db.get(b("t" + t + "-" + i))));
                }
            }
        }
    }
}
