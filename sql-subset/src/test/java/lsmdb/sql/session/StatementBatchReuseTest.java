package lsmdb.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import lsmdb.core.LsmDb;
import lsmdb.core.Options;
import lsmdb.core.io.MemFileSystem;
import lsmdb.sql.Result;
import lsmdb.sql.RowCursor;
import lsmdb.sql.Session;
import lsmdb.sql.SqlDatabase;
import org.junit.jupiter.api.Test;

/**
 * Auto-commit statements of two sessions, interleaved, against a model: each session writes through one batch it
 * clears and uses again ({@link StatementBatch}). A batch that kept an earlier statement's records would
 * write them again, undoing the other session's later change to those rows; one that kept a failed statement's rows
 * would write what failed. Single rows, lists of rows past the kept-record bound and values past the kept-byte bound
 * all pass through it, so the batch is kept, dropped and made anew.
 */
class StatementBatchReuseTest {

    @Test
    void interleavedAutoCommitWritesOfTwoSessionsMatchAModel() throws Exception {
        MemFileSystem fs = new MemFileSystem();
        Options options = Options.defaults().withFileSystem(fs).withWriteBufferSize(256 << 10);
        try (SqlDatabase db = SqlDatabase.open(LsmDb.open(Path.of("/db"), options))) {
            Session[] sessions = {db.openSession(), db.openSession()};
            exec(sessions[0], "CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(200000))");
            TreeMap<Long, String> model = new TreeMap<>();
            Random r = new Random(23);
            for (int step = 0; step < 1500; step++) {
                Session s = sessions[r.nextInt(2)];
                long k = r.nextInt(400);
                int op = r.nextInt(100);
                if (op < 45) {
                    String v = value(r, step);
                    if (model.containsKey(k)) {
                        SQLException e = assertThrows(SQLException.class,
                                () -> exec(s, "INSERT INTO kv (k, v) VALUES (?, ?)", k, v));
                        assertEquals("23505", e.getSQLState());
                    } else {
                        assertEquals(1, exec(s, "INSERT INTO kv (k, v) VALUES (?, ?)", k, v));
                        model.put(k, v);
                    }
                } else if (op < 55) {
                    // A list of new rows: more than a kept batch may hold, now and then.
                    int n = 1 + r.nextInt(r.nextBoolean() ? 4 : 120);
                    StringBuilder sql = new StringBuilder("INSERT INTO kv (k, v) VALUES ");
                    Map<Long, String> rows = new TreeMap<>();
                    for (int i = 0; i < n; i++) {
                        long nk = 1000 + step * 200L + i;
                        String v = "m" + step + "-" + i;
                        sql.append(i == 0 ? "" : ", ").append('(').append(nk).append(", '").append(v).append("')");
                        rows.put(nk, v);
                    }
                    assertEquals(n, exec(s, sql.toString()));
                    model.putAll(rows);
                } else if (op < 80) {
                    String v = value(r, step);
                    long expected = model.containsKey(k) ? 1 : 0;
                    assertEquals(expected, exec(s, "UPDATE kv SET v = ? WHERE k = ?", v, k));
                    if (expected == 1) {
                        model.put(k, v);
                    }
                } else {
                    assertEquals(model.containsKey(k) ? 1 : 0, exec(s, "DELETE FROM kv WHERE k = ?", k));
                    model.remove(k);
                }
                if (step % 50 == 0) {
                    assertSameRows(model, read(sessions[r.nextInt(2)]), "after step " + step);
                }
            }
            assertSameRows(model, read(sessions[0]), "at the end");
            for (Session s : sessions) {
                s.close();
            }
        }
    }

    /** Fails naming the first key whose row differs (the rows themselves may be long). */
    private static void assertSameRows(TreeMap<Long, String> expected, TreeMap<Long, String> actual, String when) {
        TreeSet<Long> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (long k : keys) {
            String e = expected.get(k);
            String a = actual.get(k);
            if (!Objects.equals(e, a)) {
                fail(when + ": key " + k + " holds " + brief(a) + ", expected " + brief(e));
            }
        }
    }

    private static String brief(String v) {
        return v == null ? "no row" : v.length() > 40 ? v.substring(0, 40) + "... (" + v.length() + " chars)" : v;
    }

    /** Mostly short; one in 40 longer than a kept batch's bytes. */
    private static String value(Random r, int step) {
        if (r.nextInt(40) == 0) {
            return "big" + step + "x".repeat(StatementBatch.KEPT_BYTES + r.nextInt(1000));
        }
        return "v" + step + "-" + r.nextInt(1000);
    }

    private static long exec(Session s, String sql, Object... params) throws SQLException {
        Result result = s.execute(s.prepare(sql), params);
        return result.updateCount();
    }

    private static TreeMap<Long, String> read(Session s) throws SQLException {
        TreeMap<Long, String> out = new TreeMap<>();
        Result result = s.execute(s.prepare("SELECT k, v FROM kv"), new Object[0]);
        try (RowCursor c = result.rows()) {
            while (c.next()) {
                out.put((Long) c.get(0), (String) c.get(1));
            }
        }
        return out;
    }
}
