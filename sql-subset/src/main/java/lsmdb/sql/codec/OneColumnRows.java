package lsmdb.sql.codec;

import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.catalog.ColumnValueFormat;

/** A single value stored as a one-column row of {@link RowEncoder}'s format: how the catalog keeps values. */
public final class OneColumnRows implements ColumnValueFormat {

    public static final OneColumnRows FORMAT = new OneColumnRows();

    private OneColumnRows() {
    }

    @Override
    public byte[] encode(Object value, ColumnInfo column) {
        return RowEncoder.encode(new Object[] {value}, List.of(column), new boolean[1]);
    }

    @Override
    public Object decode(byte[] stored, ColumnInfo column) {
        Object[] out = new Object[1];
        RowCodec.decodeInto(stored, List.of(column), new boolean[1], out);
        return out[0];
    }
}
