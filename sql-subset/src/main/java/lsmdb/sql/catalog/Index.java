package lsmdb.sql.catalog;

import java.util.List;

/**
 * A secondary index: entries keyed {@code (index columns, primary key)} in their own key range, written in the
 * same atomic batch as the row. A unique index leaves the primary key out of entries whose columns are all non-NULL,
 * so two rows with equal values write the same key (and the engine's first-committer-wins check sees the clash);
 * those entries hold the row key as their value, the others none (codec.IndexKeys).
 *
 * @param slots the table slots of the index columns, in index order
 * @param descending per index column: whether it is stored in descending order (inverted in the entry key)
 */
public record Index(String name, String table, int id, boolean unique, int[] slots, List<String> columnNames,
                    boolean[] descending) {

    public Index {
        if (descending == null) {
            descending = new boolean[slots.length];
        } else if (descending.length != slots.length) {
            throw new IllegalArgumentException("one direction per index column");
        }
    }

    /** An index whose columns are all ascending. */
    public Index(String name, String table, int id, boolean unique, int[] slots, List<String> columnNames) {
        this(name, table, id, unique, slots, columnNames, null);
    }

    /** Whether index column {@code i} is descending. */
    public boolean descending(int i) {
        return descending[i];
    }

    /** Whether any index column is descending. */
    public boolean anyDescending() {
        for (boolean d : descending) {
            if (d) {
                return true;
            }
        }
        return false;
    }

    public byte[] prefix() {
        return KeySpace.prefix(id);
    }

    public byte[] prefixEnd() {
        return KeySpace.end(id);
    }
}
