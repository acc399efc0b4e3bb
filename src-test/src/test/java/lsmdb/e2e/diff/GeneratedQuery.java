package lsmdb.e2e.diff;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A generated SELECT, in parts: {@code SELECT select FROM from [WHERE where] tail [ORDER BY orderBy] [limit]}, where
 * {@code tail} holds GROUP BY/HAVING or a UNION's second query. In the parts, {@code {k}} stands for the key column of
 * a single-table query (rendered plain, or as {@code (k + 0)} so no key access path applies) and {@code {avg:e}} for
 * an average (see {@link #render}).
 */
record GeneratedQuery(String select, String from, String where, String tail, String orderBy, boolean totalOrder,
        String limit, boolean partitionable) {

    private static final Pattern AVG = Pattern.compile("\\{avg(f?):([^}]*)\\}");
    private static final Pattern OPAQUE = Pattern.compile("\\{h:([^}]*)\\}");

    /** A single-table query of the first kind (TLP applies unless it counts or limits). */
    static GeneratedQuery simple(String select, String table, String where, String orderBy, boolean total,
            String limit) {
        return new GeneratedQuery(select, table, where, "", orderBy, total, limit,
                limit == null && !select.startsWith("COUNT"));
    }

    /** The query as lsmdb runs it, with the key plain or hidden behind {@code k + 0}. */
    String sql(boolean hideKey) {
        return render(where, hideKey, false);
    }

    /** The query as HSQLDB runs it. */
    String hsqldbSql() {
        return render(where, false, true);
    }

    /** The same query with another WHERE condition (TLP partitions); {@code null} means none. */
    String withWhere(String condition, boolean hideKey) {
        return render(condition, hideKey, false);
    }

    /** True when ORDER BY fixes the order of every row, so results compare in order. */
    boolean ordered() {
        return totalOrder;
    }

    private String render(String condition, boolean hideKey, boolean hsqldb) {
        StringBuilder sb = new StringBuilder("SELECT ").append(opaque(select, hsqldb)).append(" FROM ")
                .append(opaque(from, hsqldb));
        if (condition != null) {
            sb.append(" WHERE ").append(opaque(condition, hsqldb).replace("{k}", hideKey ? "(k + 0)" : "k"));
        }
        sb.append(opaque(tail, hsqldb));
        if (orderBy != null) {
            sb.append(" ORDER BY ").append(hsqldb ? explicitNulls(orderBy) : orderBy);
        }
        if (limit != null) {
            sb.append(' ').append(limit);
        }
        return averages(sb.toString().replace("{k}", "k"), hsqldb);
    }

    /**
     * Keys compared with other columns ({@code {hk}}, {@code {h:a.k}}): plain for lsmdb, {@code (k + 0)} for HSQLDB,
     * which answers wrongly when it serves such a comparison and a range on the key with the key (see
     * {@link Predicates}).
     */
    private static String opaque(String part, boolean hsqldb) {
        String s = part.replace("{hk}", hsqldb ? "(k + 0)" : "{k}");
        return OPAQUE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(hsqldb ? "(" + m.group(1) + " + 0)"
                : m.group(1)));
    }

    /**
     * lsmdb sorts NULLs first in ascending and last in descending order (SPEC §3.2, as SQLite, MySQL and H2 do);
     * HSQLDB sorts them first in both. A legitimate difference, so HSQLDB is told lsmdb's order item by item.
     */
    private static String explicitNulls(String orderBy) {
        StringBuilder sb = new StringBuilder();
        for (String item : orderBy.split(", ")) {
            sb.append(sb.length() == 0 ? "" : ", ").append(item);
            if (!item.contains(" NULLS ")) {
                sb.append(item.endsWith(" DESC") ? " NULLS LAST" : " NULLS FIRST");
            }
        }
        return sb.toString();
    }

    /**
     * lsmdb's AVG of integers is a DOUBLE (as in PostgreSQL and SQLite; AVG of DECIMAL a DECIMAL); HSQLDB's AVG keeps
     * its argument's type and truncates ({@code AVG} of 1 and 2 is 1). So both are asked for a DOUBLE: HSQLDB averages
     * the values as DECIMALs with 20 fraction digits, exactly, not as doubles (a double sum of BIGINTs near their
     * limits loses the small ones: it gave -4/19 for lsmdb's exact 1/19), and {@link Rows} compares doubles to 12
     * significant digits. {@code {avgf:e}}, an average of a DOUBLE column, is averaged as doubles on both sides.
     */
    private static String averages(String sql, boolean hsqldb) {
        Matcher m = AVG.matcher(sql);
        return m.replaceAll(r -> {
            boolean floating = !r.group(1).isEmpty();
            String arg = r.group(2);
            String distinct = arg.startsWith("DISTINCT ") ? "DISTINCT " : "";
            String e = arg.substring(distinct.length());
            String type = floating ? "DOUBLE" : "DECIMAL(60,20)";
            return Matcher.quoteReplacement(hsqldb
                    ? "CAST(AVG(" + distinct + "CAST(" + e + " AS " + type + ")) AS DOUBLE)"
                    : "CAST(AVG(" + arg + ") AS DOUBLE)");
        });
    }
}
