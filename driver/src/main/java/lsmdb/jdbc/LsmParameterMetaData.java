package lsmdb.jdbc;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.Types;
import lsmdb.sql.Errors;
import lsmdb.sql.Prepared;
import lsmdb.sql.SqlType;

/** Parameter descriptions: the type of a {@code ?} that is compared with or assigned to a column, else OTHER. */
final class LsmParameterMetaData extends BaseParameterMetaData {

    private final Prepared prepared;

    LsmParameterMetaData(Prepared prepared) {
        this.prepared = prepared;
    }

    private SqlType type(int i) throws SQLException {
        if (i < 1 || i > prepared.parameterCount()) {
            throw Errors.parameterIndex(i, prepared.parameterCount());
        }
        return prepared.parameterType(i - 1);
    }

    @Override public int getParameterCount() { return prepared.parameterCount(); }
    @Override public int isNullable(int i) throws SQLException { type(i); return ParameterMetaData.parameterNullableUnknown; }
    @Override public boolean isSigned(int i) throws SQLException { type(i); return true; }
    @Override public int getPrecision(int i) throws SQLException { type(i); return 0; }
    @Override public int getScale(int i) throws SQLException { type(i); return 0; }
    @Override public int getParameterType(int i) throws SQLException {
        SqlType t = type(i);
        return t == null ? Types.OTHER : t.jdbcType();
    }
    @Override public String getParameterTypeName(int i) throws SQLException {
        SqlType t = type(i);
        return t == null ? "OTHER" : t.sqlName();
    }
    @Override public String getParameterClassName(int i) throws SQLException {
        SqlType t = type(i);
        return t == null ? Object.class.getName() : t.javaClass().getName();
    }
    @Override public int getParameterMode(int i) throws SQLException { type(i); return ParameterMetaData.parameterModeIn; }
}
