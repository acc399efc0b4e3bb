package lsmdb.sql;

import java.util.List;

/** The generated keys of one statement: a row per changed row, each value in its column's Java class. */
public record GeneratedKeys(List<ColumnInfo> columns, List<Object[]> rows) {
}
