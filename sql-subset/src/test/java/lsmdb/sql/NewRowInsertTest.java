package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import lsmdb.core.CommitRoute;
import lsmdb.core.LsmDb;
import lsmdb.core.Options;
import lsmdb.core.Snapshot;
import lsmdb.core.WriteBatch;
import lsmdb.core.io.MemFileSystem;
import org.junit.jupiter.api.Test;

/**
 * A plain auto-commit INSERT of new rows reads the latest state and commits against a sequence mark, with no
 * snapshot registered; the commit's first-committer-wins check still guards its keys.
 */
class NewRowInsertTest extends SqlTestBase {

    @Test
    void concurrentInsertsOfTheSameKeysHaveExactlyOneWinnerEach() throws Exception {
        exec("CREATE TABLE kv (k BIGINT PRIMARY KEY, v INT)");
        int threads = 4;
        int keys = 400;
        AtomicIntegerArray winner = new AtomicIntegerArray(keys);
        AtomicIntegerArray wins = new AtomicIntegerArray(keys);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t + 1;
            tasks.add(pool.submit(() -> {
                List<Integer> order = new ArrayList<>();
                for (int k = 0; k < keys; k++) {
                    order.add(k);
                }
                Collections.shuffle(order, new Random(id));
                try (Session s = db.openSession()) {
                    Prepared p = s.prepare("INSERT INTO kv (k, v) VALUES (?, ?)");
                    for (int k : order) {
                        try {
                            assertEquals(1L, s.execute(p, new Object[] {(long) k, id}).updateCount());
                            wins.incrementAndGet(k);
                            winner.set(k, id);
                        } catch (SQLException e) {
                            assertTrue(e.getSQLState().equals("23505") || e.getSQLState().equals("40001"),
                                    e.getSQLState() + " " + e.getMessage());
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
        List<List<Object>> rows = query("SELECT k, v FROM kv ORDER BY k");
        assertEquals(keys, rows.size());
        for (int k = 0; k < keys; k++) {
            assertEquals(1, wins.get(k), "key " + k + " inserted " + wins.get(k) + " times");
            assertEquals(row((long) k, winner.get(k)), rows.get(k));
        }
    }

    @Test
    void aPlainInsertCommitsAgainstAMarkWithNoSnapshotLive() throws Exception {
        LsmDb engine = LsmDb.open(Path.of("/routed"), Options.defaults().withFileSystem(new MemFileSystem()));
        List<String> seen = new ArrayList<>();
        CommitRoute.LocalWriter[] local = new CommitRoute.LocalWriter[1];
        local[0] = engine.routeCommits((WriteBatch batch, boolean sync, Snapshot read) -> {
            seen.add((read == null ? "unchecked" : "checked") + ", live snapshots "
                    + engine.property("lsmdb.live-snapshots"));
            local[0].write(batch, sync);
        });
        try (SqlDatabase routed = SqlDatabase.open(engine); Session s = routed.openSession()) {
            exec(s, "CREATE TABLE kv (k BIGINT PRIMARY KEY, v INT)");
            exec(s, "CREATE TABLE ix (k BIGINT PRIMARY KEY, v INT)");
            exec(s, "CREATE UNIQUE INDEX ix_v ON ix (v)");
            seen.clear();
            exec(s, "INSERT INTO kv (k, v) VALUES (?, ?)", 1L, 10);
            assertEquals(List.of("checked, live snapshots 0"), seen);
            // A unique index is read by value, not by a key the statement writes: it keeps its snapshot.
            seen.clear();
            exec(s, "INSERT INTO ix (k, v) VALUES (?, ?)", 1L, 10);
            assertEquals(List.of("checked, live snapshots 1"), seen);
            seen.clear();
            exec(s, "INSERT INTO kv (k, v) VALUES ((SELECT MAX(k) FROM kv) + 1, 20)");
            assertEquals(List.of("checked, live snapshots 1"), seen);
            assertEquals(List.of(row(1L, 10), row(2L, 20)), query(s, "SELECT k, v FROM kv ORDER BY k"));
        }
    }

    @Test
    void aDuplicateStillFailsWhereverTheOldRowLies() throws Exception {
        exec("CREATE TABLE kv (k BIGINT PRIMARY KEY, v INT)");
        for (int i = 0; i < 300; i++) {
            exec("INSERT INTO kv (k, v) VALUES (?, ?)", (long) i, i);
        }
        db.engine().flush();
        exec("INSERT INTO kv (k, v) VALUES (?, ?)", 1000L, 0);
        fails("23505", "INSERT INTO kv (k, v) VALUES (?, ?)", 5L, 0); // in a table
        fails("23505", "INSERT INTO kv (k, v) VALUES (?, ?)", 1000L, 0); // in the memtable
        exec("DELETE FROM kv WHERE k = 5");
        exec("INSERT INTO kv (k, v) VALUES (?, ?)", 5L, 55);
        assertEquals(List.of(row(55)), query("SELECT v FROM kv WHERE k = 5"));
    }

    @Test
    void eachInsertOfAPreparedStatementHasItsOwnStatementTime() throws Exception {
        // The session keeps one context for these inserts: each must start with a time of its own.
        exec("CREATE TABLE ev (k BIGINT PRIMARY KEY, at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)");
        Prepared p = session.prepare("INSERT INTO ev (k) VALUES (?)");
        assertEquals(1L, session.execute(p, new Object[] {1L}).updateCount());
        Thread.sleep(50);
        assertEquals(1L, session.execute(p, new Object[] {2L}).updateCount());
        List<List<Object>> rows = query("SELECT at FROM ev ORDER BY k");
        java.sql.Timestamp first = (java.sql.Timestamp) rows.get(0).get(0);
        java.sql.Timestamp second = (java.sql.Timestamp) rows.get(1).get(0);
        assertTrue(second.getTime() - first.getTime() >= 40, first + " then " + second);
    }

    @Test
    void aConstraintAddedAfterThePreparedInsertRanIsEnforcedByIt() throws Exception {
        // A prepared insert commits without a snapshot only while its table has no index or foreign key: one added
        // after it ran must count from its next run.
        exec("CREATE TABLE parent (id BIGINT PRIMARY KEY)");
        exec("CREATE TABLE child (k BIGINT PRIMARY KEY, v INT, p BIGINT)");
        Prepared p = session.prepare("INSERT INTO child (k, v, p) VALUES (?, ?, ?)");
        assertEquals(1L, session.execute(p, new Object[] {1L, 10, null}).updateCount());
        exec("CREATE UNIQUE INDEX child_v ON child (v)");
        SQLException dup = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                () -> session.execute(p, new Object[] {2L, 10, null}));
        assertEquals("23505", dup.getSQLState());
        exec("ALTER TABLE child ADD CONSTRAINT child_parent FOREIGN KEY (p) REFERENCES parent (id)");
        SQLException orphan = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                () -> session.execute(p, new Object[] {3L, 30, 7L}));
        assertEquals("23503", orphan.getSQLState());
        exec("INSERT INTO parent (id) VALUES (7)");
        assertEquals(1L, session.execute(p, new Object[] {3L, 30, 7L}).updateCount());
        assertEquals(List.of(row(1L, 10, null), row(3L, 30, 7L)), query("SELECT k, v, p FROM child ORDER BY k"));
    }
}
