package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An index scan's filter skips the terms the index range carries only when this execution's values convert into the
 * integer index columns exactly. Against an in-memory model of the rows: equality and ranges on a one-column index,
 * on a composite index (equality, then a range on a DESC column), with parameters of every class (fractions, numeric
 * strings, NULL, values beyond the column's range; an inexact value reads the whole index, so dropping the filter
 * there would return every row), NULLs in the indexed columns, other conditions beside them. Index joins get the
 * same model check for outer values that are fractions.
 */
class IndexCarriedFilterModelTest extends SqlTestBase {

    private final Random r = new Random(7);

    /** id, a (BIGINT, nullable), b (INTEGER, nullable), v. */
    private final List<long[]> rows = new ArrayList<>();
    private final List<boolean[]> nulls = new ArrayList<>();

    private Object param() {
        int k = r.nextInt(24) - 2;
        return switch (r.nextInt(9)) {
            case 0 -> null;
            case 1 -> k + 0.5;
            case 2 -> Integer.toString(k);
            case 3 -> (double) k;
            case 4 -> r.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
            case 5 -> r.nextBoolean() ? 3_000_000_000L : -3_000_000_000L;
            case 6 -> (int) k;
            default -> (long) k;
        };
    }

    /** SQL's answer to {@code value op p}: null for unknown. */
    private static Boolean compare(Long value, String op, Object p) {
        if (p == null || value == null) {
            return null;
        }
        double v = p instanceof String s ? Double.parseDouble(s) : ((Number) p).doubleValue();
        int c = p instanceof Long l ? Long.compare(value, l) : Double.compare((double) value, v);
        return switch (op) {
            case ">=" -> c >= 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            case "<" -> c < 0;
            default -> c == 0;
        };
    }

    private void load() throws Exception {
        exec("CREATE TABLE t (id BIGINT PRIMARY KEY, a BIGINT, b INTEGER, v INTEGER)");
        exec("CREATE INDEX t_a ON t(a)");
        exec("CREATE INDEX t_ab ON t(a, b DESC)");
        exec("CREATE INDEX t_b ON t(b DESC)");
        for (long id = 0; id < 300; id++) {
            boolean aNull = r.nextInt(12) == 0;
            boolean bNull = r.nextInt(12) == 0;
            long a = r.nextInt(20);
            long b = r.nextInt(20);
            long v = r.nextInt(10);
            exec("INSERT INTO t VALUES (?, ?, ?, ?)", id, aNull ? null : a, bNull ? null : (int) b, (int) v);
            rows.add(new long[] {id, a, b, v});
            nulls.add(new boolean[] {aNull, bNull});
        }
    }

    private Long a(int i) {
        return nulls.get(i)[0] ? null : rows.get(i)[1];
    }

    private Long b(int i) {
        return nulls.get(i)[1] ? null : rows.get(i)[2];
    }

    @Test
    void indexRangesMatchTheModel() throws Exception {
        load();
        String[] ops = {"=", ">=", ">", "<=", "<"};
        int indexed = 0;
        for (int q = 0; q < 800; q++) {
            boolean onA = r.nextInt(3) > 0;
            String aOp = "=";
            String bOp = ops[r.nextInt(ops.length)];
            boolean withB = !onA || r.nextBoolean();
            boolean extra = r.nextBoolean();
            boolean swapped = r.nextBoolean();
            Object pa = param();
            Object pb = param();
            long vMax = r.nextInt(10);
            List<String> where = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            if (onA) {
                where.add(swapped ? "? = a" : "a = ?");
                params.add(pa);
            }
            if (withB) {
                where.add("b " + bOp + " ?");
                params.add(pb);
            }
            if (extra) {
                where.add("v <= ?");
                params.add((int) vMax);
            }
            String sql = "SELECT id FROM t WHERE " + String.join(" AND ", where);
            List<List<Object>> expected = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if ((!onA || Boolean.TRUE.equals(compare(a(i), aOp, pa)))
                        && (!withB || Boolean.TRUE.equals(compare(b(i), bOp, pb)))
                        && (!extra || rows.get(i)[3] <= vMax)) {
                    expected.add(List.of(rows.get(i)[0]));
                }
            }
            List<List<Object>> got;
            try {
                got = new ArrayList<>(query(sql, params.toArray()));
                got.sort(Comparator.comparing(row -> (Long) row.get(0)));
            } catch (java.sql.SQLException e) {
                continue; // a value the comparison refuses must not be answered wrongly
            }
            assertEquals(expected, got, sql + " " + params);
            String plan = explain(sql, params.toArray());
            indexed += plan.contains("INDEX") ? 1 : 0;
        }
        assertTrue(indexed > 400, "only " + indexed + " queries read an index");
    }

    @Test
    void indexJoinsMatchTheModelAlsoForInexactOuterValues() throws Exception {
        load();
        exec("CREATE TABLE p (id BIGINT PRIMARY KEY, x DOUBLE, y DECIMAL(10,2))");
        List<Object[]> outer = new ArrayList<>();
        for (long id = 0; id < 40; id++) {
            int k = r.nextInt(22) - 1;
            Double x = switch (r.nextInt(4)) {
                case 0 -> null;
                case 1 -> k + 0.5;
                default -> (double) k;
            };
            java.math.BigDecimal y = r.nextBoolean() ? java.math.BigDecimal.valueOf(k * 100L + (r.nextBoolean() ? 0 : 25), 2)
                    : null;
            exec("INSERT INTO p VALUES (?, ?, ?)", id, x, y);
            outer.add(new Object[] {id, x, y});
        }
        int exactAndNot = 0;
        for (String col : new String[] {"x", "y"}) {
            for (boolean left : new boolean[] {false, true}) {
                String sql = "SELECT p.id, t.id FROM p " + (left ? "LEFT " : "") + "JOIN t ON t.a = p." + col
                        + " WHERE p.id = ?";
                assertTrue(explain(sql, 1L).contains("INDEX JOIN"), explain(sql, 1L));
                for (Object[] o : outer) {
                    Object pv = col.equals("x") ? o[1] : o[2];
                    Double d = pv == null ? null : ((Number) pv).doubleValue();
                    List<List<Object>> expected = new ArrayList<>();
                    for (int i = 0; i < rows.size(); i++) {
                        if (d != null && a(i) != null && (double) a(i) == d) {
                            expected.add(java.util.Arrays.asList(o[0], rows.get(i)[0]));
                        }
                    }
                    if (left && expected.isEmpty()) {
                        expected.add(java.util.Arrays.asList(o[0], null));
                    }
                    List<List<Object>> got = new ArrayList<>(query(sql, o[0]));
                    got.sort(Comparator.comparing(row -> row.get(1) == null ? -1L : (Long) row.get(1)));
                    assertEquals(expected, got, sql + " " + pv);
                    exactAndNot += d != null && d != Math.floor(d) ? 1 : 0;
                }
            }
        }
        assertTrue(exactAndNot > 0, "no outer value was a fraction");
    }
}
