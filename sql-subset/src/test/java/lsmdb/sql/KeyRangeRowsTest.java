package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which queries the driver reads straight from the engine's range (the key range cursor) and which through the
 * operators: only columns of one exact primary-key range, in key order, up to a LIMIT, with nothing else to check.
 * Both give the same rows ({@link PrimaryKeyReadsModelTest}); this pins the choice.
 */
class KeyRangeRowsTest extends SqlTestBase {

    private String cursorOf(String sql, Object... params) throws Exception {
        Result r = session.execute(session.prepare(sql), params);
        try (RowCursor c = r.rows()) {
            return c.getClass().getSimpleName();
        }
    }

    @Test
    void rangesOfPlainColumnsReadStraightFromTheEngine() throws Exception {
        exec("CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(100), t TIME)");
        exec("INSERT INTO kv VALUES (1, 'a', TIME '10:00:00'), (2, 'b', NULL), (3, NULL, NULL)");
        for (String sql : List.of("SELECT k, v FROM kv WHERE k >= ? ORDER BY k LIMIT 100",
                "SELECT v FROM kv WHERE k > ? ORDER BY k",
                "SELECT v, k FROM kv WHERE k <= ? ORDER BY k DESC LIMIT 2")) {
            assertEquals("KeyRangeCursor", cursorOf(sql, 1), sql);
        }
        assertEquals("KeyRangeCursor", cursorOf("SELECT k, v FROM kv ORDER BY k LIMIT 2"));
        assertEquals("KeyRangeCursor", cursorOf("SELECT k FROM kv WHERE k >= ? AND k < ?", 1, 3));
    }

