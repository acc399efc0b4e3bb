package lsmdb.sql.codec;

import lsmdb.sql.ColumnInfo;
import lsmdb.sql.catalog.Table;

/** A table's primary key as a {@link KeyLayout} (the row key format is at the top of {@link RowKeys}). */
public record TableKeys(Table table) implements KeyLayout {

    @Override
    public int keyCount() {
        return table.keySlots().length;
    }

    @Override
    public ColumnInfo keyColumn(int i) {
        return table.slots().get(table.keySlots()[i]);
    }

    @Override
    public byte[] prefix(Object[] values, int n) {
        if (n == 1 && table.keySlots().length == 1) { // as RowKeys.encode, without a row to hold the value
            return RowKeys.single(table, values[0], keyColumn(0));
        }
        return RowKeys.prefix(table, values, n, false);
    }

    @Override
    public boolean lastIsRaw() {
        return true;
    }

    @Override
    public boolean exactPoints() {
        return true;
    }

    @Override
    public byte[] nonNullStart(byte[] eqPrefix) {
        return eqPrefix;
    }

    @Override
    public byte[] start() {
        return table.prefix();
    }

    @Override
    public byte[] end() {
        return table.prefixEnd();
    }
}
