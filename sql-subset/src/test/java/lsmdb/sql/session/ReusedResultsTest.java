package lsmdb.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import lsmdb.sql.RowCursor;
import lsmdb.sql.Session;
import lsmdb.sql.exec.Cursor;
import lsmdb.sql.exec.Cursors;
import lsmdb.sql.plan.Plan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A session gives an aggregate query's last rows again only for the same plan, equal parameters and the same
 * committed state ({@link ReusedResults}); plans that read a clock or a system table, or are not aggregates, never
 * qualify; and through sessions, over random commits, rollbacks, transactions with their own writes and DDL, every
 * answer matches a model.
 */
class ReusedResultsTest {

    private static final String BY_STATUS = "SELECT s, COUNT(*), SUM(v) FROM t GROUP BY s ORDER BY s";
    private static final String ABOVE = "SELECT COUNT(*), SUM(v) FROM t WHERE v > ?";

    private MemSession mem;
    private Session other;

    @BeforeEach
    void open() throws Exception {
        mem = new MemSession();
        other = mem.db.openSession();
        mem.run("CREATE TABLE t (id BIGINT PRIMARY KEY, s VARCHAR(8), v INT)");
    }

    @AfterEach
    void close() throws Exception {
        other.close();
        mem.close();
    }

    @Test
    void onlyRepeatableAggregatesQualify() throws Exception {
        assertTrue(ReusedResults.qualifies(plan(BY_STATUS)));
        assertTrue(ReusedResults.qualifies(plan(ABOVE)));
        assertTrue(ReusedResults.qualifies(plan("SELECT MAX(v) FROM t WHERE s = ? LIMIT 1")));
        assertFalse(ReusedResults.qualifies(plan("SELECT id, v FROM t WHERE v > ?")), "not an aggregate");
        assertFalse(ReusedResults.qualifies(plan("SELECT COUNT(*), CURRENT_TIMESTAMP FROM t")), "a clock");
        assertFalse(ReusedResults.qualifies(plan("SELECT s, COUNT(*) FROM t WHERE v > EXTRACT(YEAR FROM NOW()) GROUP BY s")),
                "a clock in a condition");
        assertFalse(ReusedResults.qualifies(plan("SELECT COUNT(*) FROM t WHERE id IN (SELECT id FROM t WHERE v "
                + "< EXTRACT(DAY FROM CURRENT_DATE))")), "a clock in a subquery");
        assertFalse(ReusedResults.qualifies(plan("SELECT COUNT(*) FROM SYS.STATS")), "a system table");
    }

    @Test
    void rowsAreGivenAgainForTheSamePlanParametersAndSequenceOnly() throws Exception {
        Plan.Select s = plan(ABOVE);
        Plan.Select sameText = plan("SELECT COUNT(*), SUM(v) FROM t WHERE v > ? ");
        ReusedResults r = new ReusedResults();
        Object[] one = {1L};
        drain(r.keep(s, one, 7, Cursors.of(List.<Object[]>of(new Object[] {3L, 12L}))));
        one[0] = 2L; // the caller's array changes after: the kept parameters must not
        assertEquals(List.of("3 12"), rows(r.reuse(s, new Object[] {1L}, 7)));
        assertEquals(List.of("3 12"), rows(r.reuse(s, new Object[] {1L}, 7)), "again and again");
        assertNull(r.reuse(s, new Object[] {1L}, 8), "something was committed since");
        assertNull(r.reuse(s, new Object[] {2L}, 7), "other parameters");
        assertNull(r.reuse(sameText, new Object[] {1L}, 7), "another plan");
    }

    @Test
    void manyRowsOrChangeableValuesAreServedButNotKept() throws Exception {
        Plan.Select s = plan(BY_STATUS);
        ReusedResults r = new ReusedResults();
        List<Object[]> many = new ArrayList<>();
        for (long i = 0; i <= ReusedResults.MAX_ROWS + 5; i++) {
            many.add(new Object[] {"s" + i, i, i * 2});
        }
        assertEquals(many.size(), drain(r.keep(s, new Object[0], 3, Cursors.of(many))), "every row served");
        assertNull(r.reuse(s, new Object[0], 3), "too many to keep");
        List<Object[]> bytes = List.<Object[]>of(new Object[] {"a", 1L, new byte[] {1}});
        assertEquals(1, drain(r.keep(s, new Object[0], 3, Cursors.of(bytes))));
        assertNull(r.reuse(s, new Object[0], 3), "a byte[] can be changed by whoever gets it");
        List<Object[]> few = List.<Object[]>of(new Object[] {"a", 1L, 2L});
        drain(r.keep(s, new Object[0], 3, Cursors.of(few)));
        assertNotNull(r.reuse(s, new Object[0], 3));
    }

