package lsmdb.sql.codec;

import java.io.ByteArrayOutputStream;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.Table;

/**
 * Index entry keys, and the index as a {@link KeyLayout}.
 *
 * <pre>
 * entry key   0x01 | index id (4 bytes, BE) | column* | [row key without its 5-byte table prefix]
 * column      0x00 for NULL, or 0x01 | the value's KeyCodec encoding, with 0x00 bytes of VARCHAR, CHAR and
 *             VARBINARY values escaped as 0x00 0xFF and those values ended by 0x00 0x01
 * value       the row key when the key leaves it out, else empty
 * </pre>
 *
 * The row key part is left out only for a unique index entry whose columns are all non-NULL: equal values then make
 * equal keys. NULLs sort first, as they do in ascending ORDER BY. Every other entry's key ends in the row key, so its
 * value is empty ({@link #NO_VALUE}) and the row key is the table's prefix and the key's tail ({@link #rowKey});
 * databases written before stored the row key as every entry's value, and a non-empty value still means just that.
 *
 * A DESC column is written with every byte of its column part (marker, value, escapes, terminator) complemented.
 * The column parts of one type form a prefix-free set (fixed lengths, a length byte for DECIMAL, the 0x00 0x01
 * terminator that no escaped value contains), so at the first byte where two differ neither has ended, and
 * complementing that byte reverses their order: the column sorts descending with NULLs (0xFF) last, while the other
 * columns and the row key part keep their order.
 */
public record IndexKeys(Index index, Table table) implements KeyLayout {

    /** Ends a variable-length value (its 0x00 bytes are escaped as 0x00 0xFF). */
    private static final byte[] TERMINATOR = {0, 1};

    /** The length of {@link Index#prefix()} (the key space marker and the index id). */
    private static final int PREFIX_LENGTH = 5;

    /**
     * The value of an entry whose key ends in the row key: empty, a distinct array (never the write sets' deletion
     * marker), shared by every such entry since nothing writes into a zero-length array.
     */
    public static final byte[] NO_VALUE = new byte[0];

    /** The value stored with {@code row}'s entry: the row key where the entry key leaves it out, else none. */
    public byte[] entryValue(Object[] row, byte[] rowKey) {
        return enforcesUniqueness(row) ? rowKey : NO_VALUE;
    }

    /** The row key an entry leads to: its value, or for an empty value the table's prefix and the key's tail. */
    public byte[] rowKey(byte[] entryKey, byte[] value) {
        return value.length != 0 ? value : rowKeyInto(entryKey, 0, entryKey.length, null);
    }

    /**
     * The row key of the entry whose key is {@code key[off, off + length)} and whose value is empty, in {@code reuse}
     * when that has exactly its length, else in a new array.
     */
    public byte[] rowKeyInto(byte[] key, int off, int length, byte[] reuse) {
        int tail;
        try {
            tail = columnsEnd(key, off);
        } catch (IndexOutOfBoundsException e) {
            throw Malformed.storedKey(e);
        }
        int n = off + length - tail;
        if (n < 0) {
            throw Malformed.storedKey(new IllegalArgumentException("index entry key shorter than its columns"));
        }
        byte[] out = reuse != null && reuse.length == PREFIX_LENGTH + n ? reuse : new byte[PREFIX_LENGTH + n];
        lsmdb.sql.catalog.KeySpace.putPrefix(table.id(), out);
        System.arraycopy(key, tail, out, PREFIX_LENGTH, n);
        return out;
    }

    /** Where the column part of the entry key at {@code key[off]} ends (its row key part starts). */
    int columnsEnd(byte[] key, int off) {
        int p = off + PREFIX_LENGTH;
        int[] slots = index.slots();
        java.util.List<ColumnInfo> columns = table.slots();
        for (int i = 0; i < slots.length; i++) {
            p = skipColumn(key, p, columns.get(slots[i]), index.descending(i) ? -1 : 0);
        }
        return p;
    }

