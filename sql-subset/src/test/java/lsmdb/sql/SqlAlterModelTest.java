package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random ALTER ADD/DROP/RENAME COLUMN, SET/DROP DEFAULT, inserts, updates and deletes against an in-memory model of
 * the table, with reopens, flushes and compactions in between: every stored row must read as the model says.
 */
class SqlAlterModelTest extends SqlTestBase {

    /** A column of the model: its name, whether it holds strings, and its current DEFAULT (null: none). */
    private static final class Col {
        String name;
        final boolean text;
        Object dflt;

        Col(String name, boolean text, Object dflt) {
            this.name = name;
            this.text = text;
            this.dflt = dflt;
        }
    }

    private final List<Col> cols = new ArrayList<>();
    private final TreeMap<Integer, Map<Col, Object>> rows = new TreeMap<>();
    private int names;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void randomAltersAndWritesMatchTheModel(long seed) throws Exception {
        Random r = new Random(seed);
        exec("CREATE TABLE t (id INT PRIMARY KEY, c0 BIGINT)");
        cols.add(new Col("C0", false, null));
        names = 1;
        for (int step = 0; step < 400; step++) {
            int op = r.nextInt(100);
            if (op < 8) {
                addColumn(r);
            } else if (op < 13 && cols.size() > 1) {
                Col c = cols.remove(r.nextInt(cols.size()));
                exec("ALTER TABLE t DROP COLUMN " + c.name);
                for (Map<Col, Object> row : rows.values()) {
                    row.remove(c);
                }
            } else if (op < 17) {
                Col c = cols.get(r.nextInt(cols.size()));
                String to = "R" + names++;
                exec("ALTER TABLE t RENAME COLUMN " + c.name + " TO " + to);
                c.name = to;
            } else if (op < 21) {
                Col c = cols.get(r.nextInt(cols.size()));
                if (r.nextBoolean()) {
                    c.dflt = value(r, c);
                    exec("ALTER TABLE t ALTER COLUMN " + c.name + " SET DEFAULT " + literal(c.dflt));
                } else {
                    c.dflt = null;
                    exec("ALTER TABLE t ALTER COLUMN " + c.name + " DROP DEFAULT");
                }
            } else if (op < 55) {
                insert(r);
            } else if (op < 80 && !rows.isEmpty()) {
                int id = someId(r);
                Col c = cols.get(r.nextInt(cols.size()));
                Object v = r.nextInt(5) == 0 ? null : value(r, c);
                exec("UPDATE t SET " + c.name + " = " + literal(v) + " WHERE id = " + id);
                rows.get(id).put(c, v);
            } else if (op < 92 && !rows.isEmpty()) {
                int id = someId(r);
                exec("DELETE FROM t WHERE id = " + id);
                rows.remove(id);
            } else if (op < 96) {
                reopen();
            } else {
                db.engine().flush();
                db.engine().compactRange(null, null);
            }
            if (step % 10 == 0) {
                check("seed " + seed + " step " + step);
            }
        }
        reopen();
        check("seed " + seed + " at the end");
    }

    private void addColumn(Random r) throws Exception {
        boolean text = r.nextBoolean();
        Col c = new Col("A" + names++, text, null);
        Object dflt = r.nextBoolean() ? value(r, c) : null;
        c.dflt = dflt;
        exec("ALTER TABLE t ADD COLUMN " + c.name + (text ? " VARCHAR(20)" : " BIGINT")
                + (dflt == null ? "" : " DEFAULT " + literal(dflt)));
        cols.add(c);
        for (Map<Col, Object> row : rows.values()) {
            row.put(c, dflt);
        }
    }

    private void insert(Random r) throws Exception {
        int id = r.nextInt(60);
        if (rows.containsKey(id)) {
            fails("23505", "INSERT INTO t (id) VALUES (" + id + ")");
            return;
        }
        Map<Col, Object> row = new LinkedHashMap<>();
        StringBuilder names = new StringBuilder("id");
        StringBuilder values = new StringBuilder(String.valueOf(id));
        for (Col c : cols) {
            if (r.nextBoolean()) {
                Object v = r.nextInt(5) == 0 ? null : value(r, c);
                row.put(c, v);
                names.append(", ").append(c.name);
                values.append(", ").append(literal(v));
            } else {
                row.put(c, c.dflt);
            }
        }
        exec("INSERT INTO t (" + names + ") VALUES (" + values + ")");
        rows.put(id, row);
    }

    private int someId(Random r) {
        List<Integer> ids = new ArrayList<>(rows.keySet());
        return ids.get(r.nextInt(ids.size()));
    }

    private static Object value(Random r, Col c) {
        return c.text ? "s" + r.nextInt(1000) : (Object) (long) (r.nextInt(2000) - 1000);
    }

    private static String literal(Object v) {
        return v == null ? "NULL" : v instanceof String s ? "'" + s + "'" : v.toString();
    }

    private void check(String where) throws Exception {
        List<List<Object>> expected = new ArrayList<>();
        for (Map.Entry<Integer, Map<Col, Object>> e : rows.entrySet()) {
            List<Object> row = new ArrayList<>();
            row.add(e.getKey());
            for (Col c : cols) {
                row.add(e.getValue().get(c));
            }
            expected.add(row);
        }
        StringBuilder select = new StringBuilder("SELECT id");
        for (Col c : cols) {
            select.append(", ").append(c.name);
        }
        assertEquals(expected, query(select + " FROM t ORDER BY id"), where);
        assertEquals(expected, query("SELECT * FROM t ORDER BY id"), where + " (SELECT *)");
    }
}
