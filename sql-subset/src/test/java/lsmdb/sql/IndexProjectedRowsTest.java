package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A projection of plain columns over an exact index lookup ({@code SELECT b, id FROM t WHERE g = ?}) decodes each row
 * into one array the cursor reuses and copies the output columns out: checked against a model with NULLs among the
 * values (a slot of the previous row must never show through), columns repeated and reordered, statements executed
 * again and again, inside transactions, after flushes and reopening, bounds that do not convert exactly, and a table
 * changed by ALTER.
 */
class IndexProjectedRowsTest extends SqlTestBase {

    private static final int GROUPS = 40;

    /** Columns a, b, c of each id; g is the group. */
    private record Values(long g, String a, BigDecimal b, String c) {
        Object get(String column, long id) {
            return switch (column) {
                case "id" -> id;
                case "g" -> g;
                case "a" -> a;
                case "b" -> b;
                case "c" -> c;
                default -> throw new IllegalArgumentException(column);
            };
        }
    }

    private static final String[][] PROJECTIONS = {
        {"b", "id"}, {"c", "a", "c"}, {"id"}, {"g", "b"}, {"a"}, {"id", "g", "a", "b", "c"}};

    @Test
    void projectedIndexRowsMatchTheModel() throws Exception {
        exec("CREATE TABLE t (id BIGINT PRIMARY KEY, g BIGINT, a VARCHAR(10), b DECIMAL(12,2), c VARCHAR(30))");
        exec("CREATE INDEX t_g ON t (g)");
        Random r = new Random(23);
        TreeMap<Long, Values> model = new TreeMap<>();
        for (long id = 0; id < 400; id++) {
            put(model, id, randomValues(r));
        }
        List<Prepared> statements = new ArrayList<>();
        for (String[] p : PROJECTIONS) {
            statements.add(session.prepare("SELECT " + String.join(", ", p) + " FROM t WHERE g = ?"));
        }
        String plan = explain("SELECT b, id FROM t WHERE g = ?", 1);
        assertTrue(plan.contains("INDEX T_G"), plan);
        for (int round = 0; round < 8; round++) {
            boolean tx = round % 3 == 1;
            if (tx) {
                session.setAutoCommit(false);
            }
            for (int i = 0; i < 80; i++) {
                long id = r.nextInt(450);
                if (r.nextInt(4) == 0) {
                    exec("DELETE FROM t WHERE id = ?", id);
                    model.remove(id);
                } else {
                    exec("DELETE FROM t WHERE id = ?", id);
                    put(model, id, randomValues(r));
                }
            }
            for (int g = 0; g < GROUPS + 1; g++) {
                for (int s = 0; s < PROJECTIONS.length; s++) {
                    assertEquals(expected(model, g, PROJECTIONS[s]), rows(statements.get(s), g),
                            String.join(",", PROJECTIONS[s]) + " g = " + g + ", round " + round);
                }
            }
            // a bound that does not convert exactly into the BIGINT column selects nothing, through the general path
            assertEquals(List.of(), rows(statements.get(0), new BigDecimal("2.5")));
            assertEquals(expected(model, 3, PROJECTIONS[0]), rows(statements.get(0), new BigDecimal("3.00")));
            if (tx) {
                session.commit();
                session.setAutoCommit(true);
            }
            if (round == 2) {
                db.engine().flush();
            } else if (round == 5) {
                reopen();
                statements.clear();
                for (String[] p : PROJECTIONS) {
                    statements.add(session.prepare("SELECT " + String.join(", ", p) + " FROM t WHERE g = ?"));
                }
            }
        }
        // rows stored before ADD COLUMN are read whole (the table's later layout): d is NULL for them, 7 for new ones
        exec("ALTER TABLE t ADD COLUMN d INT DEFAULT 7");
        exec("INSERT INTO t VALUES (1000, 5, NULL, 1.50, 'x', 9)");
        exec("INSERT INTO t (id, g, a, b, c) VALUES (1001, 5, 'y', NULL, NULL)");
        List<List<Object>> got = query("SELECT d, b, id FROM t WHERE g = ?", 5);
        List<List<Object>> want = new ArrayList<>();
        for (List<Object> row : expected(model, 5, new String[] {"b", "id"})) {
            want.add(row(7, row.get(0), row.get(1)));
        }
        want.add(row(9, new BigDecimal("1.50"), 1000L));
        want.add(row(7, null, 1001L));
        assertEquals(want, got);
    }

    private void put(TreeMap<Long, Values> model, long id, Values v) throws Exception {
        exec("INSERT INTO t VALUES (?, ?, ?, ?, ?)", id, v.g(), v.a(), v.b(), v.c());
        model.put(id, v);
    }

    private static Values randomValues(Random r) {
        String a = r.nextInt(3) == 0 ? null : "a" + r.nextInt(1000);
        BigDecimal b = r.nextInt(3) == 0 ? null : BigDecimal.valueOf(r.nextInt(100000), 2);
        String c = r.nextInt(3) == 0 ? null : "c" + r.nextInt(1_000_000_000);
        return new Values(r.nextInt(GROUPS), a, b, c);
    }

    /** The model's rows of group {@code g} in index order (g, then id), the given columns of each. */
    private static List<List<Object>> expected(TreeMap<Long, Values> model, long g, String[] columns) {
        List<List<Object>> out = new ArrayList<>();
        for (Map.Entry<Long, Values> e : model.entrySet()) {
            if (e.getValue().g() == g) {
                List<Object> row = new ArrayList<>();
                for (String c : columns) {
                    row.add(e.getValue().get(c, e.getKey()));
                }
                out.add(row);
            }
        }
        return out;
    }
}
