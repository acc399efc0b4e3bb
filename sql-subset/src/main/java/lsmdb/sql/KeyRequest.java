package lsmdb.sql;

/**
 * Which columns of the rows a change statement writes come back as generated keys (JDBC's
 * {@code RETURN_GENERATED_KEYS}, column indexes or column names).
 *
 * @param columnIndexes 1-based table column positions, or null
 * @param columnNames   column names (matched case-insensitively unless an exact match exists), or null
 */
public record KeyRequest(int[] columnIndexes, String[] columnNames) {

    /** {@code RETURN_GENERATED_KEYS}: the identity column, or the primary key columns when there is none (as H2). */
    public static final KeyRequest AUTO = new KeyRequest(null, null);

    public boolean isAuto() {
        return columnIndexes == null && columnNames == null;
    }
}
