package lsmdb.e2e.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A random table: key column {@code k INT PRIMARY KEY} and a few typed, nullable columns. */
record TableModel(String name, List<String> columns, List<ColumnType> types) {

    static TableModel random(String name, Random r) {
        List<String> columns = new ArrayList<>(List.of("k"));
        List<ColumnType> types = new ArrayList<>(List.of(ColumnType.INT));
        ColumnType[] all = ColumnType.values();
        for (int i = 1, n = 1 + r.nextInt(4); i <= n; i++) {
            columns.add("c" + i);
            types.add(all[r.nextInt(all.length)]);
        }
        return new TableModel(name, List.copyOf(columns), List.copyOf(types));
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

    /** INSERT statements of distinct keys with random values, NULLs in about one value of five. */
    List<String> insertSql(Random r, int rows, boolean quotesAllowed) {
        List<String> out = new ArrayList<>();
        java.util.Set<Integer> keys = new java.util.HashSet<>();
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
