package lsmdb.sql.catalog;

import java.util.List;
import java.util.Map;

/**
 * One ALTER TABLE's change to the catalog, written in one atomic batch by {@link Catalog#alter}.
 *
 * @param before         the table as it was
 * @param after          the table as it becomes (possibly renamed)
 * @param indexes        every index of the table afterwards (definitions replace the old ones by name)
 * @param droppedIndexes indexes that go away, entries and all
 * @param foreignKeys    the complete set of foreign keys afterwards, by name
 * @param rules          the table's DEFAULTs and identity afterwards, or null when they do not change
 */
public record SchemaEdit(Table before, Table after, List<Index> indexes, List<Index> droppedIndexes,
                         Map<String, ForeignKey> foreignKeys, ColumnRules rules) {

    public SchemaEdit(Table before, Table after, List<Index> indexes, List<Index> droppedIndexes,
                      Map<String, ForeignKey> foreignKeys) {
        this(before, after, indexes, droppedIndexes, foreignKeys, null);
    }
}
