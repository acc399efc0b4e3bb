package lsmdb.sql.catalog;

import java.util.List;

/**
 * A secondary index: entries {@code (index columns, primary key) → row key} in their own key range, written in the
 * same atomic batch as the row. A unique index leaves the primary key out of entries whose columns are all non-NULL,
 * so two rows with equal values write the same key (and the engine's first-committer-wins check sees the clash).
 *
 * @param slots the table slots of the index columns, in index order
 */
public record Index(String name, String table, int id, boolean unique, int[] slots, List<String> columnNames) {

    public byte[] prefix() {
        return KeySpace.prefix(id);
    }

    public byte[] prefixEnd() {
        return KeySpace.end(id);
    }
}
