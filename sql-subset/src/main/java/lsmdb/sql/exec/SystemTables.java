package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.SqlType;
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.expr.Env;

/**
 * The read-only tables of schema SYS (SPEC §8): the engine's figures and the catalog as rows, computed when read.
 * STATS holds every numeric engine property; LEVELS one row per level; TABLES and INDEXES the catalog; CLUSTER the
 * members of a replicated database as this node sees them (empty unless the replication module registered the engine).
 */
public final class SystemTables {

    public enum Kind { STATS, LEVELS, TABLES, INDEXES, CLUSTER }

    /** SYS.CLUSTER's rows for one engine: NODE, ADDRESS, ROLE, TERM, COMMIT_INDEX, APPLIED_INDEX (null if unknown). */
    public interface ClusterRows {
        List<Object[]> rows();
    }

    /** Engines that are members of a replicated database (the replication module keeps this current). */
    private static final java.util.Map<LsmDb, ClusterRows> CLUSTERS = new java.util.concurrent.ConcurrentHashMap<>();

    public static void registerCluster(LsmDb engine, ClusterRows rows) {
        CLUSTERS.put(engine, rows);
    }

    public static void unregisterCluster(LsmDb engine) {
        CLUSTERS.remove(engine);
    }

    private static final int LEVELS = 7;

    private SystemTables() {
    }

    /** The table named {@code name} in schema SYS, or null. */
    public static Kind named(String name) {
        for (Kind k : Kind.values()) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }

    public static List<ColumnInfo> columns(Kind kind) {
        String t = "SYS." + kind.name();
        return switch (kind) {
            case STATS -> List.of(col("NAME", SqlType.VARCHAR, t), col("VALUE", SqlType.DOUBLE, t));
            case LEVELS -> List.of(col("LEVEL", SqlType.INTEGER, t), col("FILES", SqlType.INTEGER, t),
                    col("BYTES", SqlType.BIGINT, t), col("SCORE", SqlType.DOUBLE, t));
            case TABLES -> List.of(col("TABLE_NAME", SqlType.VARCHAR, t), col("KEY_COLUMNS", SqlType.VARCHAR, t),
                    col("ROW_ESTIMATE", SqlType.BIGINT, t), col("BYTES_ESTIMATE", SqlType.BIGINT, t));
            case INDEXES -> List.of(col("INDEX_NAME", SqlType.VARCHAR, t), col("TABLE_NAME", SqlType.VARCHAR, t),
                    col("COLUMNS", SqlType.VARCHAR, t), col("IS_UNIQUE", SqlType.BOOLEAN, t));
            case CLUSTER -> List.of(col("NODE", SqlType.VARCHAR, t), col("ADDRESS", SqlType.VARCHAR, t),
                    col("ROLE", SqlType.VARCHAR, t), col("TERM", SqlType.BIGINT, t),
                    col("COMMIT_INDEX", SqlType.BIGINT, t), col("APPLIED_INDEX", SqlType.BIGINT, t));
        };
    }

    private static ColumnInfo col(String name, SqlType type, String table) {
        return new ColumnInfo(name, type, 0, 0, true, false, table);
    }

    /** Scans one system table, its rows placed at {@code offset} in rows of {@code width} slots. */
    public record Scan(Kind kind, String alias, int offset, int width) implements Node {
        @Override
        public Cursor open(Env env) throws SQLException {
            List<Object[]> rows = new ArrayList<>();
            for (Object[] r : rows(kind, ((ExecContext) env.context).catalog())) {
                Object[] row = new Object[width];
                System.arraycopy(r, 0, row, offset, r.length);
                rows.add(row);
            }
            return Cursors.of(rows);
        }

        @Override
        public void explain(List<String> out, int depth) {
            out.add(Node.indent(depth) + "SCAN SYS." + kind + " FULL SCAN");
        }
    }

    static List<Object[]> rows(Kind kind, Catalog catalog) throws SQLException {
        LsmDb engine = catalog.engine();
        List<Object[]> out = new ArrayList<>();
        switch (kind) {
            case STATS -> {
                String names = engine.property("lsmdb.property-names");
                for (String name : names == null ? new String[0] : names.split("[\\s,]+")) {
                    if (name.isEmpty() || name.contains("<")) {
                        continue;
                    }
                    Double v = number(engine.property(name));
                    if (v != null) {
                        out.add(new Object[] {name, v});
                    }
                }
            }
            case LEVELS -> {
                for (int level = 0; level < LEVELS; level++) {
                    Double files = number(engine.property("lsmdb.num-files-at-level" + level));
                    Double bytes = number(engine.property("lsmdb.bytes-at-level" + level));
                    Double score = number(engine.property("lsmdb.score-at-level" + level));
                    out.add(new Object[] {level, files == null ? 0 : files.intValue(),
                        bytes == null ? 0L : bytes.longValue(), score == null ? 0.0 : score});
                }
            }
            case TABLES -> {
                for (Table t : catalog.all()) {
                    List<String> keys = new ArrayList<>();
                    for (int k : t.keySlots()) {
                        keys.add(t.slots().get(k).name());
                    }
                    long[] size = size(engine, t);
                    out.add(new Object[] {t.name(), String.join(",", keys), size[0], size[1]});
                }
            }
            case INDEXES -> {
                for (Index ix : catalog.allIndexes()) {
                    out.add(new Object[] {ix.name(), ix.table(), String.join(",", ix.columnNames()), ix.unique()});
                }
            }
            case CLUSTER -> {
                ClusterRows c = CLUSTERS.get(engine);
                if (c != null) {
                    out.addAll(c.rows());
                }
            }
            default -> throw new IllegalStateException();
        }
        return out;
    }

    /** Rows and bytes of a table, counted by a scan of its keys (exact at the moment of reading). */
    private static long[] size(LsmDb engine, Table t) throws SQLException {
        long rows = 0;
        long bytes = 0;
        try (LsmIterator it = engine.iterator(null, t.prefix(), t.prefixEnd())) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                rows++;
                bytes += it.key().length + it.value().length;
            }
        } catch (java.io.UncheckedIOException e) {
            throw Errors.io(e);
        }
        return new long[] {rows, bytes};
    }

    private static Double number(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
