package lsmdb.jdbc;

import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.RowCursor;

/** Rows already in memory (metadata results, generated keys) as a cursor. */
final class MemoryRows implements RowCursor {

    private final List<ColumnInfo> columns;
    private final List<Object[]> rows;
    /** The current row's index: -1 before the first, rows.size() once past the last. */
    private int i = -1;

    MemoryRows(List<ColumnInfo> columns, List<Object[]> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    @Override
    public List<ColumnInfo> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        i = Math.min(i + 1, rows.size());
        return i < rows.size();
    }

    @Override
    public int rowsServed() {
        return Math.min(i + 1, rows.size());
    }

    @Override
    public Object get(int index) {
        return rows.get(i)[index];
    }

    @Override
    public void close() {
    }
}
