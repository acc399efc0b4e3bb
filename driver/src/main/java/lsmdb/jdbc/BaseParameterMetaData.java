package lsmdb.jdbc;

/**
 * GENERATED (driver/src/build/GenerateJdbcBases.java) by reflection over {@code java.sql.ParameterMetaData}: every method the JDBC interface declares,
 * failing with 0A000 (optional feature not implemented). Subclasses override what they support.
 */
@SuppressWarnings({"deprecation", "unchecked"})
abstract class BaseParameterMetaData implements java.sql.ParameterMetaData {

    @Override
    public java.lang.String getParameterClassName(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ParameterMetaData.getParameterClassName");
    }

    @Override
    public int getParameterCount() throws java.sql.SQLException {
        throw Jdbc.unsupported("ParameterMetaData.getParameterCount");
    }

    @Override
    public int getParameterMode(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ParameterMetaData.getParameterMode");
    }

    @Override
    public int getParameterType(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ParameterMetaData.getParameterType");
    }

    @Override
    public java.lang.String getParameterTypeName(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ParameterMetaData.getParameterTypeName");
    }

    @Override
    public int getPrecision(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ParameterMetaData.getPrecision");
    }

    @Override
    public int getScale(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ParameterMetaData.getScale");
    }

    @Override
    public int isNullable(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ParameterMetaData.isNullable");
    }

    @Override
    public boolean isSigned(int p0) throws java.sql.SQLException {
        throw Jdbc.unsupported("ParameterMetaData.isSigned");
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
