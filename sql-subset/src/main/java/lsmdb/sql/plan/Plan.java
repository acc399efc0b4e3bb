package lsmdb.sql.plan;

import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Prepared;
import lsmdb.sql.SqlType;
import lsmdb.sql.catalog.Catalog;

/** A validated statement, immutable and cached by SQL text: one record per statement kind. */
public sealed interface Plan extends Prepared {

    /** What every plan carries: its text, its parameters, and the catalog version it was validated against. */
    record Header(String sql, int parameterCount, SqlType[] parameterTypes, long catalogVersion) {
    }

    Header header();

    @Override
    default String sql() {
        return header().sql();
    }

    @Override
    default int parameterCount() {
        return header().parameterCount();
    }

    @Override
    default SqlType parameterType(int index) {
        return header().parameterTypes()[index];
    }

    @Override
    default boolean isQuery() {
        return false;
    }

    @Override
    default List<ColumnInfo> resultColumns() {
        return List.of();
    }

    record CreateTable(Header header, String name, List<ColumnInfo> columns, int keyColumn, boolean ifNotExists)
            implements Plan {
    }

    record DropTable(Header header, String name, boolean ifExists) implements Plan {
    }

    /** Rows are table-wide: one expression per column, null where the statement gives none (NULL). */
    record Insert(Header header, Catalog.Table table, List<Expr[]> rows, boolean upsert) implements Plan {
    }

    /**
     * @param projections one expression per output column (empty for COUNT(*))
     * @param orderColumn column to sort by, or -1; the key column sorts by scanning, others in memory
     */
    record Select(Header header, Catalog.Table table, List<Expr> projections, List<ColumnInfo> resultColumns,
                  boolean countStar, Expr where, KeyAccess access, int orderColumn, boolean descending, Expr limit,
                  Expr offset) implements Plan {
        @Override
        public boolean isQuery() {
            return true;
        }
    }

    record Update(Header header, Catalog.Table table, int[] columns, Expr[] values, Expr where, KeyAccess access)
            implements Plan {
    }

    record Delete(Header header, Catalog.Table table, Expr where, KeyAccess access) implements Plan {
    }

    enum ControlKind { BEGIN, COMMIT, ROLLBACK, SHUTDOWN }

    record Control(Header header, ControlKind kind) implements Plan {
    }

    /** {@code BACKUP TO 'dir'}: a consistent copy of the database (SPEC §8). */
    record Backup(Header header, String destination) implements Plan {
    }
}
