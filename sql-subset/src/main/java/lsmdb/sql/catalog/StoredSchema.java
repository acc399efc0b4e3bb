package lsmdb.sql.catalog;

import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.ColumnInfo;

/**
 * How a table's rows are stored, across every ALTER TABLE it went through, so that no ALTER rewrites rows.
 *
 * <p>A row's stored value holds one entry per <em>stored column</em> that existed when it was written (RowCodec
 * writes that count first), so the count is the row's schema version. Stored columns are only ever appended:
 * ADD COLUMN appends one, DROP COLUMN marks one dropped (its values stay in old rows and are skipped), RENAME
 * touches nothing here. A row stored before a column was added reads that column's {@code missing} value (its
 * default when it was added, else NULL). Version 0 is a table never altered: stored columns are its columns.
 *
 * @param version  how many ALTERs changed the table (0: the layout CREATE TABLE made)
 * @param stored   the stored columns in stored order
 * @param defaults per column of the table (not per stored column), its DEFAULT given by ALTER, or null
 */
public final class StoredSchema {

    private final int version;
    private final List<StoredColumn> stored;
    private final List<ColumnDefault> defaults;
    /** Derived once: rows of altered tables decode through these on every read. */
    private final List<ColumnInfo> storedColumns;
    private final boolean plain;

    public StoredSchema(int version, List<StoredColumn> stored, List<ColumnDefault> defaults) {
        this.version = version;
        this.stored = stored;
        this.defaults = defaults;
        List<ColumnInfo> cols = new ArrayList<>(stored.size());
        boolean p = true;
        for (int i = 0; i < stored.size(); i++) {
            StoredColumn s = stored.get(i);
            cols.add(s.column());
            p &= s.slot() == i && s.missing() == null;
        }
        this.storedColumns = List.copyOf(cols);
        this.plain = p;
    }

    public int version() {
        return version;
    }

    public List<StoredColumn> stored() {
        return stored;
    }

    public List<ColumnDefault> defaults() {
        return defaults;
    }

    /**
     * One stored column.
     *
     * @param column  its type as rows store it (the name is the one it had when added, for diagnostics)
     * @param slot    the table slot it is read into, or -1 once dropped
     * @param missing what rows stored before it was added read (null: NULL)
     */
    public record StoredColumn(ColumnInfo column, int slot, Object missing) {
    }

    /** The layout of a table never altered: its columns, stored in order, nothing missing. */
    public static StoredSchema initial(List<ColumnInfo> columns) {
        List<StoredColumn> stored = new ArrayList<>(columns.size());
        List<ColumnDefault> defaults = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            stored.add(new StoredColumn(columns.get(i), i, null));
            defaults.add(null);
        }
        return new StoredSchema(0, List.copyOf(stored), java.util.Collections.unmodifiableList(defaults));
    }

    /**
     * Whether stored column i is table slot i for every column with nothing missing: then a row decodes as it
     * always did (the fast path, and the only path for tables never altered).
     */
    public boolean isPlain() {
        return plain;
    }

    /** The DEFAULT of the table's column {@code column}, or null. */
    public ColumnDefault defaultOf(int column) {
        return column < defaults.size() ? defaults.get(column) : null;
    }

    /** Sets the columns that have a DEFAULT to it, in a new row (the inserted values then overwrite theirs). */
    public void fillDefaults(Object[] row) {
        for (int i = 0; i < defaults.size(); i++) {
            ColumnDefault d = defaults.get(i);
            if (d != null) {
                row[i] = d.evaluate();
            }
        }
    }

    /** The columns as rows store them, in stored order (dropped ones included). */
    public List<ColumnInfo> storedColumns() {
        return storedColumns;
    }

    /** Where table slot {@code slot} is stored, or -1. */
    public int storedIndexOf(int slot) {
        for (int i = 0; i < stored.size(); i++) {
            if (stored.get(i).slot() == slot) {
                return i;
            }
        }
        return -1;
    }
}
