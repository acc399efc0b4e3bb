package lsmdb.sql.catalog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import lsmdb.core.util.Coding;

/**
 * A foreign key: every row of {@code table} whose {@code columns} are all non-NULL has a row in {@code parentTable}
 * with those values in {@code parentColumns} (its primary key or the columns of one of its unique indexes).
 * Columns are kept by name and resolved when statements are bound, so renames rewrite the names here.
 *
 * <pre>
 * stored under 0x00 'F' name:  name | table | count varint32 | column* | parent table | count varint32 | column*
 *                              (each name: varint32 length | UTF-8)
 * </pre>
 */
public record ForeignKey(String name, String table, List<String> columns, String parentTable,
                         List<String> parentColumns) {

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        string(out, name);
        string(out, table);
        strings(out, columns);
        string(out, parentTable);
        strings(out, parentColumns);
        return out.toByteArray();
    }

    static ForeignKey decode(byte[] v) {
        int[] pos = {0};
        String name = string(v, pos);
        String table = string(v, pos);
        List<String> columns = strings(v, pos);
        String parent = string(v, pos);
        return new ForeignKey(name, table, columns, parent, strings(v, pos));
    }

    /** The same key with table and column names changed by a rename. */
    public ForeignKey renamed(String table, List<String> columns, String parentTable, List<String> parentColumns) {
        return new ForeignKey(name, table, List.copyOf(columns), parentTable, List.copyOf(parentColumns));
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] len = new byte[5];
        out.write(len, 0, Coding.putVarint32(len, 0, b.length));
        out.writeBytes(b);
    }

    private static void strings(ByteArrayOutputStream out, List<String> list) {
        byte[] len = new byte[5];
        out.write(len, 0, Coding.putVarint32(len, 0, list.size()));
        for (String s : list) {
            string(out, s);
        }
    }

    private static String string(byte[] v, int[] pos) {
        int n = Coding.getVarint32(v, pos, v.length);
        String s = new String(v, pos[0], n, StandardCharsets.UTF_8);
        pos[0] += n;
        return s;
    }

    private static List<String> strings(byte[] v, int[] pos) {
        int n = Coding.getVarint32(v, pos, v.length);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(string(v, pos));
        }
        return List.copyOf(out);
    }
}
