package lsmdb.sql;

import java.util.List;

/**
 * A foreign key as metadata queries show it.
 *
 * @param parentKey the name of the parent's key it references: {@code PK_<table>} or the unique index's name
 */
public record ForeignKeyInfo(String name, String table, List<String> columns, String parentTable,
                             List<String> parentColumns, String parentKey) {
}
