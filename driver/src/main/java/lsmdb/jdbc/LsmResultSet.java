package lsmdb.jdbc;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.RowCursor;

/**
 * A forward-only, read-only result set over a {@link RowCursor}: moving over its rows and handing out the current
 * row's values, converted by {@link ValueConversions}. Also carries metadata results (over rows in memory).
 */
final class LsmResultSet extends ForwardOnlyResultSet {

    private final LsmStatement statement;
    private boolean warningsCleared;
    private final RowCursor cursor;
    private final List<ColumnInfo> columns;
    /** columns.size(): the getters' bounds check reads a field, not the list. */
    private final int width;
    private final int maxRows;
    private boolean onRow;
    private boolean closed;
    private boolean wasNull;

    LsmResultSet(LsmStatement statement, RowCursor cursor, int maxRows) {
        this.statement = statement;
        this.cursor = cursor;
        this.columns = cursor.columns();
        this.width = columns.size();
        this.maxRows = maxRows;
    }

    /** A result set of rows already in memory (metadata). */
    static LsmResultSet of(LsmStatement statement, List<ColumnInfo> columns, List<Object[]> rows) {
        return new LsmResultSet(statement, new MemoryRows(columns, rows), 0);
    }

    static LsmResultSet empty(LsmStatement statement, List<ColumnInfo> columns) {
        return of(statement, columns, List.of());
    }

    @Override
    void checkOpen() throws SQLException {
        if (closed) {
            throw Jdbc.closedStatement("the result set");
        }
    }

    // ---------------------------------------------------------------- moving

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (statement != null && statement.cancelRequested()) {
            close();
            throw new SQLException("statement cancelled", "57014");
        }
        if (statement != null && statement.connection.databaseClosed()) {
            // The engine under this cursor is gone (SHUTDOWN on another connection): rows read now could come
            // from unmapped or deleted files, so none are served.
            close();
            throw new SQLException("the database was shut down; this result set is closed", "08003");
        }
        if (maxRows > 0 && cursor.rowsServed() >= maxRows) {
            onRow = false;
            return false;
        }
        // the cursor numbers its rows: no branch here on its answer, which point queries never see false
        onRow = cursor.next();
        return onRow;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onRow = false;
            cursor.close();
            if (statement != null) {
                try {
                    statement.resultClosed(this);
                } catch (SQLException ignored) {
                    // closing the statement after its last result cannot fail in a way the caller could act on
                }
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return onRow ? cursor.rowsServed() : 0;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return cursor.rowsServed() == 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return onRow && cursor.rowsServed() == 1;
    }

    // ---------------------------------------------------------------- values

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    /** Column {@code index}'s (1-based) value in the current row, or null; sets {@link #wasNull}. */
    private Object value(int index) throws SQLException {
        checkOpen();
        if (!onRow) {
            throw new SQLException("the result set is not on a row (call next() first)", "24000");
        }
        if (index < 1 || index > width) {
            throw new SQLException("column index " + index + " is out of range 1.." + width, "22023");
        }
        Object v = cursor.get(index - 1);
        wasNull = v == null;
        return v;
    }

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(label)) {
                return i + 1;
            }
        }
        throw new SQLException("no column labelled " + label + " in this result", "42S22");
    }

    @Override
    public String getString(int i) throws SQLException {
        Object v = value(i);
        return v == null ? null : ValueConversions.string(v);
    }

    private long integral(int i, String to, long min, long max) throws SQLException {
        Object v = value(i);
        return v == null ? 0 : ValueConversions.integral(v, to, min, max);
    }

    @Override
    public boolean getBoolean(int i) throws SQLException {
        Object v = value(i);
        return v != null && ValueConversions.bool(v);
    }

    @Override
    public byte getByte(int i) throws SQLException {
        return (byte) integral(i, "byte", Byte.MIN_VALUE, Byte.MAX_VALUE);
    }

    @Override
    public short getShort(int i) throws SQLException {
        return (short) integral(i, "short", Short.MIN_VALUE, Short.MAX_VALUE);
    }

    @Override
    public int getInt(int i) throws SQLException {
        return (int) integral(i, "int", Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    @Override
    public long getLong(int i) throws SQLException {
        if (onRow && i >= 1 && i <= width && cursor.readsLong(i - 1)) { // onRow: not closed either
            wasNull = false; // such a column is never NULL
            return cursor.getLong(i - 1);
        }
        return integral(i, "long", Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Override
    public double getDouble(int i) throws SQLException {
        Object v = value(i);
        return v == null ? 0 : ValueConversions.dbl(v);
    }

    @Override
    public float getFloat(int i) throws SQLException {
        return (float) getDouble(i);
    }

    @Override
    public BigDecimal getBigDecimal(int i) throws SQLException {
        Object v = value(i);
        return v == null ? null : ValueConversions.decimal(v);
    }

    @Override
    public BigDecimal getBigDecimal(int i, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(i);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public byte[] getBytes(int i) throws SQLException {
        Object v = value(i);
        return v == null ? null : ValueConversions.bytes(v);
    }

    @Override
    public Date getDate(int i) throws SQLException {
        Object v = value(i);
        return v == null ? null : ValueConversions.date(v);
    }

    @Override
    public Timestamp getTimestamp(int i) throws SQLException {
        Object v = value(i);
        return v == null ? null : ValueConversions.timestamp(v);
    }

    @Override
    public Time getTime(int i) throws SQLException {
        Object v = value(i);
        return v == null ? null : ValueConversions.time(v);
    }

    @Override
    public Date getDate(int i, Calendar cal) throws SQLException {
        return getDate(i);
    }

    @Override
    public Timestamp getTimestamp(int i, Calendar cal) throws SQLException {
        return getTimestamp(i);
    }

    @Override
    public Time getTime(int i, Calendar cal) throws SQLException {
        return getTime(i);
    }

    @Override
    public Object getObject(int i) throws SQLException {
        Object v = value(i);
        return v instanceof byte[] b ? b.clone() : v;
    }

    @Override
    public Object getObject(int i, Map<String, Class<?>> map) throws SQLException {
        return getObject(i);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getObject(int i, Class<T> type) throws SQLException {
        if (type == null) {
            throw new SQLException("type must not be null", "22023");
        }
        Object v = value(i);
        if (v == null) {
            return null;
        }
        return (T) (type.isInstance(v) ? v : ValueConversions.as(v, type));
    }

    @Override
    public Reader getCharacterStream(int i) throws SQLException {
        String s = getString(i);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public InputStream getBinaryStream(int i) throws SQLException {
        byte[] b = getBytes(i);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    public String getNString(int i) throws SQLException {
        return getString(i);
    }

    // ---------------------------------------------------------------- where it comes from

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new LsmResultSetMetaData(columns);
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warningsCleared || statement == null ? null : statement.lastWarnings(); // the execution that made it
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        warningsCleared = true;
    }
}
