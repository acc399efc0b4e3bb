package lsmdb.sql.exec;

import java.sql.SQLException;

/** One execution of a {@link Node}: rows pulled one at a time. Not thread-safe. */
public interface Cursor extends AutoCloseable {

    /** The next row, or null at the end. The caller may keep the array: cursors never reuse one. */
    Object[] next() throws SQLException;

    @Override
    void close();
}
