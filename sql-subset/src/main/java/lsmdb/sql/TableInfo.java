package lsmdb.sql;

import java.util.List;

/**
 * A table's schema as the catalog stores it; for metadata queries.
 *
 * @param keyColumns the primary key's columns in key order, as indexes into {@code columns}; empty when the table
 *                   has no declared key and rows are keyed by the hidden {@code _ROWID_}
 */
public record TableInfo(String name, List<ColumnInfo> columns, List<Integer> keyColumns) {

    public boolean hasHiddenRowId() {
        return keyColumns.isEmpty();
    }
}
