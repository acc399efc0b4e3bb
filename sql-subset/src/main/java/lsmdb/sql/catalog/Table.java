package lsmdb.sql.catalog;

import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.SqlType;
import lsmdb.sql.TableInfo;

/**
 * A table and where its rows live. A row in memory has one slot per column, plus a last slot for the hidden
 * {@code _ROWID_} when the table has no declared key ({@link #width()} counts it).
 *
 * @param keySlots the slots of the key columns in key order (the row id slot for a table without a key)
 * @param inKey    per slot, whether the row key holds it (so the stored value leaves it out)
 * @param v2       whether the schema is stored in format 2 (keys of several columns escape their strings)
 * @param stored   how rows are stored across the ALTERs the table went through
 */
public record Table(int id, String name, List<ColumnInfo> columns, List<ColumnInfo> slots, int[] keySlots,
                    boolean[] inKey, boolean v2, StoredSchema stored) {

    static Table of(int id, String name, List<ColumnInfo> columns, List<Integer> keyColumns, boolean v2) {
        return of(id, name, columns, keyColumns, v2, StoredSchema.initial(columns));
    }

    /** The table as ALTER TABLE leaves it: new name or columns, rows stored as {@code stored} says. */
    static Table of(int id, String name, List<ColumnInfo> columns, List<Integer> keyColumns, boolean v2,
                    StoredSchema stored) {
        boolean hidden = keyColumns.isEmpty();
        // both lists immutable copies whatever the caller passed (an ArrayList from CREATE TABLE, a copy from the
        // catalog): the row decoders' List.get calls then see the same few classes for every table, and a JIT
        // that compiled them for one table is not sent back by the next
        columns = List.copyOf(columns);
        List<ColumnInfo> slots = List.copyOf(withRowId(name, columns, hidden));
        int[] keySlots = hidden ? new int[] {columns.size()} : keyColumns.stream().mapToInt(Integer::intValue).toArray();
        boolean[] inKey = new boolean[slots.size()];
        for (int k : keySlots) {
            inKey[k] = true;
        }
        return new Table(id, name, columns, slots, keySlots, inKey, v2, stored);
    }

    public boolean hasHiddenRowId() {
        return slots.size() > columns.size();
    }

    /** Slots in a row of this table: its columns, and the hidden row id if any. */
    public int width() {
        return slots.size();
    }

    public TableInfo info() {
        List<Integer> keys = new ArrayList<>();
        if (!hasHiddenRowId()) {
            for (int k : keySlots) {
                keys.add(k);
            }
        }
        return new TableInfo(name, columns, List.copyOf(keys));
    }

    /** The slot of the column named {@code column}, or -1. */
    public int slot(String column) {
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    /** The declared key columns as indexes into {@link #columns()} (empty with a hidden row id). */
    public List<Integer> keyColumns() {
        return info().keyColumns();
    }

    public byte[] prefix() {
        return KeySpace.prefix(id);
    }

    /** The first key after every row of this table. */
    public byte[] prefixEnd() {
        return KeySpace.end(id);
    }

    /** The column list of a table's rows, with the hidden row id appended when it has one. */
    private static List<ColumnInfo> withRowId(String table, List<ColumnInfo> columns, boolean hidden) {
        if (!hidden) {
            return columns;
        }
        List<ColumnInfo> all = new ArrayList<>(columns);
        all.add(new ColumnInfo(Catalog.ROWID, SqlType.BIGINT, 0, 0, false, true, table));
        return List.copyOf(all);
    }
}
