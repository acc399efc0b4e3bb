package lsmdb.sql.codec;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.catalog.KeySpace;
import lsmdb.sql.catalog.Table;

/**
 * Row keys: the table's prefix, then each key column in key order, memcomparable (so a prefix of key columns is a
 * contiguous key range, and {@code ORDER BY} the key is a scan).
 *
 * <pre>
 * row key   0x01 | table id (4 bytes, BE) | part* 
 * part      the column's KeyCodec encoding. Fixed-width types and DECIMAL delimit themselves; a VARCHAR, CHAR or
 *           VARBINARY part that is not the last one has each 0x00 byte written as 0x00 0xFF and ends with 0x00 0x01,
 *           so a shorter string still sorts first. The last part is written as it is (as format-1 tables were).
 * </pre>
 */
public final class RowKeys {

    private RowKeys() {
    }

    /** REQUIRES: the key slots of {@code row} hold non-null values of their columns' classes. */
    public static byte[] encode(Table t, Object[] row) {
        int[] keys = t.keySlots();
        if (keys.length == 1) {
            return single(t, row[keys[0]], t.slots().get(keys[0]));
        }
        return prefix(t, row, keys.length, true);
    }

    /** The key of a row of {@code t}, whose one key column {@code c} holds {@code v}; as {@link #prefix}. */
    static byte[] single(Table t, Object v, ColumnInfo c) {
        if (KeyCodec.isIntegral(c.type())) { // the usual key, built in place
            byte[] k = new byte[13];
            KeySpace.putPrefix(t.id(), k);
            KeyCodec.putIntegral(((Number) v).longValue(), k, 5);
            return k;
        }
        byte[] part = KeyCodec.encode(v, c);
        byte[] k = Arrays.copyOf(t.prefix(), 5 + part.length);
        System.arraycopy(part, 0, k, 5, part.length);
        return k;
    }

    /**
     * The key bytes of the first {@code n} key columns, whose values are {@code values[keySlots[i]]} when
     * {@code bySlot}, else {@code values[i]}.
     */
    public static byte[] prefix(Table t, Object[] values, int n, boolean bySlot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        out.writeBytes(t.prefix());
        int[] keys = t.keySlots();
        for (int i = 0; i < n; i++) {
            ColumnInfo c = t.slots().get(keys[i]);
            byte[] part = KeyCodec.encode(bySlot ? values[keys[i]] : values[i], c);
            if (i == keys.length - 1 || !isVariable(c)) {
                out.writeBytes(part);
            } else {
                for (byte b : part) {
                    out.write(b);
                    if (b == 0) {
                        out.write(0xff);
                    }
                }
                out.write(0);
                out.write(1);
            }
        }
        return out.toByteArray();
    }

    /** Fills the key slots of {@code row} from {@code key}. */
    public static void decode(Table t, byte[] key, Object[] row) {
        decode(t, key, key.length, row);
    }

    /** Fills the key slots of {@code row} from the key in {@code key[0, length)} (a buffer its reader reuses). */
    public static void decode(Table t, byte[] key, int length, Object[] row) {
        try {
            decodeKey(t, key, length, row);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | NegativeArraySizeException
                 | java.time.DateTimeException e) {
            throw Malformed.storedKey(e);
        }
    }

    /** The slot of {@code t}'s key when the key is one BIGINT column; -1 otherwise (a composite or hidden key). */
    public static int oneLongKeySlot(Table t) {
        int[] keys = t.keySlots();
        if (keys.length != 1 || keys[0] >= t.columns().size()) {
            return -1;
        }
        return t.columns().get(keys[0]).type() == lsmdb.sql.SqlType.BIGINT ? keys[0] : -1;
    }

    /**
     * The value of a key in {@code key[0, length)} of a table whose key is one BIGINT column ({@link #oneLongKeySlot}),
     * as {@link #decode} would box it.
     */
    public static long oneLong(byte[] key, int length) {
        if (length != 5 + 8) {
            throw Malformed.storedKey(new IllegalArgumentException("a BIGINT key of " + (length - 5) + " bytes"));
        }
        return KeyCodec.readLong8(key, 5);
    }

    private static void decodeKey(Table t, byte[] key, int length, Object[] row) {
        int[] keys = t.keySlots();
        int p = 5;
        for (int i = 0; i < keys.length; i++) {
            ColumnInfo c = t.slots().get(keys[i]);
            boolean last = i == keys.length - 1;
            if (last) {
                if (p > length || !isVariable(c) && p + fixedLength(c, key, p) > length) {
                    throw new IllegalArgumentException("the last key column runs past the key's end");
                }
                row[keys[i]] = KeyCodec.decode(key, p, length - p, c);
            } else if (isVariable(c)) {
                byte[] raw = new byte[length - p];
                int n = 0;
                while (!(key[p] == 0 && key[p + 1] == 1)) {
                    raw[n++] = key[p];
                    p += key[p] == 0 ? 2 : 1;
                    if (p + 1 >= length) {
                        throw new IllegalArgumentException("a key column runs past the key's end");
                    }
                }
                p += 2;
                row[keys[i]] = KeyCodec.decode(raw, 0, n, c);
            } else {
                int len = fixedLength(c, key, p);
                if (p + len > length) {
                    throw new IllegalArgumentException("a key column runs past the key's end");
                }
                row[keys[i]] = KeyCodec.decode(key, p, len, c);
                p += len;
            }
        }
    }

    private static boolean isVariable(ColumnInfo c) {
        return switch (c.type()) {
            case VARCHAR, CHAR, VARBINARY -> true;
            default -> false;
        };
    }

    static int fixedLength(ColumnInfo c, byte[] key, int p) {
        return switch (c.type()) {
            case BOOLEAN -> 1;
            case TIMESTAMP, TIMESTAMP_WITH_TIME_ZONE -> 12;
            case UUID -> 16;
            case DECIMAL -> key[p] == 1 ? 1 : 2 + (key[p] == 2 ? key[p + 1] & 0xff : 255 - (key[p + 1] & 0xff));
            default -> 8;
        };
    }

    /** The first key after every key that starts with {@code k}. */
    public static byte[] after(byte[] k) {
        // the last byte below 0xFF decides the length, so one copy, already cut, is all a span's bound costs
        for (int i = k.length - 1; i >= 0; i--) {
            if (k[i] != (byte) 0xff) {
                byte[] r = Arrays.copyOf(k, i + 1);
                r[i]++;
                return r;
            }
        }
        return null;
    }

    /** The smallest key greater than {@code k} itself. */
    public static byte[] next(byte[] k) {
        return Arrays.copyOf(k, k.length + 1);
    }
}
