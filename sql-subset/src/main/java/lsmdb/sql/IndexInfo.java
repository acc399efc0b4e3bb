package lsmdb.sql;

import java.util.List;

/**
 * A secondary index as metadata queries show it.
 *
 * @param descending per column: whether the index keeps it in descending order
 */
public record IndexInfo(String name, String table, boolean unique, List<String> columns, List<Boolean> descending) {

    /** An index whose columns are all ascending. */
    public IndexInfo(String name, String table, boolean unique, List<String> columns) {
        this(name, table, unique, columns, java.util.Collections.nCopies(columns.size(), false));
    }
}