    /**
     * Where the column part at {@code p} ends, without decoding it; {@code flip} is -1 for a DESC column (every byte
     * complemented), else 0.
     */
    private static int skipColumn(byte[] key, int p, ColumnInfo c, int flip) {
        if ((key[p++] ^ flip) == 0) {
            return p; // NULL
        }
        switch (c.type()) {
            case VARCHAR, CHAR, VARBINARY -> {
                for (;;) { // 0x00 0xFF is an escaped 0x00, 0x00 0x01 the end
                    if ((key[p] ^ flip) != 0) {
                        p++;
                    } else if ((key[p + 1] ^ flip) == 1) {
                        return p + 2;
                    } else {
                        p += 2;
                    }
                }
            }
            case DECIMAL -> {
                int marker = (key[p] ^ flip) & 0xff;
                if (marker == 1) {
                    return p + 1; // zero
                }
                int length = (key[p + 1] ^ flip) & 0xff;
                return p + 2 + (marker == 2 ? length : 255 - length);
            }
            default -> {
                return p + RowKeys.fixedLength(c, key, p);
            }
        }
    }

    /** The entry of {@code row} (a full table row) and its row key. */
    public byte[] entryKey(Object[] row, byte[] rowKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + rowKey.length);
        out.writeBytes(index.prefix());
        boolean anyNull = writeColumns(row, out);
        if (!index.unique() || anyNull) {
            out.write(rowKey, 5, rowKey.length - 5);
        }
        return out.toByteArray();
    }

    /**
     * Appends the column part of {@code row}'s entry key (what follows the index prefix, before the primary key) to
     * {@code out}; true if any index column is NULL.
     */
    public boolean writeColumns(Object[] row, ByteArrayOutputStream out) {
        boolean anyNull = false;
        int[] slots = index.slots();
        for (int i = 0; i < slots.length; i++) {
            Object v = row[slots[i]];
            anyNull |= v == null;
            writeColumn(out, v, table.slots().get(slots[i]), index.descending(i));
        }
        return anyNull;
    }

    /**
     * Whether the value of a column of this type reads back from an entry key exactly as the row stores it
     * (so an index-only scan can hand it out): not DECIMAL (scale), DOUBLE (-0.0), CHAR (padding), zoned or
     * time types.
     */
    public static boolean exact(ColumnInfo c) {
        return switch (c.type()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, VARCHAR, BOOLEAN, DATE, UUID -> true;
            default -> false;
        };
    }

    /** Fills the index's column slots of {@code row} (at {@code offset}) from an entry key. */
    public void decodeColumns(byte[] entryKey, Object[] row, int offset) {
        try {
            decodeEntry(entryKey, row, offset);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | NegativeArraySizeException
                 | java.time.DateTimeException e) {
            throw Malformed.storedKey(e);
        }
    }

    private void decodeEntry(byte[] entryKey, Object[] row, int offset) {
        int p = index.prefix().length;
        int[] slots = index.slots();
        for (int i = 0; i < slots.length; i++) {
            ColumnInfo c = table.slots().get(slots[i]);
            if (index.descending(i)) {
                byte[] rest = new byte[entryKey.length - p];
                for (int j = 0; j < rest.length; j++) {
                    rest[j] = (byte) ~entryKey[p + j];
                }
                p += decodeColumn(rest, 0, c, row, offset + slots[i]);
            } else {
                p = decodeColumn(entryKey, p, c, row, offset + slots[i]);
            }
        }
    }

    /** Decodes the (ascending) column part at {@code p} into {@code row[at]}; where the part ends. */
    private static int decodeColumn(byte[] entryKey, int p, ColumnInfo c, Object[] row, int at) {
        if (entryKey[p++] == 0) {
            row[at] = null;
            return p;
        }
        switch (c.type()) {
            case VARCHAR, CHAR, VARBINARY -> {
                byte[] raw = new byte[entryKey.length - p];
                int n = 0;
                while (!(entryKey[p] == 0 && entryKey[p + 1] == 1)) {
                    raw[n++] = entryKey[p];
                    p += entryKey[p] == 0 ? 2 : 1;
                }
                p += 2;
                row[at] = KeyCodec.decode(raw, 0, n, c);
            }
            default -> {
                int len = RowKeys.fixedLength(c, entryKey, p);
                row[at] = KeyCodec.decode(entryKey, p, len, c);
                p += len;
            }
        }
        return p;
    }

    /** Whether the entry of {@code row} must be unique (a unique index, no NULL among its columns). */
    public boolean enforcesUniqueness(Object[] row) {
        if (!index.unique()) {
            return false;
        }
        for (int slot : index.slots()) {
            if (row[slot] == null) {
                return false;
            }
        }
        return true;
    }

    private static void writeColumn(ByteArrayOutputStream out, Object v, ColumnInfo c, boolean descending) {
        if (descending) {
            ByteArrayOutputStream part = new ByteArrayOutputStream(16);
            writeColumn(part, v, c, false);
            byte[] b = part.toByteArray();
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) ~b[i];
            }
            out.write(b, 0, b.length);
            return;
        }
        if (v == null) {
            out.write(0);
            return;
        }
        out.write(1);
        byte[] part = KeyCodec.encode(v, c);
        switch (c.type()) {
            case VARCHAR, CHAR, VARBINARY -> {
                int from = 0;
                for (int i = 0; i < part.length; i++) {
                    if (part[i] == 0) {
                        out.write(part, from, i + 1 - from);
                        out.write(0xff);
                        from = i + 1;
                    }
                }
                out.write(part, from, part.length - from);
                out.write(TERMINATOR, 0, 2);
            }
            default -> out.write(part, 0, part.length);
        }
    }

    @Override
    public int keyCount() {
        return index.slots().length;
    }

    @Override
    public ColumnInfo keyColumn(int i) {
        return table.slots().get(index.slots()[i]);
    }

    @Override
    public byte[] prefix(Object[] values, int n) {
        byte[] integral = integralPrefix(values, n);
        return integral != null ? integral : streamedPrefix(values, n);
    }

    /**
     * {@link #prefix} when each of the n values is a non-NULL integral in an ascending column (the usual probe of
     * an index on an id): the marker byte and 8 bytes of each written into one array of the exact length, without
     * the stream and the per-column arrays of {@link #streamedPrefix}; null for any other values.
     */
    byte[] integralPrefix(Object[] values, int n) {
        for (int i = 0; i < n; i++) {
            if (values[i] == null || index.descending(i) || !KeyCodec.isIntegral(keyColumn(i).type())) {
                return null;
            }
        }
        byte[] k = lsmdb.sql.catalog.KeySpace.putPrefix(index.id(), new byte[PREFIX_LENGTH + 9 * n]);
        for (int i = 0, at = PREFIX_LENGTH; i < n; i++, at += 9) {
            k[at] = 1;
            KeyCodec.putIntegral(((Number) values[i]).longValue(), k, at + 1);
        }
        return k;
    }

    /** {@link #prefix} for any values, column by column. */
    byte[] streamedPrefix(Object[] values, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        out.writeBytes(index.prefix());
        for (int i = 0; i < n; i++) {
            writeColumn(out, values[i], keyColumn(i), index.descending(i));
        }
        return out.toByteArray();
    }

    @Override
    public boolean descending(int i) {
        return index.descending(i);
    }

    @Override
    public boolean lastIsRaw() {
        return false;
    }

    @Override
    public boolean exactPoints() {
        return false;
    }

    @Override
    public byte[] nonNullStart(byte[] eqPrefix) {
        byte[] k = java.util.Arrays.copyOf(eqPrefix, eqPrefix.length + 1);
        k[eqPrefix.length] = 1;
        return k;
    }

    @Override
    public byte[] start() {
        return index.prefix();
    }

    @Override
    public byte[] end() {
        return index.prefixEnd();
    }
}
