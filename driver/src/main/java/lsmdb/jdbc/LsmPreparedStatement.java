package lsmdb.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Calendar;
import lsmdb.sql.Errors;
import lsmdb.sql.Prepared;

/**
 * A statement parsed once (through the database's plan cache) and run many times with bound parameters.
 */
final class LsmPreparedStatement extends BasePreparedStatement {

    private static final Object UNSET = new Object();

    private final Prepared prepared;
    private final Object[] params;

    LsmPreparedStatement(LsmConnection connection, String sql) throws SQLException {
        this(connection, sql, null);
    }

    /** @param keys the generated keys each execution returns (JDBC's prepareStatement variants), or null */
    LsmPreparedStatement(LsmConnection connection, String sql, lsmdb.sql.KeyRequest keys) throws SQLException {
        super(connection);
        this.keyRequest = keys;
        if (sql == null) {
            throw Errors.syntax("no SQL given");
        }
        this.prepared = connection.session().prepare(sql);
        this.params = new Object[prepared.parameterCount()];
        Arrays.fill(params, UNSET);
    }

    /** A copy of the parameters, for a run whose result may read them after it returns (or a batch entry). */
    private Object[] bound() throws SQLException {
        return checkedParams().clone();
    }

    /** The parameters themselves, each checked set: for a run that is over when it returns. */
    private Object[] checkedParams() throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] == UNSET) {
                throw new SQLException("parameter " + (i + 1) + " of " + params.length + " is not set", "07001");
            }
        }
        return params;
    }

    private void set(int index, Object value) throws SQLException {
        checkOpen();
        if (index < 1 || index > params.length) {
            throw Errors.parameterIndex(index, params.length);
        }
        params[index - 1] = value;
    }

    @Override
    public boolean execute() throws SQLException {
        checkOpen();
        beginKeys(false);
        run(prepared, bound());
        return getResultSet() != null;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        checkOpen();
        beginKeys(false);
        run(prepared, bound());
        return requireResultSet();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) executeLargeUpdate();
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        checkOpen();
        beginKeys(false);
        // No copy: an update's count, RETURNING rows and keys are computed before run returns, and a query's rows
        // are closed below, so nothing reads the array after the next setter changes it.
        run(prepared, checkedParams());
        return updateCountOrZero();
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        batch.add(bound());
    }

    @Override
    void runBatchEntry(Object parameters) throws SQLException {
        run(prepared, (Object[]) parameters);
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(params, UNSET);
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return prepared.isQuery() ? new LsmResultSetMetaData(prepared.resultColumns()) : null;
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        return new LsmParameterMetaData(prepared);
    }

    // A prepared statement runs its own SQL only (JDBC).
    private static SQLException notHere() {
        return new SQLException("a PreparedStatement runs the SQL it was prepared with; use Statement for other SQL",
                "HY000");
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        throw notHere();
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw notHere();
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        throw notHere();
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw notHere();
    }

    // ---------------------------------------------------------------- setters

    @Override
    public void setNull(int i, int sqlType) throws SQLException {
        set(i, null);
    }

    @Override
    public void setNull(int i, int sqlType, String typeName) throws SQLException {
        set(i, null);
    }

    @Override
    public void setBoolean(int i, boolean x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setByte(int i, byte x) throws SQLException {
        set(i, (long) x);
    }

    @Override
    public void setShort(int i, short x) throws SQLException {
        set(i, (long) x);
    }

    @Override
    public void setInt(int i, int x) throws SQLException {
        set(i, (long) x);
    }

    @Override
    public void setLong(int i, long x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setFloat(int i, float x) throws SQLException {
        set(i, (double) x);
    }

    @Override
    public void setDouble(int i, double x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setBigDecimal(int i, BigDecimal x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setString(int i, String x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setNString(int i, String x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setBytes(int i, byte[] x) throws SQLException {
        set(i, x == null ? null : x.clone());
    }

    @Override
    public void setDate(int i, Date x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setDate(int i, Date x, Calendar cal) throws SQLException {
        set(i, x);
    }

    @Override
    public void setTimestamp(int i, Timestamp x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setTimestamp(int i, Timestamp x, Calendar cal) throws SQLException {
        set(i, x);
    }

    @Override
    public void setTime(int i, Time x) throws SQLException {
        set(i, x == null ? null : Jdbc.localTime(x));
    }

    @Override
    public void setTime(int i, Time x, Calendar cal) throws SQLException {
        setTime(i, x);
    }

    @Override
    public void setObject(int i, Object x) throws SQLException {
        set(i, normalise(x));
    }

    @Override
    public void setObject(int i, Object x, int targetSqlType) throws SQLException {
        set(i, normalise(x));
    }

    @Override
    public void setObject(int i, Object x, int targetSqlType, int scale) throws SQLException {
        set(i, normalise(x));
    }

    @Override
    public void setCharacterStream(int i, Reader reader, int length) throws SQLException {
        set(i, read(reader));
    }

    @Override
    public void setBinaryStream(int i, InputStream in, int length) throws SQLException {
        try {
            set(i, in == null ? null : in.readAllBytes());
        } catch (IOException e) {
            throw new SQLException("cannot read the stream for parameter " + i + ": " + e.getMessage(), "HY000", e);
        }
    }

    private static String read(Reader r) throws SQLException {
        if (r == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[4096];
        try {
            for (int n; (n = r.read(buf)) > 0;) {
                sb.append(buf, 0, n);
            }
        } catch (IOException e) {
            throw new SQLException("cannot read the character stream: " + e.getMessage(), "HY000", e);
        }
        return sb.toString();
    }

    /** Values as the SQL layer takes them; unknown classes are refused with 22018 now rather than at execution. */
    private static Object normalise(Object x) throws SQLException {
        if (x == null || x instanceof String || x instanceof Long || x instanceof Double || x instanceof Boolean
                || x instanceof BigDecimal || x instanceof byte[] || x instanceof Timestamp || x instanceof Date) {
            return x;
        }
        if (x instanceof Integer || x instanceof Short || x instanceof Byte) {
            return ((Number) x).longValue();
        }
        if (x instanceof Float f) {
            return f.doubleValue();
        }
        if (x instanceof java.math.BigInteger b) {
            return new BigDecimal(b);
        }
        if (x instanceof Time t) {
            return Jdbc.localTime(t);
        }
        if (x instanceof java.time.LocalDate || x instanceof java.time.LocalDateTime || x instanceof java.util.Date
                || x instanceof java.time.LocalTime || x instanceof java.util.UUID
                || x instanceof java.time.OffsetDateTime) {
            return x;
        }
        if (x instanceof java.time.ZonedDateTime z) {
            return z.toOffsetDateTime();
        }
        if (x instanceof java.time.Instant t) {
            return t.atOffset(java.time.ZoneOffset.UTC);
        }
        if (x instanceof Character c) {
            return c.toString();
        }
        throw Jdbc.badValue("parameters of class " + x.getClass().getName() + " are not supported");
    }
}
