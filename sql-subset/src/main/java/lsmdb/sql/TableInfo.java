package lsmdb.sql;

import java.util.List;

/** A table's schema as the catalog stores it; for metadata queries. */
public record TableInfo(String name, List<ColumnInfo> columns, int keyColumn) {

    public ColumnInfo key() {
        return columns.get(keyColumn);
    }
}
