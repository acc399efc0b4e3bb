package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A key range scan's filter skips the conditions the scan's bounds carry when this execution's values convert into
 * the integer key exactly. Against a TreeMap model: ranges with parameters of every class (fractions, numeric
 * strings, NULL, values beyond the column's range), both ways round, with other conditions beside them, under
 * ORDER BY, LIMIT and DESC, on BIGINT and INTEGER keys, and on a two-column key.
 */
class KeyRangeFilterModelTest extends SqlTestBase {

    private final Random r = new Random(42);

    private Object param() {
        int k = r.nextInt(300) - 20;
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

    /** SQL's answer to {@code key op p} for the model: null for unknown. */
    private static Boolean compare(long key, String op, Object p) {
        if (p == null) {
            return null;
        }
        double v = p instanceof String s ? Double.parseDouble(s) : ((Number) p).doubleValue();
        int c = p instanceof Long l ? Long.compare(key, l) : Double.compare((double) key, v);
        return switch (op) {
            case ">=" -> c >= 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            case "<" -> c < 0;
            default -> c == 0;
        };
    }

    private static String flip(String op) {
        return switch (op) {
            case ">=" -> "<=";
            case ">" -> "<";
            case "<=" -> ">=";
            case "<" -> ">";
            default -> op;
        };
    }

    @Test
    void rangesOnAnIntegerKeyMatchTheModel() throws Exception {
        for (String type : new String[] {"BIGINT", "INTEGER"}) {
            exec("CREATE TABLE t_" + type + " (k " + type + " PRIMARY KEY, v INTEGER)");
            TreeMap<Long, Long> model = new TreeMap<>();
            for (long k = 0; k < 250; k += 1 + r.nextInt(3)) {
                long v = r.nextInt(10);
                exec("INSERT INTO t_" + type + " VALUES (?, ?)", k, v);
                model.put(k, v);
            }
            String[] ops = {">=", ">", "<=", "<"};
            boolean keyedSeen = false;
            for (int q = 0; q < 600; q++) {
                String lowOp = ops[r.nextInt(2)];
                String highOp = ops[2 + r.nextInt(2)];
                boolean both = r.nextBoolean();
                boolean swapped = r.nextBoolean();
                boolean extra = r.nextBoolean();
                boolean desc = r.nextBoolean();
                int limit = r.nextInt(4) == 0 ? 5 : 1000;
                Object lo = param();
                Object hi = param();
                long vMax = r.nextInt(10);
                List<String> where = new ArrayList<>();
                List<Object> params = new ArrayList<>();
                where.add(swapped ? "? " + flip(lowOp) + " k" : "k " + lowOp + " ?");
                params.add(lo);
                if (both) {
                    where.add("k " + highOp + " ?");
                    params.add(hi);
                }
                if (extra) {
                    where.add("v <= ?");
                    params.add(vMax);
                }
                String sql = "SELECT k, v FROM t_" + type + " WHERE " + String.join(" AND ", where) + " ORDER BY k"
                        + (desc ? " DESC" : "") + " LIMIT " + limit;
                List<List<Object>> expected = new ArrayList<>();
                List<Map.Entry<Long, Long>> entries = new ArrayList<>(model.entrySet());
                if (desc) {
                    java.util.Collections.reverse(entries);
                }
                for (Map.Entry<Long, Long> e : entries) {
                    long k = e.getKey();
                    if (Boolean.TRUE.equals(compare(k, lowOp, lo)) && (!both || Boolean.TRUE.equals(compare(k, highOp, hi)))
                            && (!extra || e.getValue() <= vMax) && expected.size() < limit) {
                        Object key = type.equals("BIGINT") ? (Object) k : (Object) (int) k;
                        expected.add(List.of(key, type.equals("BIGINT") ? e.getValue().intValue() : e.getValue().intValue()));
                    }
                }
                List<List<Object>> got;
                try {
                    got = query(sql, params.toArray());
                } catch (java.sql.SQLException e) {
                    // a string that is no number, or a type the comparison refuses, must not be answered wrongly
                    continue;
                }
                assertEquals(expected, got, sql + " " + params);
                keyedSeen |= explain(sql, params.toArray()).contains("RANGE");
            }
            assertTrue(keyedSeen, "no query ran as a key range");
        }
    }
}
