package lsmdb.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.SqlType;

/** Column descriptions of a result. */
final class LsmResultSetMetaData extends BaseResultSetMetaData {

    private final List<ColumnInfo> columns;

    LsmResultSetMetaData(List<ColumnInfo> columns) {
        this.columns = columns;
    }

    private ColumnInfo col(int i) throws SQLException {
        if (i < 1 || i > columns.size()) {
            throw new SQLException("column index " + i + " is out of range 1.." + columns.size(), "22023");
        }
        return columns.get(i - 1);
    }

    @Override public int getColumnCount() { return columns.size(); }
    @Override public String getColumnLabel(int i) throws SQLException { return col(i).name(); }
    @Override public String getColumnName(int i) throws SQLException { return col(i).name(); }
    @Override public int getColumnType(int i) throws SQLException { return col(i).type().jdbcType(); }
    @Override public String getColumnTypeName(int i) throws SQLException { return col(i).type().sqlName(); }
    @Override public String getColumnClassName(int i) throws SQLException { return col(i).type().javaClass().getName(); }
    @Override public String getTableName(int i) throws SQLException { return col(i).table(); }
    @Override public String getSchemaName(int i) throws SQLException { col(i); return ""; }
    @Override public String getCatalogName(int i) throws SQLException { col(i); return ""; }
    @Override public boolean isAutoIncrement(int i) throws SQLException { col(i); return false; }
    @Override public boolean isCaseSensitive(int i) throws SQLException {
        SqlType t = col(i).type();
        return t == SqlType.VARCHAR || t == SqlType.CHAR;
    }
    @Override public boolean isSearchable(int i) throws SQLException { col(i); return true; }
    @Override public boolean isCurrency(int i) throws SQLException { col(i); return false; }
    @Override public int isNullable(int i) throws SQLException {
        return col(i).nullable() ? ResultSetMetaData.columnNullable : ResultSetMetaData.columnNoNulls;
    }
    @Override public boolean isSigned(int i) throws SQLException {
        SqlType t = col(i).type();
        return t.isNumeric();
    }
    @Override public int getColumnDisplaySize(int i) throws SQLException { return TypeSizes.displaySize(col(i)); }
    @Override public int getPrecision(int i) throws SQLException { return TypeSizes.precision(col(i)); }
    @Override public int getScale(int i) throws SQLException { return col(i).scale(); }
    @Override public boolean isReadOnly(int i) throws SQLException { col(i); return false; }
    @Override public boolean isWritable(int i) throws SQLException { col(i); return true; }
    @Override public boolean isDefinitelyWritable(int i) throws SQLException { col(i); return false; }
}
