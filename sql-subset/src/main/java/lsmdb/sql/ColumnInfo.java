package lsmdb.sql;

/**
 * A column of a table or of a result.
 *
 * @param name      the column's name as stored (upper case unless it was double-quoted)
 * @param type      its type
 * @param length    VARCHAR/CHAR/VARBINARY length limit or DECIMAL precision; 0 when unbounded or not applicable
 * @param scale     DECIMAL scale; 0 otherwise
 * @param nullable  whether NULL is allowed
 * @param primaryKey whether it is the table's key
 * @param table     the table it comes from, or "" for a computed result column
 */
public record ColumnInfo(String name, SqlType type, int length, int scale, boolean nullable, boolean primaryKey,
                         String table) {
}
