package lsmdb.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.SqlType;
import lsmdb.sql.codec.KeyCodec;
import lsmdb.sql.codec.RowKeys;
import lsmdb.sql.codec.TableKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A one-column integral primary key is built in place (prefix and value written into one array): the bytes must be
 * exactly the table prefix followed by the column's general key encoding, for every value and table id, or rows
 * written before would not be found.
 */
class IntegralKeyBytesTest {

    @ParameterizedTest
    @EnumSource(value = SqlType.class, names = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "VARCHAR", "DOUBLE"})
    void inPlaceKeyEqualsPrefixAndGeneralEncoding(SqlType type) {
        Random r = new Random(type.ordinal());
        int[] ids = {1, 7, 255, 256, 65_537, 0x7f00_00ff, Integer.MAX_VALUE, -1};
        for (int id : ids) {
            ColumnInfo k = new ColumnInfo("K", type, 0, 0, false, true, "T");
            ColumnInfo v = new ColumnInfo("V", SqlType.VARCHAR, 10, 0, true, false, "T");
            Table t = Table.of(id, "T", List.of(k, v), List.of(0), false);
            for (int i = 0; i < 2_000; i++) {
                Object value = value(type, r, i);
                byte[] expected = concat(KeySpace.prefix(id), KeyCodec.encode(value, k));
                assertArrayEquals(expected, RowKeys.encode(t, new Object[] {value, "x"}), type + " " + value);
                assertArrayEquals(expected, new TableKeys(t).prefix(new Object[] {value}, 1), type + " " + value);
            }
        }
    }

    private static Object value(SqlType type, Random r, int i) {
        long edge = switch (i % 6) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> Long.MIN_VALUE;
            case 3 -> Long.MAX_VALUE;
            default -> r.nextLong();
        };
        return switch (type) {
            case TINYINT -> (long) (byte) edge;
            case SMALLINT -> (long) (short) edge;
            case INTEGER -> i % 2 == 0 ? (Object) (int) edge : (Object) (long) (int) edge;
            case BIGINT -> edge;
            case DOUBLE -> (double) edge / 3;
            default -> Long.toString(edge);
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
