package lsmdb.sql.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lsmdb.core.util.Coding;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.SqlType;

/** Encoding of catalog entries; the layout is written down at the top of {@link Catalog}. */
final class SchemaFormat {

    private SchemaFormat() {
    }

    static byte[] encodeTable(Table t) {
        Out out = new Out();
        out.string(t.name());
        out.varint(t.id());
        out.varint(t.columns().size());
        for (ColumnInfo c : t.columns()) {
            out.string(c.name());
            out.bytes(new byte[] {(byte) c.type().ordinal()});
            out.varint(c.length());
            out.varint(c.scale());
            out.bytes(new byte[] {(byte) (c.nullable() ? 1 : 0)});
        }
        int[] keys = t.hasHiddenRowId() ? new int[0] : t.keySlots();
        out.varint(keys.length);
        for (int k : keys) {
            out.varint(k);
        }
        return out.done();
    }

    static Table decodeTable(byte[] v, boolean v2) {
        In in = new In(v);
        String name = in.string();
        int id = in.varint();
        int legacyKey = v2 ? -1 : in.varint();
        int n = in.varint();
        List<ColumnInfo> raw = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String col = in.string();
            SqlType type = SqlType.values()[in.b()];
            int length = in.varint();
            int scale = in.varint();
            boolean nullable = in.b() != 0;
            raw.add(new ColumnInfo(col, type, length, scale, nullable, false, name));
        }
        List<Integer> keys = new ArrayList<>();
        if (v2) {
            int k = in.varint();
            for (int i = 0; i < k; i++) {
                keys.add(in.varint());
            }
        } else {
            keys.add(legacyKey);
        }
        List<ColumnInfo> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ColumnInfo c = raw.get(i);
            boolean key = keys.contains(i);
            columns.add(new ColumnInfo(c.name(), c.type(), c.length(), c.scale(), c.nullable() && !key, key, name));
        }
        return Table.of(id, name, columns, keys, v2);
    }

    static byte[] encodeView(Catalog.View view) {
        Out out = new Out();
        out.string(view.name());
        out.varint(view.columnNames().size());
        for (String c : view.columnNames()) {
            out.string(c);
        }
        out.string(view.sql());
        return out.done();
    }

    static Catalog.View decodeView(byte[] v) {
        In in = new In(v);
        String name = in.string();
        int n = in.varint();
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cols.add(in.string());
        }
        return new Catalog.View(name, List.copyOf(cols), in.string());
    }

    static byte[] encodeIndex(Index ix) {
        Out out = new Out();
        out.string(ix.name());
        out.string(ix.table());
        out.varint(ix.id());
        out.bytes(new byte[] {(byte) (ix.unique() ? 1 : 0)});
        out.varint(ix.slots().length);
        for (int i = 0; i < ix.slots().length; i++) {
            out.varint(ix.slots()[i]);
            out.string(ix.columnNames().get(i));
        }
        if (ix.anyDescending()) { // all-ASC entries keep the original layout, byte for byte
            byte[] dirs = new byte[ix.slots().length];
            for (int i = 0; i < dirs.length; i++) {
                dirs[i] = (byte) (ix.descending(i) ? 1 : 0);
            }
            out.bytes(dirs);
        }
        return out.done();
    }

    static Index decodeIndex(byte[] v) {
        In in = new In(v);
        String name = in.string();
        String table = in.string();
        int id = in.varint();
        boolean unique = in.b() != 0;
        int n = in.varint();
        int[] slots = new int[n];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            slots[i] = in.varint();
            names.add(in.string());
        }
        boolean[] descending = new boolean[n];
        if (in.remaining() > 0) {
            for (int i = 0; i < n; i++) {
                descending[i] = in.b() != 0;
            }
        }
        return new Index(name, table, id, unique, slots, List.copyOf(names), descending);
    }

    private static final class Out {
        private byte[] buf = new byte[128];
        private int p;

        void varint(int v) {
            ensure(5);
            p = Coding.putVarint32(buf, p, v);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            bytes(b);
        }

        void bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, p, b.length);
            p += b.length;
        }

        private void ensure(int n) {
            if (p + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, p + n));
            }
        }

        byte[] done() {
            return Arrays.copyOf(buf, p);
        }
    }

    private static final class In {
        private final byte[] v;
        private final int[] pos = {0};

        In(byte[] v) {
            this.v = v;
        }

        int varint() {
            return Coding.getVarint32(v, pos, v.length);
        }

        int b() {
            return v[pos[0]++];
        }

        int remaining() {
            return v.length - pos[0];
        }

        String string() {
            int n = varint();
            String s = new String(v, pos[0], n, StandardCharsets.UTF_8);
            pos[0] += n;
            return s;
        }
    }
}
