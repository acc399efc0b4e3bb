package lsmdb.sql;

import java.sql.SQLException;
import java.util.List;

/** The rows of a query, read forward once. Not thread-safe. */
public interface RowCursor extends AutoCloseable {

    List<ColumnInfo> columns();

    /** Advances to the next row; false at the end. */
    boolean next() throws SQLException;

    /**
     * REQUIRES: the last {@link #next()} returned true. The value of column {@code index} (0-based) of the current
     * row as an object of its {@link SqlType#javaClass()}, or null.
     */
    Object get(int index) throws SQLException;

    /**
     * Whether column {@code index} holds a BIGINT that is never NULL (a one-column primary key) and the cursor reads
     * it without building the row: then {@link #getLong} answers for it, with no {@code Long} per row.
     */
    default boolean readsLong(int index) {
        return false;
    }

    /** REQUIRES: {@link #readsLong}{@code (index)} and the conditions of {@link #get}. Column {@code index}'s value. */
    default long getLong(int index) throws SQLException {
        return (Long) get(index);
    }

    @Override
    void close();
}
