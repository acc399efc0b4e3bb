package lsmdb.e2e.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random queries over one table within the enabled {@link Feature}s. The key column is written as {@code {k}} so a
 * query can be rendered as written or with the key hidden behind {@code k + 0} (no access path can use it).
 */
final class QueryGenerator {

    private static final String[] ORDERING = {"=", "<>", "<", "<=", ">", ">="};

    private final Random r;
    private final Set<Feature> features;
    private final TableModel table;

    QueryGenerator(Random r, Set<Feature> features, TableModel table) {
        this.r = r;
        this.features = features;
        this.table = table;
    }

    GeneratedQuery query() {
        boolean count = features.contains(Feature.COUNT_STAR) && r.nextInt(5) == 0;
        String select = count ? "COUNT(*)" : selectList();
        String where = r.nextInt(6) == 0 ? null : predicate(2);
        String orderBy = null;
        String limit = null;
        boolean total = false;
        if (!count && features.contains(Feature.ORDER_BY) && r.nextInt(3) == 0) {
            int c = r.nextInt(table.columns().size());
            String dir = r.nextBoolean() ? "" : " DESC";
            if (c == 0) {
                orderBy = "{k}" + dir;
                total = true;
            } else if (features.contains(Feature.MULTI_ORDER_BY)) {
                orderBy = table.columns().get(c) + dir + ", {k}"; // ending with the key makes the order total
                total = true;
            } else {
                orderBy = table.columns().get(c) + dir; // ties in any order: compared as a multiset, no LIMIT
            }
            if (total && features.contains(Feature.LIMIT) && r.nextBoolean()) {
                // from 1: HSQLDB reads LIMIT 0 as "no limit" (lsmdb, like PostgreSQL, returns no rows)
                limit = "LIMIT " + (1 + r.nextInt(5)) + (r.nextInt(3) == 0 ? " OFFSET " + r.nextInt(4) : "");
            }
        }
        return new GeneratedQuery(select, table.name(), where, orderBy, total, limit);
    }

    private String selectList() {
        if (r.nextInt(3) == 0) {
            return "*";
        }
        List<String> cols = new ArrayList<>();
        for (String c : table.columns()) {
            if (r.nextBoolean()) {
                cols.add(c);
            }
        }
        if (cols.isEmpty()) {
            cols.add(table.columns().get(r.nextInt(table.columns().size())));
        }
        return String.join(", ", cols);
    }

    String predicate(int depth) {
        if (depth > 0 && features.contains(Feature.AND_OR_NOT) && r.nextInt(3) == 0) {
            return switch (r.nextInt(3)) {
                case 0 -> "(" + predicate(depth - 1) + " AND " + predicate(depth - 1) + ")";
                case 1 -> "(" + predicate(depth - 1) + " OR " + predicate(depth - 1) + ")";
                default -> "NOT (" + predicate(depth - 1) + ")";
            };
        }
        for (;;) {
            int c = r.nextInt(table.columns().size());
            ColumnType type = table.types().get(c);
            String col = c == 0 ? "{k}" : table.columns().get(c);
            switch (r.nextInt(5)) {
                case 0 -> {
                    if (features.contains(Feature.IS_NULL)) {
                        return col + (r.nextBoolean() ? " IS NULL" : " IS NOT NULL");
                    }
                }
                case 1 -> {
                    if (features.contains(Feature.BETWEEN) && type != ColumnType.BOOLEAN) {
                        return col + (r.nextInt(4) == 0 ? " NOT" : "") + " BETWEEN " + literal(type) + " AND "
                                + literal(type);
                    }
                }
                case 2 -> {
                    if (features.contains(Feature.IN_LIST)) {
                        StringBuilder in = new StringBuilder(col).append(r.nextInt(4) == 0 ? " NOT IN (" : " IN (");
                        for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
                            in.append(i == 0 ? "" : ", ").append(r.nextInt(8) == 0 ? "NULL" : literal(type));
                        }
                        return in.append(')').toString();
                    }
                }
                default -> {
                    if (features.contains(Feature.COMPARISON)) {
                        return comparison(c, col, type);
                    }
                }
            }
        }
    }

    private String comparison(int c, String col, ColumnType type) {
        String op = type == ColumnType.BOOLEAN ? (r.nextBoolean() ? "=" : "<>") : ORDERING[r.nextInt(ORDERING.length)];
        String left = col;
        if (type.numeric && type != ColumnType.DOUBLE && features.contains(Feature.ARITHMETIC) && r.nextInt(5) == 0) {
            left = "(" + col + " + " + (r.nextInt(5) - 2) + ")";
        }
        if (r.nextInt(4) == 0) {
            for (int other = 0; other < table.columns().size(); other++) {
                ColumnType t = table.types().get(other);
                if (other != c && (t == type || t.numeric && type.numeric && features.contains(Feature.MIXED_NUMERIC))) {
                    return left + " " + op + " " + (other == 0 ? "{k}" : table.columns().get(other));
                }
            }
        }
        return left + " " + op + " " + literal(type);
    }

    private String literal(ColumnType type) {
        ColumnType t = type;
        if (type.numeric && features.contains(Feature.MIXED_NUMERIC) && r.nextInt(4) == 0) {
            ColumnType[] numeric = {ColumnType.INT, ColumnType.BIGINT, ColumnType.DOUBLE, ColumnType.DECIMAL};
            t = numeric[r.nextInt(numeric.length)];
        }
        return t.literal(r, features.contains(Feature.QUOTED_STRINGS));
    }
}