    /**
     * Both kinds of rows close the statement's own snapshot once they are closed or run out, and never the open
     * transaction's, which its later statements still read at.
     */
    @Test
    void rowsReleaseTheStatementsOwnSnapshotOnlyAndOnce() throws Exception {
        exec("CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(100))");
        exec("INSERT INTO kv VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        String range = "SELECT k, v FROM kv WHERE k >= ? ORDER BY k LIMIT 100";
        String twoReads = "SELECT k FROM kv WHERE k IN (SELECT k FROM kv WHERE v > ?)"; // takes a snapshot of its own
        assertEquals(0, liveSnapshots());
        for (boolean runOut : new boolean[] {false, true}) {
            for (String sql : List.of(range, twoReads)) {
                RowCursor c = session.execute(session.prepare(sql), new Object[] {sql == range ? 1 : "a"}).rows();
                assertEquals(sql == range ? "KeyRangeCursor" : "ResultRows", c.getClass().getSimpleName());
                assertTrue(c.next(), sql);
                assertEquals(sql == range ? 0 : 1, liveSnapshots(), sql + " while its rows are open");
                while (runOut && c.next()) {
                    c.get(0);
                }
                if (!runOut) {
                    c.close();
                }
                assertEquals(0, liveSnapshots(), sql + (runOut ? " run out" : " closed"));
                c.close();
                assertEquals(0, liveSnapshots(), sql + " closed again");
            }
        }
        session.setAutoCommit(false);
        assertEquals(List.of(row(2L, "b"), row(3L, "c")), query(range, 2));
        assertEquals(List.of(row(2L), row(3L)), query(twoReads, "a"));
        assertEquals(1, liveSnapshots(), "the transaction's snapshot outlives its statements' rows");
        exec("INSERT INTO kv VALUES (4, 'd')");
        assertEquals(List.of(row(3L, "c"), row(4L, "d")), query(range, 3));
        session.commit();
        assertEquals(0, liveSnapshots());
    }

    private int liveSnapshots() {
        return Integer.parseInt(db.engine().property("lsmdb.live-snapshots"));
    }

    @Test
    void otherShapesAndExecutionsGoThroughTheOperators() throws Exception {
        exec("CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(100), t TIME)");
        exec("INSERT INTO kv VALUES (1, 'a', TIME '10:00:00'), (2, 'b', NULL), (3, NULL, NULL)");
        for (String sql : List.of("SELECT k, v FROM kv WHERE k >= ? ORDER BY k LIMIT 2 OFFSET 1",
                "SELECT k, v FROM kv WHERE k >= ? AND v > 'a' ORDER BY k LIMIT 2",
                "SELECT k, t FROM kv WHERE k >= ? ORDER BY k LIMIT 2",
                "SELECT k, v FROM kv WHERE k = ?",
                "SELECT k, v FROM kv WHERE k IN (?, 3) ORDER BY k",
                "SELECT k + 1, v FROM kv WHERE k >= ? ORDER BY k LIMIT 2",
                "SELECT v FROM kv WHERE k >= ? ORDER BY v LIMIT 2",
                "SELECT DISTINCT v FROM kv WHERE k >= ? LIMIT 2")) {
            assertEquals("ResultRows", cursorOf(sql, 1), sql);
        }
        // a bound that does not convert into the key exactly: the operators filter the wider range
        assertEquals("ResultRows", cursorOf("SELECT k, v FROM kv WHERE k >= ? ORDER BY k LIMIT 2", 1.5));
        assertEquals(List.of(row(2L, "b"), row(3L, null)),
                query("SELECT k, v FROM kv WHERE k >= ? ORDER BY k LIMIT 2", 1.5));
    }

    @Test
    void valuesHaveTheClassesOfTheGeneralPath() throws Exception {
        exec("CREATE TABLE t (k INTEGER PRIMARY KEY, s SMALLINT, d DOUBLE, b BOOLEAN, n DECIMAL(10, 2), x DATE,"
                + " ts TIMESTAMP, c CHAR(3), vb VARBINARY(4))");
        exec("INSERT INTO t VALUES (1, 2, 1.5, TRUE, 12.34, DATE '2024-01-02', TIMESTAMP '2024-01-02 03:04:05',"
                + " 'ab', X'0102'), (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
        String direct = "SELECT k, s, d, b, n, x, ts, c, vb FROM t WHERE k >= ? ORDER BY k LIMIT 5";
        assertEquals("KeyRangeCursor", cursorOf(direct, 0));
        String general = "SELECT k, s, d, b, n, x, ts, c, vb FROM t WHERE k >= ? ORDER BY k LIMIT 5 OFFSET 0";
        assertEquals("ResultRows", cursorOf(general, 0));
        assertEquals(classesAndValues(general), classesAndValues(direct));
    }

    private String classesAndValues(String sql) throws Exception {
        StringBuilder b = new StringBuilder();
        Result r = session.execute(session.prepare(sql), new Object[] {0});
        try (RowCursor c = r.rows()) {
            while (c.next()) {
                for (int i = 0; i < c.columns().size(); i++) {
                    Object v = c.get(i);
                    b.append(v == null ? "null" : v.getClass().getName() + ":"
                            + (v instanceof byte[] a ? java.util.Arrays.toString(a) : v)).append(' ');
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    /**
     * Only a one-column BIGINT key reads as a {@code long}, at either end of its range; other keys (INTEGER, composite,
     * none) and other columns read through the row.
     */
    @Test
    void onlyAOneColumnBigintKeyReadsAsALong() throws Exception {
        exec("CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(10), n BIGINT)");
        exec("INSERT INTO kv VALUES (?, 'min', 1), (-1, NULL, NULL), (0, 'zero', 3), (?, 'max', 4)",
                Long.MIN_VALUE, Long.MAX_VALUE);
        List<Long> keys = new java.util.ArrayList<>();
        Result r = session.execute(session.prepare("SELECT n, k, v FROM kv WHERE k >= ? ORDER BY k LIMIT 10"),
                new Object[] {Long.MIN_VALUE});
        try (RowCursor c = r.rows()) {
            assertEquals("KeyRangeCursor", c.getClass().getSimpleName());
            while (c.next()) {
                assertTrue(!c.readsLong(0) && c.readsLong(1) && !c.readsLong(2));
                keys.add(c.getLong(1));
                assertEquals(keys.get(keys.size() - 1), c.get(1));
            }
        }
        assertEquals(List.of(Long.MIN_VALUE, -1L, 0L, Long.MAX_VALUE), keys);
        exec("CREATE TABLE ik (k INTEGER PRIMARY KEY, v BIGINT)");
        exec("CREATE TABLE two (a BIGINT, b BIGINT, PRIMARY KEY (a, b))");
        exec("CREATE TABLE nokey (a BIGINT, b BIGINT)");
        exec("INSERT INTO ik VALUES (1, 2)");
        exec("INSERT INTO two VALUES (1, 2)");
        exec("INSERT INTO nokey VALUES (1, 2)");
        for (String sql : List.of("SELECT k, v FROM ik WHERE k >= ? ORDER BY k LIMIT 10",
                "SELECT a, b FROM two WHERE a >= ? ORDER BY a LIMIT 10", "SELECT a, b FROM nokey LIMIT ?")) {
            try (RowCursor c = session.execute(session.prepare(sql), new Object[] {1}).rows()) {
                assertTrue(c.next(), sql);
                assertTrue(!c.readsLong(0) && !c.readsLong(1), sql);
            }
        }
    }

    /**
     * What a plan's rows decode is worked out once per plan and shared by its executions: executions of one prepared
     * query open at once, stepped in turn, each still give the rows of its own range (checked against a model).
     */
    @Test
    void executionsOfOnePlanOpenAtOnceReadTheirOwnRows() throws Exception {
        exec("CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(20), n INTEGER)");
        java.util.TreeMap<Long, Object[]> model = new java.util.TreeMap<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(25);
        for (long k = 0; k < 300; k++) {
            if (random.nextInt(4) != 0) {
                String v = random.nextInt(5) == 0 ? null : "v" + random.nextInt(1000);
                exec("INSERT INTO kv VALUES (?, ?, ?)", k, v, (int) k * 7);
                model.put(k, new Object[] {v, (int) k * 7});
            }
        }
        for (String sql : List.of("SELECT v, k FROM kv WHERE k >= ? ORDER BY k LIMIT 40",
                "SELECT k, n, v FROM kv WHERE k >= ? ORDER BY k LIMIT 40")) {
            Prepared p = session.prepare(sql);
            boolean keyFirst = sql.startsWith("SELECT k");
            for (int round = 0; round < 20; round++) {
                long[] from = {random.nextInt(320), random.nextInt(320), random.nextInt(320)};
                RowCursor[] open = new RowCursor[from.length];
                List<List<Object>> got = new java.util.ArrayList<>();
                for (int i = 0; i < open.length; i++) {
                    open[i] = session.execute(p, new Object[] {from[i]}).rows();
                    assertEquals("KeyRangeCursor", open[i].getClass().getSimpleName(), sql);
                    got.add(new java.util.ArrayList<>());
                }
                // all step, then each column is read across the open rows in turn, so no execution's row (decoded
                // columns, key) may stand in another's place
                boolean[] on = new boolean[open.length];
                java.util.Arrays.fill(on, true);
                for (boolean any = true; any; ) {
                    any = false;
                    Object[][] rows = new Object[open.length][3];
                    for (int i = 0; i < open.length; i++) {
                        on[i] = on[i] && open[i].next();
                        any |= on[i];
                    }
                    for (int c = 0; c < (keyFirst ? 3 : 2); c++) {
                        for (int i = 0; i < open.length; i++) {
                            if (on[i]) {
                                rows[i][c] = keyFirst && c == 0 ? (Object) open[i].getLong(0) : open[i].get(c);
                            }
                        }
                    }
                    for (int i = 0; i < open.length; i++) {
                        if (on[i]) {
                            got.get(i).add(keyFirst ? List.of(rows[i][0], rows[i][1], String.valueOf(rows[i][2]))
                                    : java.util.Arrays.asList(String.valueOf(rows[i][0]), rows[i][1]));
                        }
                    }
                }
                for (int i = 0; i < open.length; i++) {
                    open[i].close();
                    List<Object> want = new java.util.ArrayList<>();
                    model.tailMap(from[i], true).entrySet().stream().limit(40).forEach(e -> want.add(keyFirst
                            ? List.of(e.getKey(), e.getValue()[1], String.valueOf(e.getValue()[0]))
                            : java.util.Arrays.asList(String.valueOf(e.getValue()[0]), e.getKey())));
                    assertEquals(want, got.get(i), sql + " from " + from[i]);
                }
            }
        }
    }
}
