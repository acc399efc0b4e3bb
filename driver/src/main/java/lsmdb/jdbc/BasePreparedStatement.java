package lsmdb.jdbc;

/**
 * GENERATED (driver/src/build/GenerateJdbcBases.java) by reflection over {@code java.sql.PreparedStatement}: every method the JDBC interface declares,
 * failing with 0A000 (optional feature not implemented). Subclasses override what they support.
 */
@SuppressWarnings({"deprecation", "unchecked"})
abstract class BasePreparedStatement implements java.sql.PreparedStatement {

    @Override
    public void addBatch() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.addBatch");
    }

    @Override
    public void addBatch(java.lang.String p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.addBatch");
    }

    @Override
    public void cancel() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.cancel");
    }

    @Override
    public void clearBatch() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.clearBatch");
    }

    @Override
    public void clearParameters() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.clearParameters");
    }

    @Override
    public void clearWarnings() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.clearWarnings");
    }

    @Override
    public void close() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.close");
    }

    @Override
    public void closeOnCompletion() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.closeOnCompletion");
    }

    @Override
    public boolean execute() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.execute");
    }

    @Override
    public boolean execute(java.lang.String p0, int[] p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.execute");
    }

    @Override
    public boolean execute(java.lang.String p0, java.lang.String[] p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.execute");
    }

    @Override
    public boolean execute(java.lang.String p0, int p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.execute");
    }

    @Override
    public boolean execute(java.lang.String p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.execute");
    }

    @Override
    public int[] executeBatch() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.executeBatch");
    }

    @Override
    public java.sql.ResultSet executeQuery() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.executeQuery");
    }

    @Override
    public java.sql.ResultSet executeQuery(java.lang.String p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.executeQuery");
    }

    @Override
    public int executeUpdate() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.executeUpdate");
    }

    @Override
    public int executeUpdate(java.lang.String p0, int[] p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.executeUpdate");
    }

    @Override
    public int executeUpdate(java.lang.String p0, java.lang.String[] p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.executeUpdate");
    }

    @Override
    public int executeUpdate(java.lang.String p0, int p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.executeUpdate");
    }

    @Override
    public int executeUpdate(java.lang.String p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.executeUpdate");
    }

    @Override
    public java.sql.Connection getConnection() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.getConnection");
    }

    @Override
    public int getFetchDirection() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.getFetchDirection");
    }

    @Override
    public int getFetchSize() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.getFetchSize");
    }

    @Override
    public java.sql.ResultSet getGeneratedKeys() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.getGeneratedKeys");
    }

    @Override
    public int getMaxFieldSize() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.getMaxFieldSize");
    }

    @Override
    public int getMaxRows() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.getMaxRows");
    }

    @Override
    public java.sql.ResultSetMetaData getMetaData() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.getMetaData");
    }

    @Override
    public boolean getMoreResults() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.getMoreResults");
    }

    @Override
    public boolean getMoreResults(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.getMoreResults");
    }

    @Override
    public java.sql.ParameterMetaData getParameterMetaData() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.getParameterMetaData");
    }

    @Override
    public int getQueryTimeout() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.getQueryTimeout");
    }

    @Override
    public java.sql.ResultSet getResultSet() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.getResultSet");
    }

    @Override
    public int getResultSetConcurrency() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.getResultSetConcurrency");
    }

    @Override
    public int getResultSetHoldability() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.getResultSetHoldability");
    }

    @Override
    public int getResultSetType() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.getResultSetType");
    }

    @Override
    public int getUpdateCount() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.getUpdateCount");
    }

    @Override
    public java.sql.SQLWarning getWarnings() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.getWarnings");
    }

    @Override
    public boolean isCloseOnCompletion() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.isCloseOnCompletion");
    }

    @Override
    public boolean isClosed() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.isClosed");
    }

    @Override
    public boolean isPoolable() throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.isPoolable");
    }

    @Override
    public void setArray(int p0, java.sql.Array p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setArray");
    }

    @Override
    public void setAsciiStream(int p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setAsciiStream");
    }

    @Override
    public void setAsciiStream(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setAsciiStream");
    }

    @Override
    public void setAsciiStream(int p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setAsciiStream");
    }

    @Override
    public void setBigDecimal(int p0, java.math.BigDecimal p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setBigDecimal");
    }

    @Override
    public void setBinaryStream(int p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setBinaryStream");
    }

    @Override
    public void setBinaryStream(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setBinaryStream");
    }

    @Override
    public void setBinaryStream(int p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setBinaryStream");
    }

    @Override
    public void setBlob(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setBlob");
    }

    @Override
    public void setBlob(int p0, java.io.InputStream p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setBlob");
    }

    @Override
    public void setBlob(int p0, java.sql.Blob p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setBlob");
    }

    @Override
    public void setBoolean(int p0, boolean p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setBoolean");
    }

    @Override
    public void setByte(int p0, byte p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setByte");
    }

    @Override
    public void setBytes(int p0, byte[] p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setBytes");
    }

    @Override
    public void setCharacterStream(int p0, java.io.Reader p1, int p2) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setCharacterStream");
    }

    @Override
    public void setCharacterStream(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setCharacterStream");
    }

    @Override
    public void setCharacterStream(int p0, java.io.Reader p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setCharacterStream");
    }

    @Override
    public void setClob(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setClob");
    }

    @Override
    public void setClob(int p0, java.io.Reader p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setClob");
    }

    @Override
    public void setClob(int p0, java.sql.Clob p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setClob");
    }

    @Override
    public void setCursorName(java.lang.String p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setCursorName");
    }

    @Override
    public void setDate(int p0, java.sql.Date p1, java.util.Calendar p2) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setDate");
    }

    @Override
    public void setDate(int p0, java.sql.Date p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setDate");
    }

    @Override
    public void setDouble(int p0, double p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setDouble");
    }

    @Override
    public void setEscapeProcessing(boolean p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setEscapeProcessing");
    }

    @Override
    public void setFetchDirection(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setFetchDirection");
    }

    @Override
    public void setFetchSize(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setFetchSize");
    }

    @Override
    public void setFloat(int p0, float p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setFloat");
    }

    @Override
    public void setInt(int p0, int p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setInt");
    }

    @Override
    public void setLong(int p0, long p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setLong");
    }

    @Override
    public void setMaxFieldSize(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setMaxFieldSize");
    }

    @Override
    public void setMaxRows(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setMaxRows");
    }

    @Override
    public void setNCharacterStream(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setNCharacterStream");
    }

    @Override
    public void setNCharacterStream(int p0, java.io.Reader p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setNCharacterStream");
    }

    @Override
    public void setNClob(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setNClob");
    }

    @Override
    public void setNClob(int p0, java.io.Reader p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setNClob");
    }

    @Override
    public void setNClob(int p0, java.sql.NClob p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setNClob");
    }

    @Override
    public void setNString(int p0, java.lang.String p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setNString");
    }

    @Override
    public void setNull(int p0, int p1, java.lang.String p2) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setNull");
    }

    @Override
    public void setNull(int p0, int p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setNull");
    }

    @Override
    public void setObject(int p0, java.lang.Object p1, int p2, int p3) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setObject");
    }

    @Override
    public void setObject(int p0, java.lang.Object p1, int p2) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setObject");
    }

    @Override
    public void setObject(int p0, java.lang.Object p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setObject");
    }

    @Override
    public void setPoolable(boolean p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setPoolable");
    }

    @Override
    public void setQueryTimeout(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setQueryTimeout");
    }

    @Override
    public void setRef(int p0, java.sql.Ref p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setRef");
    }

    @Override
    public void setRowId(int p0, java.sql.RowId p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setRowId");
    }

    @Override
    public void setSQLXML(int p0, java.sql.SQLXML p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setSQLXML");
    }

    @Override
    public void setShort(int p0, short p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setShort");
    }

    @Override
    public void setString(int p0, java.lang.String p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setString");
    }

    @Override
    public void setTime(int p0, java.sql.Time p1, java.util.Calendar p2) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setTime");
    }

    @Override
    public void setTime(int p0, java.sql.Time p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setTime");
    }

    @Override
    public void setTimestamp(int p0, java.sql.Timestamp p1, java.util.Calendar p2) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setTimestamp");
    }

    @Override
    public void setTimestamp(int p0, java.sql.Timestamp p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setTimestamp");
    }

    @Override
    public void setURL(int p0, java.net.URL p1) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setURL");
    }

    @Override
    public void setUnicodeStream(int p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        throw Jdbc.unsupported("PreparedStatement.setUnicodeStream");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws java.sql.SQLException {
        if (iface.isInstance(this)) {
            return (T) this;
        }
        throw new java.sql.SQLException(getClass().getSimpleName() + " does not wrap " + iface.getName(), "HY000");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
