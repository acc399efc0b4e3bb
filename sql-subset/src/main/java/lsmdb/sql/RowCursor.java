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

    @Override
    void close();
}
