package lsmdb.sql.catalog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import lsmdb.core.util.Coding;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.SqlType;

/**
 * Encoding of a {@link StoredSchema}, kept under {@code 0x00 'L' table name} for tables that ALTER TABLE changed
 * (a table without one is at version 0: its rows store its columns in order).
 *
 * <pre>
 * layout   version varint32 | stored count varint32 | stored* | default count varint32 | default*
 * stored   type ordinal (1 byte) | length varint32 | scale varint32 | name (varint32 length | UTF-8)
 *          | slot + 1 varint32 (0: dropped) | missing: varint32 length (0: NULL) | a value ({@link ColumnValueFormat})
 * default  kind (1 byte: 0 none, 1 constant, 2 CURRENT_TIMESTAMP, 3 CURRENT_DATE)
 *          | for a constant: varint32 length | a value ({@link ColumnValueFormat})
 * </pre>
 */
final class StoredSchemaFormat {

    private StoredSchemaFormat() {
    }

    static byte[] encode(StoredSchema s, ColumnValueFormat values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, s.version());
        varint(out, s.stored().size());
        for (StoredSchema.StoredColumn c : s.stored()) {
            out.write(c.column().type().ordinal());
            varint(out, c.column().length());
            varint(out, c.column().scale());
            bytes(out, c.column().name().getBytes(StandardCharsets.UTF_8));
            varint(out, c.slot() + 1);
            if (c.missing() == null) {
                varint(out, 0);
            } else {
                bytes(out, values.encode(c.missing(), c.column()));
            }
        }
        varint(out, s.defaults().size());
        for (int i = 0; i < s.defaults().size(); i++) {
            ColumnDefault d = s.defaults().get(i);
            if (d == null) {
                out.write(0);
                continue;
            }
            out.write(d.kind().ordinal() + 1);
            if (d.kind() == ColumnDefault.Kind.LITERAL) {
                bytes(out, values.encode(d.value(), columnOfSlot(s, i)));
            }
        }
        return out.toByteArray();
    }

    /** REQUIRES: {@code columns} are the table's columns, so constants decode as their columns' types. */
    static StoredSchema decode(byte[] v, String table, List<ColumnInfo> columns, ColumnValueFormat values) {
        int[] pos = {0};
        int version = Coding.getVarint32(v, pos, v.length);
        int n = Coding.getVarint32(v, pos, v.length);
        List<StoredSchema.StoredColumn> stored = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SqlType type = SqlType.values()[v[pos[0]++]];
            int length = Coding.getVarint32(v, pos, v.length);
            int scale = Coding.getVarint32(v, pos, v.length);
            String name = new String(chunk(v, pos), StandardCharsets.UTF_8);
            int slot = Coding.getVarint32(v, pos, v.length) - 1;
            ColumnInfo c = new ColumnInfo(name, type, length, scale, true, false, table);
            byte[] missing = chunk(v, pos);
            stored.add(new StoredSchema.StoredColumn(c, slot, missing.length == 0 ? null : values.decode(missing, c)));
        }
        int d = Coding.getVarint32(v, pos, v.length);
        List<ColumnDefault> defaults = new ArrayList<>(d);
        for (int i = 0; i < d; i++) {
            int kind = v[pos[0]++];
            if (kind == 0) {
                defaults.add(null);
            } else if (kind == 1) {
                Object constant = values.decode(chunk(v, pos), columns.get(i));
                defaults.add(new ColumnDefault(ColumnDefault.Kind.LITERAL, constant));
            } else {
                defaults.add(new ColumnDefault(ColumnDefault.Kind.values()[kind - 1], null));
            }
        }
        return new StoredSchema(version, List.copyOf(stored), Collections.unmodifiableList(defaults));
    }

    private static ColumnInfo columnOfSlot(StoredSchema s, int slot) {
        return s.stored().get(s.storedIndexOf(slot)).column();
    }

    private static void varint(ByteArrayOutputStream out, int v) {
        byte[] b = new byte[5];
        out.write(b, 0, Coding.putVarint32(b, 0, v));
    }

    private static void bytes(ByteArrayOutputStream out, byte[] b) {
        varint(out, b.length);
        out.writeBytes(b);
    }

    private static byte[] chunk(byte[] v, int[] pos) {
        int len = Coding.getVarint32(v, pos, v.length);
        byte[] b = java.util.Arrays.copyOfRange(v, pos[0], pos[0] + len);
        pos[0] += len;
        return b;
    }
}
