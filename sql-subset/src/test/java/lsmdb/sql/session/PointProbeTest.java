package lsmdb.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import lsmdb.sql.Session;
import lsmdb.sql.exec.Basic;
import lsmdb.sql.exec.Joins;
import lsmdb.sql.exec.Node;
import lsmdb.sql.plan.Plan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An index join whose probe side is a primary-key point with no other condition reads that row with one point get
 * at open ({@code Joins.Index.point}), not through a filter over a scan cursor: planned only for that shape, and
 * checked against a model over random changes, in and out of a transaction (its own writes seen), with values that
 * convert into the key exactly, with loss (then the filter decides) or are NULL, inner and LEFT joins, an inner key
 * that is a whole key (one row, no list) or a key prefix (a range).
 */
class PointProbeTest {

    private MemSession mem;
    private Session session;

    @BeforeEach
    void open() throws Exception {
        mem = new MemSession();
        session = mem.session;
        mem.customersAndOrders(5, 20); // customer 5: orders, no row
        mem.run("CREATE TABLE ln (cust BIGINT, n INT, v VARCHAR(10), PRIMARY KEY (cust, n))");
    }

    @AfterEach
    void close() throws Exception {
        mem.close();
    }

    @Test
    void onlyAKeyPointWithoutOtherConditionsIsReadAtOpen() throws Exception {
        String point = "SELECT c.name, o.amount FROM od o JOIN cu c ON c.id = o.cust WHERE o.id = ?";
        assertNotNull(join(point).point(), "a key point probe");
        assertNotNull(join("SELECT o.id FROM cu c JOIN od o ON o.cust = c.id WHERE c.id = ?").point());
        assertNull(join(point + " AND o.amount > ?").point(), "a condition the point does not carry");
        assertNull(join("SELECT c.name FROM od o JOIN cu c ON c.id = o.cust WHERE o.id BETWEEN ? AND ?").point(),
                "a key range");
        assertNull(join("SELECT l.v FROM cu c JOIN ln l ON l.cust = c.id WHERE c.id > ?").point(), "a range");
    }

    @Test
    void pointProbeJoinsMatchTheModel() throws Exception {
        TreeMap<Long, String> customers = new TreeMap<>();
        TreeMap<Long, Long[]> orders = new TreeMap<>(); // id -> {cust, amount}
        TreeMap<List<Long>, String> lines = new TreeMap<>((a, b) -> a.get(0).equals(b.get(0))
                ? a.get(1).compareTo(b.get(1)) : a.get(0).compareTo(b.get(0)));
        for (long c = 0; c < 5; c++) {
            customers.put(c, "n" + c);
        }
        for (long o = 0; o < 20; o++) {
            orders.put(o, new Long[] {o % 6, o * 10});
        }
        String inner = "SELECT c.name, o.amount FROM od o JOIN cu c ON c.id = o.cust WHERE o.id = ?";
        String left = "SELECT o.amount, c.name FROM od o LEFT JOIN cu c ON c.id = o.cust WHERE o.id = ?";
        String range = "SELECT l.n, l.v FROM od o JOIN ln l ON l.cust = o.cust WHERE o.id = ?";
        for (String q : List.of(inner, left, range)) {
            assertNotNull(join(q).point(), q);
        }
        Random r = new Random(7);
        for (int round = 0; round < 8; round++) {
            boolean tx = round % 2 == 1;
            if (tx) {
                session.setAutoCommit(false);
            }
            for (int i = 0; i < 20; i++) {
                long c = r.nextInt(8);
                mem.run("DELETE FROM cu WHERE id = " + c);
                if (customers.remove(c) == null || r.nextBoolean()) {
                    mem.run("INSERT INTO cu VALUES (" + c + ", 'm" + round + "." + i + "')");
                    customers.put(c, "m" + round + "." + i);
                }
                long o = r.nextInt(25);
                Long cust = r.nextInt(7) == 0 ? null : (long) r.nextInt(8);
                mem.run("DELETE FROM od WHERE id = " + o);
                if (orders.remove(o) == null || r.nextBoolean()) {
                    mem.run("INSERT INTO od VALUES (" + o + ", " + cust + ", " + (round * 100 + i) + ")");
                    orders.put(o, new Long[] {cust, (long) round * 100 + i});
                }
                List<Long> lk = List.of((long) r.nextInt(8), (long) r.nextInt(3));
                mem.run("DELETE FROM ln WHERE cust = " + lk.get(0) + " AND n = " + lk.get(1));
                if (lines.remove(lk) == null || r.nextBoolean()) {
                    mem.run("INSERT INTO ln VALUES (" + lk.get(0) + ", " + lk.get(1) + ", 'v" + i + "')");
                    lines.put(lk, "v" + i);
                }
            }
            for (long o = -1; o <= 25; o++) {
                Long[] order = orders.get(o);
                Long cust = order == null ? null : order[0];
                String name = cust == null ? null : customers.get(cust);
                List<String> expInner = new ArrayList<>();
                List<String> expLeft = new ArrayList<>();
                List<String> expRange = new ArrayList<>();
                if (order != null) {
                    if (name != null) {
                        expInner.add(name + " " + order[1]);
                    }
                    expLeft.add(order[1] + " " + name);
                    lines.forEach((k, v) -> {
                        if (k.get(0).equals(cust)) {
                            expRange.add(k.get(1) + " " + v);
                        }
                    });
                }
                String at = "order " + o + ", round " + round;
                for (Object key : new Object[] {o, new BigDecimal(o + ".00")}) { // both convert exactly
                    assertEquals(expInner, mem.rows(inner, key), "inner, " + at);
                    assertEquals(expLeft, mem.rows(left, key), "left, " + at);
                    assertEquals(expRange, mem.rows(range, key), "range, " + at);
                }
                assertEquals(List.of(), mem.rows(inner, new BigDecimal(o + ".5")), "no key, " + at);
                assertEquals(List.of(), mem.rows(left, new BigDecimal(o + ".5")), "no key, " + at);
            }
            assertEquals(List.of(), mem.rows(inner, (Object) null));
            assertEquals(List.of(), mem.rows(left, (Object) null));
            if (tx) {
                session.commit();
                session.setAutoCommit(true);
            }
        }
    }

    /** The query's one index join. */
    private Joins.Index join(String sql) throws Exception {
        Node n = ((Plan.Select) ((PreparedPlan) session.prepare(sql)).plan).root();
        while (!(n instanceof Joins.Index)) {
            n = n instanceof Basic.Project p ? p.input() : ((Basic.Filter) n).input();
        }
        return (Joins.Index) n;
    }
}
