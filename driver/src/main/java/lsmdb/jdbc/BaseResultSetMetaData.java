package lsmdb.jdbc;

/**
 * GENERATED (driver/src/build/GenerateJdbcBases.java) by reflection over {@code java.sql.ResultSetMetaData}: every method the JDBC interface declares,
 * failing with 0A000 (optional feature not implemented). Subclasses override what they support.
 */
@SuppressWarnings({"deprecation", "unchecked"})
abstract class BaseResultSetMetaData implements java.sql.ResultSetMetaData {

    @Override
    public java.lang.String getCatalogName(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.getCatalogName");
    }

    @Override
    public java.lang.String getColumnClassName(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.getColumnClassName");
    }

    @Override
    public int getColumnCount() throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.getColumnCount");
    }

    @Override
    public int getColumnDisplaySize(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.getColumnDisplaySize");
    }

    @Override
    public java.lang.String getColumnLabel(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.getColumnLabel");
    }

    @Override
    public java.lang.String getColumnName(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.getColumnName");
    }

    @Override
    public int getColumnType(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.getColumnType");
    }

    @Override
    public java.lang.String getColumnTypeName(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.getColumnTypeName");
    }

    @Override
    public int getPrecision(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.getPrecision");
    }

    @Override
    public int getScale(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.getScale");
    }

    @Override
    public java.lang.String getSchemaName(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.getSchemaName");
    }

    @Override
    public java.lang.String getTableName(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.getTableName");
    }

    @Override
    public boolean isAutoIncrement(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.isAutoIncrement");
    }

    @Override
    public boolean isCaseSensitive(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.isCaseSensitive");
    }

    @Override
    public boolean isCurrency(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.isCurrency");
    }

    @Override
    public boolean isDefinitelyWritable(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.isDefinitelyWritable");
    }

    @Override
    public int isNullable(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.isNullable");
    }

    @Override
    public boolean isReadOnly(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.isReadOnly");
    }

    @Override
    public boolean isSearchable(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.isSearchable");
    }

    @Override
    public boolean isSigned(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.isSigned");
    }

    @Override
    public boolean isWritable(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ResultSetMetaData.isWritable");
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
