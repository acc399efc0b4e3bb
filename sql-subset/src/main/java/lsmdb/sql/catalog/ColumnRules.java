package lsmdb.sql.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lsmdb.core.util.Coding;

/**
 * What a table's columns get when an INSERT leaves them out: a DEFAULT (kept as its SQL text, bound with each
 * statement) and, for at most one column, an identity. Stored beside the schema, keyed by table id so a rename
 * keeps it.
 *
 * <pre>
 * key     0x00 'D' | table id (4 bytes, BE)
 * value   column count varint32 | (has default (1 byte) | [default SQL (varint32 length | UTF-8)])*
 *         | identity slot + 1 varint32 (0: none) | identity kind (1 byte: 0 BY DEFAULT, 1 ALWAYS)
 * </pre>
 *
 * @param defaults per column, its DEFAULT's SQL text or null
 * @param identitySlot the identity column's slot, or -1
 * @param identityAlways whether the identity is GENERATED ALWAYS (an explicit value is refused)
 */
public record ColumnRules(List<String> defaults, int identitySlot, boolean identityAlways) {

    /** No default and no identity for any of {@code columns} columns. */
    public static ColumnRules none(int columns) {
        return new ColumnRules(java.util.Collections.nCopies(columns, null), -1, false);
    }

    public boolean isEmpty() {
        return identitySlot < 0 && defaults.stream().allMatch(d -> d == null);
    }

    /** The DEFAULT text of column {@code slot}, or null (also for the hidden row id). */
    public String defaultOf(int slot) {
        return slot < defaults.size() ? defaults.get(slot) : null;
    }

    static byte[] key(int tableId) {
        return CatalogKeys.ofTable(CatalogKeys.RULES, tableId);
    }

    byte[] encode() {
        byte[] buf = new byte[64];
        int[] p = {0};
        buf = varint(buf, p, defaults.size());
        for (String d : defaults) {
            buf = ensure(buf, p[0] + 1);
            buf[p[0]++] = (byte) (d == null ? 0 : 1);
            if (d != null) {
                byte[] s = d.getBytes(StandardCharsets.UTF_8);
                buf = varint(buf, p, s.length);
                buf = ensure(buf, p[0] + s.length);
                System.arraycopy(s, 0, buf, p[0], s.length);
                p[0] += s.length;
            }
        }
        buf = varint(buf, p, identitySlot + 1);
        buf = ensure(buf, p[0] + 1);
        buf[p[0]++] = (byte) (identityAlways ? 1 : 0);
        return Arrays.copyOf(buf, p[0]);
    }

    static ColumnRules decode(byte[] v) {
        int[] p = {0};
        int n = Coding.getVarint32(v, p, v.length);
        List<String> defaults = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (v[p[0]++] == 0) {
                defaults.add(null);
            } else {
                int len = Coding.getVarint32(v, p, v.length);
                defaults.add(new String(v, p[0], len, StandardCharsets.UTF_8));
                p[0] += len;
            }
        }
        int identity = Coding.getVarint32(v, p, v.length) - 1;
        boolean always = v[p[0]] == 1;
        return new ColumnRules(java.util.Collections.unmodifiableList(defaults), identity, always);
    }

    private static byte[] varint(byte[] buf, int[] p, int value) {
        buf = ensure(buf, p[0] + 5);
        p[0] = Coding.putVarint32(buf, p[0], value);
        return buf;
    }

    private static byte[] ensure(byte[] buf, int size) {
        return size <= buf.length ? buf : Arrays.copyOf(buf, Math.max(size, buf.length * 2));
    }
}
