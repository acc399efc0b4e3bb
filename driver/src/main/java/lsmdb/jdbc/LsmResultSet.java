package lsmdb.jdbc;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.RowCursor;

/**
 * A forward-only, read-only result set over a {@link RowCursor}, with the getters and conversions JDBC tools use.
 * Also carries metadata results (over rows in memory).
 */
final class LsmResultSet extends BaseResultSet {

    private final LsmStatement statement;
    private boolean warningsCleared;
    private final RowCursor cursor;
    private final List<ColumnInfo> columns;
    private final int maxRows;
    private int row;
    private boolean onRow;
    private boolean closed;
    private boolean wasNull;

    LsmResultSet(LsmStatement statement, RowCursor cursor, int maxRows) {
        this.statement = statement;
        this.cursor = cursor;
        this.columns = cursor.columns();
        this.maxRows = maxRows;
    }

    /** A result set of rows already in memory (metadata). */
    static LsmResultSet of(LsmStatement statement, List<ColumnInfo> columns, List<Object[]> rows) {
        return new LsmResultSet(statement, new MemoryRows(columns, rows), 0);
    }

    static LsmResultSet empty(LsmStatement statement, List<ColumnInfo> columns) {
        return of(statement, columns, List.of());
    }

    /** Rows in memory as a cursor. */
    private static final class MemoryRows implements RowCursor {
        private final List<ColumnInfo> columns;
        private final List<Object[]> rows;
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
            return ++i < rows.size();
        }

        @Override
        public Object get(int index) {
            return rows.get(i)[index];
        }