    @Test
    void aSessionKeepsAnAggregatesRowsUntilSomethingIsCommitted() throws Exception {
        mem.run("INSERT INTO t VALUES (1, 'a', 5)");
        ReusedResults kept = keptOf(mem.session);
        Plan.Select s = plan(BY_STATUS);
        assertNull(kept.reuse(s, new Object[0], lastSequence()), "not run yet");
        assertEquals(List.of("a 1 5"), mem.rows(BY_STATUS));
        assertEquals(List.of("a 1 5"), rows(kept.reuse(s, new Object[0], lastSequence())), "kept");
        other.execute(other.prepare("BEGIN"), new Object[0]);
        other.execute(other.prepare("INSERT INTO t VALUES (2, 'b', 6)"), new Object[0]);
        assertNotNull(kept.reuse(s, new Object[0], lastSequence()), "nothing committed yet");
        other.execute(other.prepare("COMMIT"), new Object[0]);
        assertNull(kept.reuse(s, new Object[0], lastSequence()), "a commit of another session");
        assertEquals(List.of("a 1 5", "b 1 6"), mem.rows(BY_STATUS));
    }

    @Test
    void answersMatchTheModelOverCommitsRollbacksTransactionsAndDdl() throws Exception {
        Random rnd = new Random(20261201);
        TreeMap<Long, Object[]> model = new TreeMap<>(); // id -> {s, v}
        String[] statuses = {"a", "b", "c"};
        for (int step = 0; step < 1500; step++) {
            int op = rnd.nextInt(10);
            long id = rnd.nextInt(40);
            String st = statuses[rnd.nextInt(statuses.length)];
            int v = rnd.nextInt(100);
            if (op <= 1) { // another session commits a change
                write(other, model, id, st, v);
            } else if (op == 2) { // another session changes a row and rolls back: nothing committed
                other.execute(other.prepare("BEGIN"), new Object[0]);
                other.execute(other.prepare("DELETE FROM t WHERE id = ?"), new Object[] {id});
                other.execute(other.prepare("ROLLBACK"), new Object[0]);
            } else if (op == 3) { // this session, in a transaction of its own writes, asks, then commits or not
                TreeMap<Long, Object[]> inTx = new TreeMap<>(model);
                mem.session.execute(mem.session.prepare("BEGIN"), new Object[0]);
                write(mem.session, inTx, id, st, v);
                assertEquals(expectedByStatus(inTx), mem.rows(BY_STATUS), "own uncommitted write, step " + step);
                if (rnd.nextBoolean()) {
                    mem.run("COMMIT");
                    model = inTx;
                } else {
                    mem.run("ROLLBACK");
                }
            } else if (op == 4 && step % 50 == 0) { // DDL: a new index, a new plan, a new sequence
                mem.run("CREATE INDEX t_v" + step + " ON t(v)");
            } else {
                long above = rnd.nextInt(3) * 30L;
                assertEquals(expectedByStatus(model), mem.rows(BY_STATUS), "step " + step);
                assertEquals(expectedAbove(model, above), mem.rows(ABOVE, above), "step " + step);
            }
        }
    }

    private static void write(Session s, TreeMap<Long, Object[]> model, long id, String st, int v)
            throws SQLException {
        if (model.containsKey(id) && (v % 3 == 0)) {
            s.execute(s.prepare("DELETE FROM t WHERE id = ?"), new Object[] {id});
            model.remove(id);
        } else if (model.containsKey(id)) {
            s.execute(s.prepare("UPDATE t SET s = ?, v = ? WHERE id = ?"), new Object[] {st, v, id});
            model.put(id, new Object[] {st, v});
        } else {
            s.execute(s.prepare("INSERT INTO t VALUES (?, ?, ?)"), new Object[] {id, st, v});
            model.put(id, new Object[] {st, v});
        }
    }

    private static List<String> expectedByStatus(TreeMap<Long, Object[]> model) {
        TreeMap<String, long[]> groups = new TreeMap<>();
        for (Object[] r : model.values()) {
            long[] g = groups.computeIfAbsent((String) r[0], k -> new long[2]);
            g[0]++;
            g[1] += (Integer) r[1];
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : groups.entrySet()) {
            out.add(e.getKey() + " " + e.getValue()[0] + " " + e.getValue()[1]);
        }
        return out;
    }

    private static List<String> expectedAbove(TreeMap<Long, Object[]> model, long above) {
        long n = 0;
        long sum = 0;
        for (Object[] r : model.values()) {
            if ((Integer) r[1] > above) {
                n++;
                sum += (Integer) r[1];
            }
        }
        return List.of(n + " " + (n == 0 ? "null" : String.valueOf(sum)));
    }

    private long lastSequence() {
        return mem.db.engine().lastSequence();
    }

    private static ReusedResults keptOf(Session s) throws ReflectiveOperationException {
        java.lang.reflect.Field f = SessionImpl.class.getDeclaredField("reused");
        f.setAccessible(true);
        return (ReusedResults) f.get(s);
    }

    private Plan.Select plan(String sql) throws SQLException {
        return (Plan.Select) ((PreparedPlan) mem.session.prepare(sql)).plan;
    }

    private static int drain(Cursor c) throws SQLException {
        int n = 0;
        while (c.next() != null) {
            n++;
        }
        c.close();
        return n;
    }

    private static List<String> rows(RowCursor c) throws SQLException {
        assertNotNull(c, "rows given again");
        List<String> out = new ArrayList<>();
        while (c.next()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < c.columns().size(); i++) {
                line.append(i == 0 ? "" : " ").append(c.get(i));
            }
            out.add(line.toString());
        }
        c.close();
        return out;
    }
}
