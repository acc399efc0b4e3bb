package lsmdb.e2e.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random queries within the enabled {@link Feature}s over the case's tables: single-table queries (the first table,
 * its key written {@code {k}} so it can be hidden from access paths), joins of two or three tables, aggregates with
 * GROUP BY and HAVING, and UNIONs; subqueries and conditional expressions ({@link Predicates}, {@link #item}) appear
 * inside them.
 */
final class QueryGenerator {

    private static final String[] ALIASES = {"a", "b", "c"};

    private final Random r;
    private final Set<Feature> features;
    private final List<TableModel> tables;
    private final Predicates p;

    QueryGenerator(Random r, Set<Feature> features, List<TableModel> tables) {
        this.r = r;
        this.features = features;
        this.tables = tables;
        this.p = new Predicates(r, features, tables);
    }

    private boolean has(Feature f) {
        return features.contains(f);
    }

    GeneratedQuery query() {
        int kind = r.nextInt(10);
        if (kind < 3 && has(Feature.JOIN) && tables.size() > 1) {
            return join();
        }
        if (kind < 5 && has(Feature.AGGREGATES)) {
            return aggregate();
        }
        if (kind < 6 && has(Feature.UNION) && tables.size() > 1) {
            return union();
        }
        return single();
    }

    private GeneratedQuery single() {
        Src t = new Src(tables.get(0), null);
        List<Src> srcs = List.of(t);
        boolean count = has(Feature.COUNT_STAR) && r.nextInt(5) == 0;
        boolean distinct = !count && has(Feature.DISTINCT) && r.nextInt(8) == 0;
        String select = count ? "COUNT(*)" : (distinct ? "DISTINCT " : "") + selectList(srcs, distinct);
        String where = r.nextInt(6) == 0 ? null : p.predicate(2, srcs, true);
        String orderBy = null;
        String limit = null;
        boolean total = false;
        if (!count && !distinct && has(Feature.ORDER_BY) && r.nextInt(3) == 0) {
            int c = r.nextInt(t.width());
            String dir = r.nextBoolean() ? "" : " DESC";
            if (c == 0) {
                orderBy = "{k}" + dir;
                total = true;
            } else if (has(Feature.MULTI_ORDER_BY)) {
                orderBy = t.col(c) + dir + nulls() + ", {k}"; // ending with the key makes the order total
                total = true;
            } else {
                orderBy = t.col(c) + dir; // ties in any order: compared as a multiset, no LIMIT
            }
            limit = total ? limit() : null;
        }
        return new GeneratedQuery(select, t.from(), where, "", orderBy, total, limit,
                !count && !distinct && limit == null);
    }

    /** Two or three tables joined (inner or left) on keys, indexed columns or plain columns. */
    private GeneratedQuery join() {
        int n = tables.size() > 2 && r.nextInt(3) == 0 ? 3 : 2;
        List<Src> srcs = new ArrayList<>();
        String from = joins(n, srcs);
        boolean count = has(Feature.COUNT_STAR) && r.nextInt(6) == 0;
        boolean distinct = !count && has(Feature.DISTINCT) && r.nextInt(8) == 0;
        String select = count ? "COUNT(*)" : (distinct ? "DISTINCT " : "") + selectList(srcs, distinct);
        String where = r.nextInt(6) == 0 ? null : p.predicate(2, srcs, true);
        String orderBy = null;
        String limit = null;
        if (!count && !distinct && has(Feature.ORDER_BY) && has(Feature.MULTI_ORDER_BY) && r.nextInt(3) == 0) {
            // the keys of every table make the order total (an unmatched LEFT JOIN row has one NULL key of its own)
            StringBuilder ob = new StringBuilder();
            if (r.nextBoolean()) {
                Src s = srcs.get(r.nextInt(srcs.size()));
                ob.append(s.col(r.nextInt(s.width()))).append(r.nextBoolean() ? " DESC" : "").append(nulls())
                        .append(", ");
            }
            for (int i = 0; i < srcs.size(); i++) {
                ob.append(i == 0 ? "" : ", ").append(srcs.get(i).col(0)).append(r.nextBoolean() ? " DESC" : "");
            }
            orderBy = ob.toString();
            limit = limit();
        }
        return new GeneratedQuery(select, from, where, "", orderBy, orderBy != null, limit,
                !count && !distinct && limit == null);
    }

    private String joins(int n, List<Src> srcs) {
        Src a = new Src(tables.get(0), ALIASES[0]);
        srcs.add(a);
        StringBuilder from = new StringBuilder(a.from());
        for (int j = 1; j < n; j++) {
            Src x = new Src(tables.get(j), ALIASES[j]);
            boolean left = r.nextInt(3) == 0;
            from.append(left ? " LEFT JOIN " : r.nextBoolean() ? " JOIN " : " INNER JOIN ").append(x.from())
                    .append(" ON ").append(joinCondition(srcs, x));
            if (r.nextInt(4) == 0) {
                from.append(" AND ").append(p.predicate(0, List.of(x), false));
            }
            srcs.add(x);
        }
        return from.toString();
    }

    /** {@code x.col = earlier.col}: on x's key, on an indexed column of x, or on any comparable pair. */
    private String joinCondition(List<Src> earlier, Src x) {
        Src e = earlier.get(r.nextInt(earlier.size()));
        int how = r.nextInt(3);
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < e.width(); i++) {
            for (int j = 0; j < x.width(); j++) {
                boolean fits = how == 0 ? j == 0 : how == 1 ? x.table().isIndexed(j) : true;
                if (fits && p.comparable(e.type(i), x.type(j))) {
                    pairs.add(new int[] {i, j});
                }
            }
        }
        if (pairs.isEmpty()) {
            return x.col(0) + " = " + e.col(0);
        }
        int[] pick = pairs.get(r.nextInt(pairs.size()));
        return r.nextBoolean() ? x.col(pick[1]) + " = " + e.col(pick[0]) : e.col(pick[0]) + " = " + x.col(pick[1]);
    }

    /** Aggregates over one table or a join, with or without GROUP BY and HAVING. */
    private GeneratedQuery aggregate() {
        List<Src> srcs = new ArrayList<>();
        String from;
        if (has(Feature.JOIN) && tables.size() > 1 && r.nextInt(3) == 0) {
            from = joins(2, srcs);
        } else {
            srcs.add(new Src(tables.get(0), "a"));
            from = srcs.get(0).from();
        }
        List<String> groups = new ArrayList<>();
        if (has(Feature.GROUP_BY) && r.nextInt(5) != 0) {
            for (int i = 0, n = 1 + r.nextInt(2); i < n; i++) {
                Src s = srcs.get(r.nextInt(srcs.size()));
                String g = s.col(1 + r.nextInt(s.width() - 1));
                if (!groups.contains(g)) {
                    groups.add(g);
                }
            }
        }
        List<String> items = new ArrayList<>(groups);
        for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
            items.add(aggregateCall(srcs));
        }
        String where = r.nextInt(3) == 0 ? null : p.predicate(1, srcs, true);
        StringBuilder tail = new StringBuilder();
        if (!groups.isEmpty()) {
            tail.append(" GROUP BY ").append(String.join(", ", groups));
            if (r.nextBoolean()) {
                tail.append(" HAVING ").append(having(srcs));
                if (r.nextInt(3) == 0) {
                    tail.append(r.nextBoolean() ? " AND " : " OR ").append(having(srcs));
                }
            }
        }
        String orderBy = null;
        String limit = null;
        if (!groups.isEmpty() && has(Feature.ORDER_BY) && has(Feature.MULTI_ORDER_BY) && r.nextBoolean()) {
            List<String> keys = new ArrayList<>();
            for (String g : groups) {
                keys.add(g + (r.nextBoolean() ? " DESC" : "") + nulls());
            }
            orderBy = String.join(", ", keys); // one row per group: the group columns order totally
            limit = limit();
        }
        return new GeneratedQuery(String.join(", ", items), from, where, tail.toString(), orderBy,
                groups.isEmpty() || orderBy != null, limit, false);
    }

    private String aggregateCall(List<Src> srcs) {
        Src s = srcs.get(r.nextInt(srcs.size()));
        int c = r.nextInt(s.width());
        ColumnType t = s.type(c);
        String col = s.col(c);
        String distinct = has(Feature.DISTINCT) && r.nextInt(4) == 0 ? "DISTINCT " : "";
        int kind = r.nextInt(6);
        if (t == ColumnType.BOOLEAN || kind >= 2 && kind <= 3 && !t.numeric) {
            kind = r.nextBoolean() ? 0 : 1;
        }
        return switch (kind) {
            case 0 -> r.nextBoolean() ? "COUNT(*)" : "COUNT(" + distinct + col + ")";
            case 1 -> "COUNT(" + distinct + col + ")";
            case 2 -> "SUM(" + distinct + col + ")";
            case 3 -> (t == ColumnType.DOUBLE ? "{avgf:" : "{avg:") + distinct + col + "}";
            case 4 -> "MIN(" + col + ")";
            default -> "MAX(" + col + ")";
        };
    }

    private String having(List<Src> srcs) {
        Src s = srcs.get(r.nextInt(srcs.size()));
        int c = r.nextInt(s.width());
        ColumnType t = s.type(c);
        String[] ops = {"=", "<>", "<", "<=", ">", ">="};
        String op = ops[r.nextInt(ops.length)];
        if (t == ColumnType.BOOLEAN || r.nextInt(3) == 0) {
            return "COUNT(*) " + op + " " + r.nextInt(4);
        }
        if (t.numeric && r.nextBoolean()) {
            return "SUM(" + s.col(c) + ") " + op + " " + p.literal(t);
        }
        return (r.nextBoolean() ? "MIN(" : "MAX(") + s.col(c) + ") " + op + " " + p.literal(t);
    }

    /** {@code SELECT x FROM t0 ... UNION [ALL] SELECT y FROM tN ...}, ordered by position now and then. */
    private GeneratedQuery union() {
        Src a = new Src(tables.get(0), "a");
        Src b = new Src(tables.get(1 + r.nextInt(tables.size() - 1)), "b");
        int ac = r.nextInt(a.width());
        int bc = p.columnLike(b, a.type(ac), false);
        if (bc < 0) {
            ac = 0;
            bc = 0;
        }
        boolean all = r.nextBoolean();
        String whereA = r.nextInt(4) == 0 ? null : p.predicate(1, List.of(a), false);
        String tail = (all ? " UNION ALL " : " UNION ") + "SELECT " + b.col(bc) + " FROM " + b.from()
                + (r.nextInt(4) == 0 ? "" : " WHERE " + p.predicate(1, List.of(b), false));
        String orderBy = null;
        String limit = null;
        if (has(Feature.ORDER_BY) && r.nextBoolean()) {
            orderBy = "1" + (r.nextBoolean() ? " DESC" : "");
            limit = all ? null : limit(); // UNION's rows are distinct, so ORDER BY 1 orders them totally
        }
        return new GeneratedQuery(a.col(ac), a.from(), whereA, tail, orderBy, orderBy != null && !all, limit, false);
    }

    private String selectList(List<Src> srcs, boolean plainOnly) {
        if (!plainOnly && srcs.size() == 1 && r.nextInt(3) == 0) {
            return "*";
        }
        List<String> items = new ArrayList<>();
        for (Src s : srcs) {
            for (int c = 0; c < s.width(); c++) {
                if (r.nextInt(srcs.size() + 1) == 0) {
                    items.add(plainOnly ? s.col(c) : item(srcs, s, c));
                }
            }
        }
        if (items.isEmpty()) {
            Src s = srcs.get(r.nextInt(srcs.size()));
            items.add(s.col(r.nextInt(s.width())));
        }
        return String.join(", ", items);
    }

    /** Column {@code c} of {@code s}, or now and then an expression on it: CASE, COALESCE, NULLIF, a subquery. */
    private String item(List<Src> srcs, Src s, int c) {
        String col = s.col(c);
        ColumnType t = s.type(c);
        if (has(Feature.SUBQUERIES) && tables.size() > 1 && r.nextInt(10) == 0) {
            Src in = p.inner();
            int ic = p.columnLike(in, t, true);
            String corr = p.correlation(s, in);
            if (p.comparable(t, ColumnType.INT) && r.nextInt(3) == 0) {
                // no aggregate: one row or none, since it is found by the key
                return "(SELECT " + in.col(r.nextInt(in.width())) + " FROM " + in.from() + " WHERE " + in.col(0)
                        + " = " + s.qualified(c) + ")";
            }
            return ic < 0 || r.nextBoolean() ? "(SELECT COUNT(*) FROM " + in.from() + " WHERE " + corr + ")"
                    : "(SELECT " + (r.nextBoolean() ? "MIN(" : "MAX(") + in.col(ic) + ") FROM " + in.from()
                            + " WHERE " + corr + ")";
        }
        if (!has(Feature.CASE) || r.nextInt(4) != 0) {
            return col;
        }
        String other = sameType(srcs, t, col);
        return switch (r.nextInt(4)) {
            case 0 -> "CASE WHEN " + p.predicate(1, srcs, false) + " THEN " + col + " ELSE " + other + " END";
            case 1 -> "CASE " + col + " WHEN " + p.literal(t) + " THEN 1 WHEN " + p.literal(t) + " THEN 2"
                    + (r.nextBoolean() ? " ELSE 3" : "") + " END";
            case 2 -> "COALESCE(" + col + ", " + other + (r.nextBoolean() ? ", " + literalOf(t) : "") + ")";
            default -> "NULLIF(" + col + ", " + literalOf(t) + ")";
        };
    }

    /** Another column of exactly type {@code t} among {@code srcs}, else a literal of it. */
    private String sameType(List<Src> srcs, ColumnType t, String not) {
        List<String> found = new ArrayList<>();
        for (Src s : srcs) {
            for (int c = 0; c < s.width(); c++) {
                if (s.type(c) == t && !s.col(c).equals(not)) {
                    found.add(s.col(c));
                }
            }
        }
        return found.isEmpty() || r.nextInt(4) == 0 ? literalOf(t) : found.get(r.nextInt(found.size()));
    }

    /**
     * A literal of exactly {@code t} (no mixing: CASE and COALESCE results keep one type). Strings are cast to
     * VARCHAR: HSQLDB types {@code 'x'} as CHAR(1) and pads it when it meets a longer literal in one COALESCE
     * ({@code COALESCE(NULL_COL, 'x', 'yyy')} is {@code 'x  '} there, {@code 'x'} in lsmdb and PostgreSQL). UUID and
     * TIME literals likewise: HSQLDB refuses {@code COALESCE(time_col, '12:00:00')} (42562).
     */
    private String literalOf(ColumnType t) {
        String lit = t.literal(r, has(Feature.QUOTED_STRINGS));
        return t.numeric || t == ColumnType.BOOLEAN ? lit : "CAST(" + lit + " AS " + t.sql + ")";
    }

    private String nulls() {
        return r.nextInt(4) == 0 ? (r.nextBoolean() ? " NULLS FIRST" : " NULLS LAST") : "";
    }

    private String limit() {
        if (!has(Feature.LIMIT) || r.nextBoolean()) {
            return null;
        }
        // from 1: HSQLDB reads LIMIT 0 as "no limit" (lsmdb, like PostgreSQL, returns no rows)
        return "LIMIT " + (1 + r.nextInt(5)) + (r.nextInt(3) == 0 ? " OFFSET " + r.nextInt(4) : "");
    }
}
