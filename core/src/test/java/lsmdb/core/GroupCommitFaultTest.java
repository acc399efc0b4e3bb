package lsmdb.core;

import static lsmdb.core.TestData.b;
import static lsmdb.core.TestData.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lsmdb.core.io.FaultInjectingFileSystem;
import lsmdb.core.io.RealFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Groups of concurrent writers whose log append fails part way: a group reaches the memtable only once the log
 * holds all of it, so no failed write is ever visible, every acknowledged one is, and what survives a reopen is,
 * for each writer, a prefix of its writes (the group's records keep their sequence order).
 */
class GroupCommitFaultTest {

    private static final int THREADS = 6;
    private static final int BATCH = 3;

    @TempDir
    Path tmp;

    @Test
    void aLogAppendFailingMidGroupLeavesNoFailedWriteVisibleAndEveryAcknowledgedOne() throws Exception {
        for (int failAfter : new int[] {0, 1, 7, 40, 250}) {
            runOnce(tmp.resolve("db" + failAfter), failAfter);
        }
    }

    @Test
    void theMemtableAppliesAGroupInTheLogsOrder() throws Exception {
        // Every batch also writes one shared key: the value readers see must be the one the log replays.
        for (int round = 0; round < 5; round++) {
            Path dir = tmp.resolve("order" + round);
            String live;
            try (LsmDb db = LsmDb.open(dir, Options.defaults())) {
                runWriters(id -> {
                    for (int i = 0; i < 2000; i++) {
                        WriteBatch batch = new WriteBatch();
                        batch.put(b(key(id, i, 0)), b(value(id, i, 0)));
                        batch.put(b("shared"), b(value(id, i, 1)));
                        db.write(batch);
                    }
                });
                live = s(db.get(b("shared")));
            }
            try (LsmDb reopened = LsmDb.open(dir, Options.defaults())) {
                assertEquals(s(reopened.get(b("shared"))), live, "the log replays another order than was applied");
            }
        }
    }

    private void runOnce(Path dir, int failAfter) throws Exception {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(RealFileSystem.INSTANCE);
        Options options = Options.defaults().withFileSystem(fs);
        int[] acknowledged = new int[THREADS];
        boolean[] failed = new boolean[THREADS];
        LsmDb db = LsmDb.open(dir, options);
        try {
            fs.failWritesAfter(failAfter);
            runWriters(id -> {
                for (int i = 0; i < 100_000; i++) {
                    WriteBatch batch = new WriteBatch();
                    for (int j = 0; j < BATCH; j++) {
                        batch.put(b(key(id, i, j)), b(value(id, i, j)));
                    }
                    try {
                        db.write(batch);
                    } catch (IOException injected) {
                        failed[id] = true;
                        return; // the database refuses every later write too
                    }
                    acknowledged[id] = i + 1;
                }
            });
            for (int t = 0; t < THREADS; t++) {
                assertTrue(failed[t], "writer " + t + " never met the failing log (after " + failAfter + " appends)");
                for (int i = 0; i < acknowledged[t]; i++) {
                    for (int j = 0; j < BATCH; j++) {
                        assertEquals(value(t, i, j), s(db.get(b(key(t, i, j)))), "acknowledged " + key(t, i, j));
                    }
                }
                for (int j = 0; j < BATCH; j++) {
                    assertNull(db.get(b(key(t, acknowledged[t], j))), "failed write visible: " + key(t, acknowledged[t], j)
                            + " (failing after " + failAfter + " appends)");
                }
            }
        } finally {
            try {
                db.close();
            } catch (IOException ignored) {
                // closing a database whose log failed may fail too
            }
        }
        fs.reset();
        try (LsmDb reopened = LsmDb.open(dir, options)) {
            for (int t = 0; t < THREADS; t++) {
                int survived = 0;
                while (reopened.get(b(key(t, survived, 0))) != null) {
                    survived++;
                }
                assertTrue(survived >= acknowledged[t], "writer " + t + ": " + survived + " of " + acknowledged[t]
                        + " acknowledged batches survived");
                assertTrue(survived <= acknowledged[t] + 1, "writer " + t + " has batches it never wrote");
                for (int i = 0; i < survived; i++) {
                    for (int j = 0; j < BATCH; j++) {
                        assertEquals(value(t, i, j), s(reopened.get(b(key(t, i, j)))), "batch is whole: " + key(t, i, j));
                    }
                }
                for (int i = survived; i < survived + 3; i++) {
                    assertNull(reopened.get(b(key(t, i, 1))), "a later batch survived without an earlier one");
                }
            }
        }
    }

    /** What writer {@code id} does. */
    private interface Writer {
        void write(int id) throws Exception;
    }

    /** Runs {@link #THREADS} writers, started together, and waits for all of them (a writer's failure fails it). */
    private static void runWriters(Writer writer) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    start.await();
                    writer.write(id);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static String key(int thread, int i, int j) {
        return String.format("t%d-%06d-%d", thread, i, j);
    }

    private static String value(int thread, int i, int j) {
        return "v" + thread + "/" + i + "/" + j;
    }
}
