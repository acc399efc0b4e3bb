package lsmdb.sql.catalog;

import static lsmdb.sql.catalog.CatalogKeys.FOREIGN_KEY;
import static lsmdb.sql.catalog.CatalogKeys.INDEX;
import static lsmdb.sql.catalog.CatalogKeys.LAYOUT;
import static lsmdb.sql.catalog.CatalogKeys.TABLE;
import static lsmdb.sql.catalog.CatalogKeys.TABLE_V1;
import static lsmdb.sql.catalog.CatalogKeys.named;

import java.util.List;
import java.util.Map;
import lsmdb.core.WriteBatch;

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

    /** The catalog writes that turn {@code d} into what this edit leaves; {@code values}: how layouts are stored. */
    WriteBatch writes(Definitions d, ColumnValueFormat values) {
        WriteBatch batch = new WriteBatch().delete(named(TABLE_V1, before.name())).delete(named(TABLE, before.name()))
                .delete(named(LAYOUT, before.name())).put(named(TABLE, after.name()), SchemaFormat.encodeTable(after));
        if (after.stored().version() > 0) {
            batch.put(named(LAYOUT, after.name()), StoredSchemaFormat.encode(after.stored(), values));
        }
        for (Index ix : d.indexesOf(before.name())) {
            batch.delete(named(INDEX, ix.name()));
        }
        for (Index ix : droppedIndexes) {
            batch.deleteRange(ix.prefix(), ix.prefixEnd());
        }
        for (Index ix : indexes) {
            batch.put(named(INDEX, ix.name()), SchemaFormat.encodeIndex(ix));
        }
        for (String old : d.foreignKeys().keySet()) {
            if (!foreignKeys.containsKey(old)) {
                batch.delete(named(FOREIGN_KEY, old));
            }
        }
        for (ForeignKey fk : foreignKeys.values()) {
            if (!fk.equals(d.foreignKeys().get(fk.name()))) {
                batch.put(named(FOREIGN_KEY, fk.name()), fk.encode());
            }
        }
        if (rules != null) {
            batch = rules.isEmpty() ? batch.delete(ColumnRules.key(after.id()))
                    : batch.put(ColumnRules.key(after.id()), rules.encode());
        }
        return batch;
    }
}
