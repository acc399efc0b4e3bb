package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Inner index joins whose probe side is a primary-key point read only for its key ({@code JOIN o ON o.cid = c.id
 * WHERE c.id = ?}: the row made from the key, its existence checked with the inner rows' multi-get), checked against
 * a nested-loop model over random data: customers missing while their orders remain, orders with NULL keys, none,
 * one or more than a batch of orders; a LIMIT, a condition on the inner rows, a LEFT JOIN and a query reading a
 * customer column beside them (planned the usual way); parameters NULL or converting into no key; rows changed
 * between rounds, inside a transaction in odd rounds (its own writes seen), some rounds after a flush.
 */
class IndexJoinKeyProbeModelTest extends SqlTestBase {

    private record O(Long cid, int amt) {
    }

    @Test
    void keyOnlyProbeJoinsMatchTheModel() throws Exception {
        exec("CREATE TABLE c (name VARCHAR(10), id BIGINT PRIMARY KEY)");
        exec("CREATE TABLE o (id INT PRIMARY KEY, cid BIGINT, amt INT)");
        exec("CREATE INDEX o_cid ON o (cid)");
        TreeSet<Long> customers = new TreeSet<>();
        TreeMap<Integer, O> orders = new TreeMap<>();
        Random r = new Random(25);
        for (long id = 0; id < 24; id++) {
            if (r.nextInt(4) != 0) {
                exec("INSERT INTO c VALUES (?, ?)", "n" + id, id);
                customers.add(id);
            }
        }
        for (int id = 0; id < 300; id++) {
            O row = newRow(r);
            exec("INSERT INTO o VALUES (?, ?, ?)", id, row.cid(), row.amt());
            orders.put(id, row);
        }
        String plain = "SELECT o.id, o.amt FROM c JOIN o ON o.cid = c.id WHERE c.id = ?";
        String withKey = "SELECT c.id, o.id FROM c JOIN o ON o.cid = c.id WHERE c.id = ?";
        String limited = plain + " LIMIT 3";
        String checked = "SELECT o.id FROM c JOIN o ON o.cid = c.id AND o.amt > 500 WHERE c.id = ?";
        String left = "SELECT c.id, o.id FROM c LEFT JOIN o ON o.cid = c.id WHERE c.id = ?";
        String named = "SELECT c.name, o.id FROM c JOIN o ON o.cid = c.id WHERE c.id = ?";
        for (String sql : List.of(plain, withKey, limited, checked, left, named)) {
            String plan = explain(sql, 1L);
            assertTrue(plan.contains("INDEX JOIN") && plan.contains("INDEX O_CID"), plan);
        }
        for (int round = 0; round < 8; round++) {
            boolean tx = round % 2 == 1;
            if (tx) {
                session.setAutoCommit(false);
            }
            for (int i = 0; i < 6; i++) { // customers come and go; their orders stay
                long id = r.nextInt(26);
                exec("DELETE FROM c WHERE id = ?", id);
                if (!customers.remove(id) || r.nextBoolean()) {
                    exec("INSERT INTO c VALUES (?, ?)", "m" + id, id);
                    customers.add(id);
                }
            }
            for (int i = 0; i < 30; i++) {
                int id = r.nextInt(320);
                exec("DELETE FROM o WHERE id = ?", id);
                if (orders.remove(id) == null || r.nextBoolean()) {
                    O row = newRow(r);
                    exec("INSERT INTO o VALUES (?, ?, ?)", id, row.cid(), row.amt());
                    orders.put(id, row);
                }
            }
            Map<Long, String> names = new TreeMap<>();
            for (List<Object> row : query("SELECT id, name FROM c")) {
                names.put(((Number) row.get(0)).longValue(), (String) row.get(1));
            }
            assertEquals(customers, names.keySet(), "customers, round " + round);
            for (long cid = -1; cid <= 26; cid++) {
                boolean exists = customers.contains(cid);
                List<List<Object>> all = new ArrayList<>();
                List<List<Object>> keyed = new ArrayList<>();
                List<List<Object>> check = new ArrayList<>();
                List<List<Object>> named2 = new ArrayList<>();
                for (Map.Entry<Integer, O> e : orders.entrySet()) { // index order: cid equal, then o.id
                    O row = e.getValue();
                    if (!exists || row.cid() == null || row.cid() != cid) {
                        continue;
                    }
                    all.add(List.of(e.getKey(), row.amt()));
                    keyed.add(List.of(cid, e.getKey()));
                    if (row.amt() > 500) {
                        check.add(List.of(e.getKey()));
                    }
                    named2.add(List.of(names.get(cid), e.getKey()));
                }
                List<List<Object>> outer = new ArrayList<>(keyed);
                if (exists && outer.isEmpty()) {
                    outer.add(Arrays.asList(cid, null));
                }
                String at = "c.id " + cid + ", round " + round;
                assertEquals(numbersAsLongs(all), numbersAsLongs(query(plain, cid)), "plain, " + at);
                assertEquals(numbersAsLongs(keyed), numbersAsLongs(query(withKey, cid)), "with key, " + at);
                assertEquals(numbersAsLongs(all.subList(0, Math.min(3, all.size()))), numbersAsLongs(query(limited, cid)), "limit, " + at);
                assertEquals(numbersAsLongs(check), numbersAsLongs(query(checked, cid)), "checked, " + at);
                assertEquals(numbersAsLongs(outer), numbersAsLongs(query(left, cid)), "left, " + at);
                assertEquals(numbersAsLongs(named2), numbersAsLongs(query(named, cid)), "named, " + at);
                assertEquals(numbersAsLongs(all), numbersAsLongs(query(plain, new BigDecimal(cid + ".00"))), "exact decimal, " + at);
            }
            assertEquals(List.of(), query(plain, new BigDecimal("3.5")), "no key, round " + round);
            assertEquals(List.of(), query(plain, (Object) null), "NULL, round " + round);
            if (tx) {
                session.commit();
                session.setAutoCommit(true);
            }
            if (round % 3 == 2) {
                db.engine().flush();
            }
        }
    }

    /** An order: its customer NULL now and then, else one of few (3 most often: more orders than a batch holds). */
    private static O newRow(Random r) {
        int k = r.nextInt(20);
        Long cid = k == 0 ? null : k < 6 ? Long.valueOf(3) : Long.valueOf(r.nextInt(27) - 1);
        return new O(cid, r.nextInt(1000));
    }
}
