package lsmdb.sql.codec;

import java.util.List;
import lsmdb.core.util.Coding;
import lsmdb.sql.catalog.StoredSchema;
import lsmdb.sql.catalog.Table;

/**
 * Rows of a table that ALTER TABLE changed: stored in the table's stored-column order ({@link StoredSchema}),
 * read back into table slots. The stored column count at the head of a row tells which columns it was written
 * with; columns added after it read their missing value, dropped ones are skipped.
 */
final class VersionedRows {

    private VersionedRows() {
    }

    static byte[] encode(Table t, Object[] row) {
        StoredSchema s = t.stored();
        int n = s.stored().size();
        Object[] stored = new Object[n];
        boolean[] inKey = new boolean[n];
        for (int i = 0; i < n; i++) {
            int slot = s.stored().get(i).slot();
            if (slot >= 0) {
                stored[i] = row[slot];
                inKey[i] = t.inKey()[slot];
            }
        }
        return RowEncoder.encode(stored, s.storedColumns(), inKey);
    }

    /** Fills the non-key slots of {@code row} from {@code value}. */
    static void decodeInto(Table t, byte[] value, Object[] row) {
        try {
            decodeStored(t, value, row);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | NegativeArraySizeException
                 | java.time.DateTimeException e) {
            throw Malformed.storedRow(e);
        }
    }

    private static void decodeStored(Table t, byte[] value, Object[] row) {
        StoredSchema s = t.stored();
        List<StoredSchema.StoredColumn> cols = s.stored();
        int written = Coding.getVarint32(value, new int[] {0}, value.length);
        Object[] stored = new Object[cols.size()];
        boolean[] inKey = new boolean[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            int slot = cols.get(i).slot();
            if (slot >= 0 && t.inKey()[slot]) {
                inKey[i] = true;
                stored[i] = row[slot]; // filled from the key already (a zoned timestamp key adds its offset)
            }
        }
        RowCodec.decodeInto(value, s.storedColumns(), inKey, stored);
        for (int i = 0; i < cols.size(); i++) {
            int slot = cols.get(i).slot();
            if (slot >= 0 && (!t.inKey()[slot] || i < written)) {
                row[slot] = i < written ? stored[i] : cols.get(i).missing();
            }
        }
    }
}
