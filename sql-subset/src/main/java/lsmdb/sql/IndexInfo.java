package lsmdb.sql;

import java.util.List;

/** A secondary index as metadata queries show it. */
public record IndexInfo(String name, String table, boolean unique, List<String> columns) {
}
