package lsmdb.e2e.diff;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A random table: key column {@code k INT PRIMARY KEY}, a few typed, nullable columns, and secondary indexes on some
 * of them (so index access paths and index joins are exercised).
 */
record TableModel(String name, List<String> columns, List<ColumnType> types, List<String> indexed) {

    static TableModel random(String name, Random r) {
        return random(name, r, false);
    }

    /** With {@code indexes}, about one column in three gets an index (now and then a two-column one). */
    static TableModel random(String name, Random r, boolean indexes) {
        List<String> columns = new ArrayList<>(List.of("k"));
        List<ColumnType> types = new ArrayList<>(List.of(ColumnType.INT));
        ColumnType[] all = ColumnType.values();
        for (int i = 1, n = 1 + r.nextInt(4); i <= n; i++) {
            columns.add("c" + i);
            // INT half the time, so tables share a type to join and compare on
            types.add(indexes && r.nextBoolean() ? ColumnType.INT : all[r.nextInt(all.length)]);
        }
        List<String> indexed = new ArrayList<>();
        if (indexes) {
            for (int i = 1; i < columns.size(); i++) {
                if (r.nextInt(3) == 0) {
                    indexed.add(columns.get(i));
                }
            }
        }
        return new TableModel(name, List.copyOf(columns), List.copyOf(types), List.copyOf(indexed));
    }

    boolean isIndexed(int column) {
        return indexed.contains(columns.get(column));
    }

    String createSql() {
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(name).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(columns.get(i)).append(' ').append(types.get(i).sql);
            if (i == 0) {
                sb.append(" PRIMARY KEY");
            }
        }
        return sb.append(')').toString();
    }

    /** CREATE INDEX statements, the first one sometimes extended by the key (a two-column index). */
    List<String> indexSql(Random r) {
        List<String> out = new ArrayList<>();
        for (String c : indexed) {
            String cols = out.isEmpty() && r.nextInt(3) == 0 ? c + ", k" : c;
            out.add("CREATE INDEX " + name + "_" + c + " ON " + name + " (" + cols + ")");
        }
        return out;
    }

    /** INSERT statements of distinct keys with random values, NULLs in about one value of five. */
    List<String> insertSql(Random r, int rows, boolean quotesAllowed) {
        List<String> out = new ArrayList<>();
        Set<Integer> keys = new HashSet<>();
        while (keys.size() < rows) {
            int k = r.nextInt(rows * 3) - rows;
            if (!keys.add(k)) {
                continue;
            }
            StringBuilder sb = new StringBuilder("INSERT INTO ").append(name).append(" VALUES (").append(k);
            for (int i = 1; i < columns.size(); i++) {
                sb.append(", ").append(r.nextInt(5) == 0 ? "NULL" : types.get(i).literal(r, quotesAllowed));
            }
            out.add(sb.append(')').toString());
        }
        return out;
    }
}
