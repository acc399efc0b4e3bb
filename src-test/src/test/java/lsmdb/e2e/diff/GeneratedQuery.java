package lsmdb.e2e.diff;

/** A generated SELECT; {@code {k}} in its parts stands for the key column. */
record GeneratedQuery(String select, String table, String where, String orderBy, boolean totalOrder, String limit) {

    /** The query as written ({@code k} plain), or with {@code k + 0} so no key access path applies. */
    String sql(boolean hideKey) {
        return render(where, hideKey);
    }

    /** The same query with another WHERE condition (TLP partitions); {@code null} means none. */
    String withWhere(String condition, boolean hideKey) {
        return render(condition, hideKey);
    }

    /** True when ORDER BY fixes the order of every row, so results compare in order. */
    boolean ordered() {
        return totalOrder;
    }

    private String render(String condition, boolean hideKey) {
        StringBuilder sb = new StringBuilder("SELECT ").append(select).append(" FROM ").append(table);
        if (condition != null) {
            sb.append(" WHERE ").append(condition.replace("{k}", hideKey ? "(k + 0)" : "k"));
        }
        if (orderBy != null) {
            sb.append(" ORDER BY ").append(orderBy.replace("{k}", "k"));
        }
        if (limit != null) {
            sb.append(' ').append(limit);
        }
        return sb.toString();
    }
}
