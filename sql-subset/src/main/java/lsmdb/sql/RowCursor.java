package lsmdb.sql;

import java.sql.SQLException;
import java.util.List;

/** The rows of a query, read forward once. Not thread-safe. */
public interface RowCursor extends AutoCloseable {

    List<ColumnInfo> columns();

    /** Advances to the next row; false at the end (and at every later call). */
    boolean next() throws SQLException;

    /**
     * How many rows {@link #next()} has served so far (the current row's number while on a row). The cursor counts
     * them where it already knows a row came, so a reader that numbers rows needs no branch of its own on what
     * {@code next} answered (a branch one workload never sees fail is compiled as a trap that the next one springs).
     */
    int rowsServed();

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
