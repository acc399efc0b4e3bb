package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ORDER BY ... LIMIT ... OFFSET against a model: the table's rows in key order (a scan's input order), stably sorted
 * in Java, then sliced. Values repeat often and include NULLs, so ties must keep their input order; limits run from
 * 0 past the small top-N's sorted array (64 rows) into the heap, with offsets, on one and two sort keys, each a
 * column of the select list or the first an expression of one, the select list in the table's column order or in
 * another.
 */
class TopNModelTest extends SqlTestBase {

    private final Random r = new Random(17);

    @Test
    void topNMatchesAStableSortOfTheScan() throws Exception {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b VARCHAR(10))");
        List<Object[]> rows = new ArrayList<>(); // in key order: id ascending
        for (int id = 0; id < 400; id++) {
            Integer a = r.nextInt(8) == 0 ? null : r.nextInt(12);
            String b = r.nextInt(10) == 0 ? null : "s" + r.nextInt(5);
            exec("INSERT INTO t VALUES (?, ?, ?)", id, a, b);
            rows.add(new Object[] {id, a, b});
        }
        int[] limits = {0, 1, 2, 5, 10, 63, 64, 65, 100, 399, 400, 1000};
        boolean smallSeen = false;
        boolean heapSeen = false;
        for (int q = 0; q < 300; q++) {
            boolean descA = r.nextBoolean();
            boolean twoKeys = r.nextBoolean();
            boolean descB = r.nextBoolean();
            Boolean nullsFirst = r.nextInt(3) == 0 ? null : r.nextBoolean();
            int limit = limits[r.nextInt(limits.length)];
            int offset = r.nextInt(3) == 0 ? r.nextInt(70) : 0;
            int filterBelow = r.nextInt(4) == 0 ? r.nextInt(400) : 400;
            smallSeen |= limit + offset <= 64;
            heapSeen |= limit + offset > 64;
            // the first key sometimes an expression of a column (a hidden output) rather than the column itself
            boolean computed = r.nextBoolean();
            // the select list sometimes in another order than the table's columns, so an output slot is not the
            // row's slot of the same number
            boolean permuted = r.nextBoolean();
            String sql = "SELECT " + (permuted ? "b, id, a" : "id, a, b") + " FROM t WHERE id < ? ORDER BY " + (computed ? "a + 0" : "a")
                    + (descA ? " DESC" : "")
                    + (nullsFirst == null ? "" : nullsFirst ? " NULLS FIRST" : " NULLS LAST")
                    + (twoKeys ? ", b" + (descB ? " DESC" : "") : "") + " LIMIT " + limit
                    + (offset > 0 ? " OFFSET " + offset : "");
            Comparator<Object[]> order = nullable(1, descA, nullsFirst);
            if (twoKeys) {
                order = order.thenComparing(nullable(2, descB, null));
            }
            List<Object[]> model = new ArrayList<>();
            for (Object[] row : rows) {
                if ((Integer) row[0] < filterBelow) {
                    model.add(row);
                }
            }
            model.sort(order); // List.sort is stable: ties keep key order
            List<List<Object>> expected = new ArrayList<>();
            for (int i = offset; i < Math.min(model.size(), offset + limit); i++) {
                Object[] m = model.get(i);
                expected.add(permuted ? java.util.Arrays.asList(m[2], m[0], m[1]) : java.util.Arrays.asList(m));
            }
            assertEquals(expected, query(sql, filterBelow), sql + " id < " + filterBelow);
        }
        assertTrue(smallSeen && heapSeen, "both top-N forms ran");
    }

    /**
     * A short top-N over an exact index lookup ({@code WHERE g = ? ORDER BY a DESC LIMIT 5}, the rows ranked as the
     * lookup gives them in the select list's layout) against a stable sort of the group's rows in index order (id
     * ascending): NULLs and ties among the values, one and two keys, offsets, the select list permuted, a statement
     * executed again and again, and a bound that does not convert exactly (then read through the general path).
     */
    @Test
    void topNOverAnIndexLookupMatchesAStableSortOfItsRows() throws Exception {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, g INTEGER, a INTEGER, b VARCHAR(10))");
        exec("CREATE INDEX t_g ON t (g)");
        List<Object[]> rows = new ArrayList<>(); // in key order: id ascending
        for (int id = 0; id < 600; id++) {
            Integer a = r.nextInt(6) == 0 ? null : r.nextInt(5);
            String b = r.nextInt(6) == 0 ? null : "s" + r.nextInt(3);
            int g = r.nextInt(40);
            exec("INSERT INTO t VALUES (?, ?, ?, ?)", id, g, a, b);
            rows.add(new Object[] {id, a, b, g});
        }
        for (int q = 0; q < 200; q++) {
            boolean descA = r.nextBoolean();
            boolean twoKeys = r.nextBoolean();
            boolean descB = r.nextBoolean();
            Boolean nullsFirst = r.nextInt(3) == 0 ? null : r.nextBoolean();
            int limit = 1 + r.nextInt(8);
            int offset = r.nextInt(3) == 0 ? r.nextInt(6) : 0;
            boolean permuted = r.nextBoolean();
            int g = r.nextInt(42);
            String sql = "SELECT " + (permuted ? "b, id, a" : "id, a, b") + " FROM t WHERE g = ? ORDER BY a"
                    + (descA ? " DESC" : "") + (nullsFirst == null ? "" : nullsFirst ? " NULLS FIRST" : " NULLS LAST")
                    + (twoKeys ? ", b" + (descB ? " DESC" : "") : "") + " LIMIT " + limit
                    + (offset > 0 ? " OFFSET " + offset : "");
            if (q == 0) {
                assertTrue(explain(sql, g).contains("INDEX T_G"), explain(sql, g));
            }
            Comparator<Object[]> order = nullable(1, descA, nullsFirst);
            if (twoKeys) {
                order = order.thenComparing(nullable(2, descB, null));
            }
            List<Object[]> model = new ArrayList<>();
            for (Object[] row : rows) {
                if ((Integer) row[3] == g) {
                    model.add(row);
                }
            }
            model.sort(order);
            List<List<Object>> expected = new ArrayList<>();
            for (int i = offset; i < Math.min(model.size(), offset + limit); i++) {
                Object[] m = model.get(i);
                expected.add(permuted ? java.util.Arrays.asList(m[2], m[0], m[1])
                        : java.util.Arrays.asList(m[0], m[1], m[2]));
            }
            Prepared p = session.prepare(sql);
            for (int again = 0; again < 2; again++) {
                assertEquals(expected, rows(p, g), sql + " g = " + g);
            }
            assertEquals(expected, rows(p, new java.math.BigDecimal(g + ".00")), sql + " g = " + g + ".00");
            assertEquals(List.of(), rows(p, new java.math.BigDecimal(g + ".5")), sql + " g = " + g + ".5");
        }
    }


    /**
     * A short top-N over DECIMAL amounts through an index lookup (peer-bench's {@code ORDER BY amount DESC LIMIT 5})
     * against a stable sort of the group's rows: amounts that tie often, NULLs, negatives, a column of small
     * precision (its values compared as doubles) and one of 30 digits (compared exactly, neighbours one unit in the
     * last place apart), and keys computed in other scales ({@code amount * 1.5}, {@code amount + 0.001}).
     */
    @Test
    void topNOverDecimalAmountsMatchesAStableSort() throws Exception {
        for (String type : new String[] {"DECIMAL(12,2)", "DECIMAL(30,10)"}) {
            int scale = type.endsWith(",2)") ? 2 : 10;
            exec("DROP TABLE IF EXISTS d");
            exec("CREATE TABLE d (id INTEGER PRIMARY KEY, g INTEGER, amount " + type + ")");
            exec("CREATE INDEX d_g ON d (g)");
            List<Object[]> rows = new ArrayList<>(); // in key order: id ascending
            java.math.BigDecimal big = new java.math.BigDecimal("12345678901234567890"); // 30 digits at scale 10
            for (int id = 0; id < 500; id++) {
                int g = r.nextInt(30);
                java.math.BigDecimal amount = r.nextInt(8) == 0 ? null
                        : scale == 2 ? java.math.BigDecimal.valueOf(r.nextInt(40) - 15, 2)
                        : big.add(java.math.BigDecimal.valueOf(r.nextInt(30) - 10, 10)).negate();
                exec("INSERT INTO d VALUES (?, ?, ?)", id, g, amount);
                rows.add(new Object[] {id, amount, g});
            }
            for (int q = 0; q < 150; q++) {
                boolean desc = r.nextBoolean();
                Boolean nullsFirst = r.nextInt(3) == 0 ? null : r.nextBoolean();
                int limit = 1 + r.nextInt(7);
                int g = r.nextInt(31);
                int key = r.nextInt(3); // amount, amount * 1.5, amount + 0.001
                String expr = key == 0 ? "amount" : key == 1 ? "amount * 1.5" : "amount + 0.001";
                String sql = "SELECT id, amount FROM d WHERE g = ? ORDER BY " + expr + (desc ? " DESC" : "")
                        + (nullsFirst == null ? "" : nullsFirst ? " NULLS FIRST" : " NULLS LAST") + " LIMIT " + limit;
                List<Object[]> model = new ArrayList<>();
                for (Object[] row : rows) {
                    if ((Integer) row[2] == g) {
                        model.add(row);
                    }
                }
                model.sort(nullable(1, desc, nullsFirst)); // * 1.5 and + 0.001 keep the order, and so the ties
                List<List<Object>> expected = new ArrayList<>();
                for (int i = 0; i < Math.min(model.size(), limit); i++) {
                    expected.add(java.util.Arrays.asList(model.get(i)[0], model.get(i)[1]));
                }
                assertEquals(expected, query(sql, g), type + ": " + sql + " g = " + g);
            }
        }
    }


    /** Column {@code i}'s order with SQL's NULL placement: first ascending and last descending by default. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Object[]> nullable(int i, boolean desc, Boolean nullsFirst) {
        boolean nullFirst = nullsFirst != null ? nullsFirst : !desc;
        return (x, y) -> {
            Comparable a = (Comparable) x[i];
            Comparable b = (Comparable) y[i];
            if (a == null || b == null) {
                return a == b ? 0 : (a == null) == nullFirst ? -1 : 1;
            }
            int c = a.compareTo(b);
            return desc ? -c : c;
        };
    }
}
