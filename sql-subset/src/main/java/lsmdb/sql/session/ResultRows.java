package lsmdb.sql.session;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import lsmdb.core.Snapshot;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.RowCursor;
import lsmdb.sql.SqlType;
import lsmdb.sql.exec.Cursor;
import lsmdb.sql.types.SqlValues;

/**
 * A query's rows for the driver: each value in the class its column's type promises ({@code getObject}'s), the
 * statement's own snapshot released when the rows are closed or run out (as {@code KeyRangeRows}' rows release it).
 */
final class ResultRows implements RowCursor {

    private final List<ColumnInfo> columns;
    /** Null once closed (no flag of its own: the rows' object stays 32 bytes with the row count). */
    private Cursor cursor;
    /** The statement's own snapshot, closed once with the rows; null when it has none. */
    private final Snapshot release;
    private Object[] current;
    private int served;

    /** Rows holding {@code release} (null: nothing to release), closed once when they are closed or run out. */
    ResultRows(List<ColumnInfo> columns, Cursor cursor, Snapshot release) {
        this.columns = columns;
        this.cursor = cursor;
        this.release = release;
    }

    @Override
    public List<ColumnInfo> columns() {
        return columns;
    }

    @Override
    public boolean next() throws SQLException {
        current = null;
        if (cursor == null) {
            return false;
        }
        try {
            current = cursor.next();
        } catch (java.io.UncheckedIOException e) {
            close();
            throw lsmdb.sql.Errors.io(e); // a failure an operator did not translate itself, e.g. a row that does not decode
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
        if (current == null) {
            close();
            return false;
        }
        served++;
        return true;
    }

    @Override
    public int rowsServed() {
        return served;
    }

    @Override
    public Object get(int index) {
        return convert(current[index], columns.get(index).type());
    }

    static Object convert(Object v, SqlType type) {
        if (v == null) {
            return null;
        }
        switch (type) {
            case TINYINT:
            case SMALLINT:
            case INTEGER:
                if (SqlValues.isIntegral(v) && !(v instanceof Integer)) {
                    long l = ((Number) v).longValue();
                    return l == (int) l ? (Object) (int) l : v;
                }
                return v;
            case BIGINT:
                return v instanceof Integer || v instanceof Short || v instanceof Byte ? (Object) ((Number) v).longValue() : v;
            case DOUBLE:
                return v instanceof Number n && !(v instanceof Double) ? (Object) n.doubleValue() : v;
            case DECIMAL:
                if (SqlValues.isIntegral(v)) {
                    return BigDecimal.valueOf(((Number) v).longValue());
                }
                return v instanceof Double d && !d.isNaN() && !d.isInfinite() ? BigDecimal.valueOf(d) : v;
            case TIME:
                if (v instanceof java.time.LocalTime t) {
                    // java.sql.Time keeps milliseconds; valueOf alone would drop the fraction
                    return new java.sql.Time(java.sql.Time.valueOf(t).getTime() + t.getNano() / 1_000_000);
                }
                return v;
            default:
                // an untyped column (a bare parameter, NULL, a CASE of mixed types) still hands out JDBC classes
                return v instanceof java.time.LocalTime t ? convert(t, SqlType.TIME) : v;
        }
    }

    @Override
    public void close() {
        if (cursor != null) {
            Cursor c = cursor;
            cursor = null;
            try {
                c.close();
            } finally {
                if (release != null) {
                    release.close();
                }
            }
        }
    }
}