        @Override
        public void close() {
        }
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw Jdbc.closedStatement("the result set");
        }
    }

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
        if (maxRows > 0 && row >= maxRows) {
            onRow = false;
            return false;
        }
        onRow = cursor.next();
        if (onRow) {
            row++;
        }
        return onRow;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
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
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    private Object value(int index) throws SQLException {
        checkOpen();
        if (!onRow) {
            throw new SQLException("the result set is not on a row (call next() first)", "24000");
        }
        if (index < 1 || index > columns.size()) {
            throw new SQLException("column index " + index + " is out of range 1.." + columns.size(), "22023");
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

    // ---------------------------------------------------------------- conversions

    private static SQLException cannot(Object v, String to) {
        return Jdbc.badValue("cannot read " + (v instanceof String s ? "'" + s + "'" : v.getClass().getSimpleName()
                + " " + v) + " as " + to);
    }

    @Override
    public String getString(int i) throws SQLException {
        Object v = value(i);
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof java.time.OffsetDateTime o) {
            return lsmdb.sql.types.Temporal.formatTimestampTz(o);
        }
        return v.toString();
    }

    private long integral(int i, String to, long min, long max) throws SQLException {
        Object v = value(i);
        if (v == null) {
            return 0;
        }
        long n;
        if (v instanceof Integer || v instanceof Long) {
            n = ((Number) v).longValue();
        } else if (v instanceof Double d) {
            n = d.longValue();
        } else if (v instanceof BigDecimal d) {
            n = d.setScale(0, RoundingMode.DOWN).longValue();
        } else if (v instanceof Boolean b) {
            n = b ? 1 : 0;
        } else if (v instanceof String s) {
            try {
                n = new BigDecimal(s.trim()).setScale(0, RoundingMode.DOWN).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw cannot(v, to);
            }
        } else {
            throw cannot(v, to);
        }
        if (n < min || n > max) {
            throw new java.sql.SQLDataException("value " + v + " does not fit " + to, "22003");
        }
        return n;
    }

    @Override
    public boolean getBoolean(int i) throws SQLException {
        Object v = value(i);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("1")) {
                return true;
            }
            if (t.equals("false") || t.equals("0")) {
                return false;
            }
        }
        throw cannot(v, "boolean");
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
        if (onRow && !closed && i >= 1 && i <= columns.size() && cursor.readsLong(i - 1)) {
            wasNull = false; // such a column is never NULL
            return cursor.getLong(i - 1);
        }
        return integral(i, "long", Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Override
    public double getDouble(int i) throws SQLException {
        Object v = value(i);
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw cannot(v, "double");
            }
        }
        throw cannot(v, "double");
    }

    @Override
    public float getFloat(int i) throws SQLException {
        return (float) getDouble(i);
    }

    @Override
    public BigDecimal getBigDecimal(int i) throws SQLException {
        Object v = value(i);
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Integer || v instanceof Long) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Double d) {
            return BigDecimal.valueOf(d);
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw cannot(v, "BigDecimal");
            }
        }
        throw cannot(v, "BigDecimal");
    }

    @Override
    public BigDecimal getBigDecimal(int i, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(i);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public byte[] getBytes(int i) throws SQLException {
        Object v = value(i);
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] b) {
            return b.clone();
        }
        if (v instanceof String s) {
            return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        throw cannot(v, "bytes");
    }

    @Override
    public Date getDate(int i) throws SQLException {
        Object v = value(i);
        if (v == null) {
            return null;
        }
        if (v instanceof Date d) {
            return d;
        }
        if (v instanceof Timestamp t) {
            return Date.valueOf(t.toLocalDateTime().toLocalDate());
        }
        if (v instanceof String s) {
            try {
                return Date.valueOf(LocalDate.parse(s.trim()));
            } catch (RuntimeException e) {
                throw cannot(v, "Date");
            }
        }
        throw cannot(v, "Date");
    }

    @Override
    public Timestamp getTimestamp(int i) throws SQLException {
        Object v = value(i);
        if (v == null) {
            return null;
        }
        if (v instanceof Timestamp t) {
            return t;
        }
        if (v instanceof java.time.OffsetDateTime o) {
            return Timestamp.from(o.toInstant());
        }
        if (v instanceof Date d) {
            return Timestamp.valueOf(d.toLocalDate().atStartOfDay());
        }
        if (v instanceof String s) {
            try {
                return Timestamp.valueOf(LocalDateTime.parse(s.trim().replace(' ', 'T')));
            } catch (RuntimeException e) {
                throw cannot(v, "Timestamp");
            }
        }
        throw cannot(v, "Timestamp");
    }

    @Override
    public Time getTime(int i) throws SQLException {
        if (value(i) instanceof Time time) {
            return time;
        }
        Timestamp t = getTimestamp(i);
        return t == null ? null : Time.valueOf(t.toLocalDateTime().toLocalTime());
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
        if (type.isInstance(v)) {
            return (T) v;
        }
        Object out;
        if (type == String.class) {
            out = getString(i);
        } else if (type == Integer.class) {
            out = getInt(i);
        } else if (type == Long.class) {
            out = getLong(i);
        } else if (type == Short.class) {
            out = getShort(i);
        } else if (type == Byte.class) {
            out = getByte(i);
        } else if (type == Double.class) {
            out = getDouble(i);
        } else if (type == Float.class) {
            out = getFloat(i);
        } else if (type == Boolean.class) {
            out = getBoolean(i);
        } else if (type == BigDecimal.class) {
            out = getBigDecimal(i);
        } else if (type == byte[].class) {
            out = getBytes(i);
        } else if (type == Date.class) {
            out = getDate(i);
        } else if (type == Timestamp.class) {
            out = getTimestamp(i);
        } else if (type == LocalDate.class) {
            Date d = getDate(i);
            out = d.toLocalDate();
        } else if (type == LocalDateTime.class) {
            out = getTimestamp(i).toLocalDateTime();
        } else if (type == java.time.Instant.class && v instanceof java.time.OffsetDateTime o) {
            out = o.toInstant();
        } else if (type == java.time.ZonedDateTime.class && v instanceof java.time.OffsetDateTime o) {
            out = o.toZonedDateTime();
        } else if (type == Time.class) {
            out = getTime(i);
        } else if (type == java.time.LocalTime.class) {
            out = Jdbc.localTime(getTime(i));
        } else if (type == java.util.UUID.class && v instanceof String s) {
            try {
                out = java.util.UUID.fromString(s.trim());
            } catch (IllegalArgumentException e) {
                throw cannot(v, "UUID");
            }
        } else {
            throw cannot(v, type.getSimpleName());
        }
        return (T) out;
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

    // ---------------------------------------------------------------- by label

    @Override public String getString(String c) throws SQLException { return getString(findColumn(c)); }
    @Override public boolean getBoolean(String c) throws SQLException { return getBoolean(findColumn(c)); }
    @Override public byte getByte(String c) throws SQLException { return getByte(findColumn(c)); }
    @Override public short getShort(String c) throws SQLException { return getShort(findColumn(c)); }
    @Override public int getInt(String c) throws SQLException { return getInt(findColumn(c)); }
    @Override public long getLong(String c) throws SQLException { return getLong(findColumn(c)); }
    @Override public float getFloat(String c) throws SQLException { return getFloat(findColumn(c)); }
    @Override public double getDouble(String c) throws SQLException { return getDouble(findColumn(c)); }
    @Override public BigDecimal getBigDecimal(String c) throws SQLException { return getBigDecimal(findColumn(c)); }
    @Override public BigDecimal getBigDecimal(String c, int scale) throws SQLException { return getBigDecimal(findColumn(c), scale); }
    @Override public byte[] getBytes(String c) throws SQLException { return getBytes(findColumn(c)); }
    @Override public Date getDate(String c) throws SQLException { return getDate(findColumn(c)); }
    @Override public Date getDate(String c, Calendar cal) throws SQLException { return getDate(findColumn(c)); }
    @Override public Timestamp getTimestamp(String c) throws SQLException { return getTimestamp(findColumn(c)); }
    @Override public Timestamp getTimestamp(String c, Calendar cal) throws SQLException { return getTimestamp(findColumn(c)); }
    @Override public Time getTime(String c) throws SQLException { return getTime(findColumn(c)); }
    @Override public Time getTime(String c, Calendar cal) throws SQLException { return getTime(findColumn(c)); }
    @Override public Object getObject(String c) throws SQLException { return getObject(findColumn(c)); }
    @Override public Object getObject(String c, Map<String, Class<?>> map) throws SQLException { return getObject(findColumn(c)); }
    @Override public <T> T getObject(String c, Class<T> type) throws SQLException { return getObject(findColumn(c), type); }
    @Override public Reader getCharacterStream(String c) throws SQLException { return getCharacterStream(findColumn(c)); }
    @Override public InputStream getBinaryStream(String c) throws SQLException { return getBinaryStream(findColumn(c)); }
    @Override public String getNString(String c) throws SQLException { return getString(findColumn(c)); }

    // ---------------------------------------------------------------- cursor state

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
    public int getRow() throws SQLException {
        checkOpen();
        return onRow ? row : 0;
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

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return ResultSet.FETCH_FORWARD;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD) {
            throw Jdbc.unsupported("fetch directions other than FETCH_FORWARD");
        }
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return 0;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return row == 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return onRow && row == 1;
    }

    @Override
    public String getCursorName() throws SQLException {
        throw Jdbc.unsupported("ResultSet.getCursorName");
    }
}
