package lsmdb.sql.plan;

import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Prepared;
import lsmdb.sql.SqlType;
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.exec.ConflictUpdate;
import lsmdb.sql.exec.Dml;
import lsmdb.sql.exec.Returning;
import lsmdb.sql.exec.RowFill;
import lsmdb.sql.exec.Node;
import lsmdb.sql.expr.Expr;

/** A prepared statement: immutable, cached by SQL text, shared by every session. One record per kind. */
public sealed interface Plan extends Prepared {

    /**
     * What every plan carries: its text, its parameters, the catalog version it was bound against, and whether it
     * reads only stored rows and its parameters (no clock, no system table): then the same parameters over the same
     * committed state give the same rows.
     */
    record Header(String sql, int parameterCount, SqlType[] parameterTypes, long catalogVersion, boolean repeatable) {
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

    /** Whether running it changes data or schema (refused on a read-only database). */
    default boolean writes() {
        return true;
    }

    /**
     * @param needsSnapshot false when the query reads the engine exactly once (one point lookup or one scan): such
     *                      a read is consistent by itself, so an auto-commit query needs no snapshot of its own
     */
    record Select(Header header, Node root, List<ColumnInfo> resultColumns, boolean needsSnapshot) implements Plan {
        @Override
        public boolean isQuery() {
            return true;
        }

        @Override
        public boolean writes() {
            return false;
        }
    }

    /**
     * {@code SELECT ... FOR UPDATE} of one table: inside a transaction, {@code lock} first rewrites every row the
     * query's WHERE selects with its own value, so the rows join the transaction's writes and first-committer-wins
     * decides between it and any other writer of them (40001); then {@code select} runs. In auto-commit mode the
     * select alone runs (there is nothing to hold the rows for).
     */
    record SelectForUpdate(Header header, Select select, Update lock) implements Plan {
        @Override
        public boolean isQuery() {
            return true;
        }

        @Override
        public List<ColumnInfo> resultColumns() {
            return select.resultColumns();
        }

        @Override
        public boolean writes() {
            return false;
        }
    }

    /** EXPLAIN: the plan's lines as rows of one column. */
    record Explain(Header header, List<String> lines) implements Plan {
        public static final List<ColumnInfo> COLUMNS =
                List.of(new ColumnInfo("PLAN", SqlType.VARCHAR, 0, 0, false, false, ""));

        @Override
        public boolean isQuery() {
            return true;
        }

        @Override
        public List<ColumnInfo> resultColumns() {
            return COLUMNS;
        }

        @Override
        public boolean writes() {
            return false;
        }
    }

    /** Whether a change statement returns rows (RETURNING), and which. */
    sealed interface Change extends Plan {
        Table table();

        /** Its RETURNING clause, or null. */
        Returning returning();

        @Override
        default boolean isQuery() {
            return returning() != null;
        }

        @Override
        default List<ColumnInfo> resultColumns() {
            return returning() == null ? List.of() : returning().columns();
        }
    }

    /**
     * @param fill     the DEFAULTs and identity of the columns the statement leaves out
     * @param onUpdate what ON CONFLICT DO UPDATE does (when {@code onConflict} is UPDATE), or null
     */
    record Insert(Header header, Table table, List<Index> indexes, Node source, int[] slots,
                  Dml.OnConflict onConflict, RowFill fill, ConflictUpdate onUpdate, Returning returning)
            implements Change {
        /** An UPSERT into a table without indexes is a blind write: it reads nothing, so it cannot conflict. */
        public boolean blind() {
            return onConflict == Dml.OnConflict.REPLACE && indexes.isEmpty();
        }
    }

    /**
     * @param reads the table slots its WHERE and SET expressions read, when they are simple enough to tell (null:
     *              unknown); a key-point UPDATE then decodes only those columns and patches the stored row
     */
    record Update(Header header, Table table, List<Index> indexes, Node rows, int[] slots, List<Expr> values,
                  Returning returning, boolean[] reads) implements Change {
        public Update(Header header, Table table, List<Index> indexes, Node rows, int[] slots, List<Expr> values,
                      Returning returning) {
            this(header, table, indexes, rows, slots, values, returning, null);
        }
    }

    record Delete(Header header, Table table, List<Index> indexes, Node rows, Returning returning)
            implements Change {
    }

    record CreateIndex(Header header, Index index, boolean ifNotExists) implements Plan {
    }

    record DropIndex(Header header, String name, boolean ifExists) implements Plan {
    }

    /** @param uniques the column names of each UNIQUE constraint, kept by a unique index */
    record CreateTable(Header header, String name, List<ColumnInfo> columns, List<Integer> keyColumns,
                       List<List<String>> uniques, lsmdb.sql.catalog.ColumnRules rules, boolean ifNotExists)
            implements Plan {
    }

    /**
     * CREATE TABLE with named UNIQUE constraints or foreign keys: the table (whose {@code uniques} are left to this
     * plan), then its constraints (SPEC §3.1).
     *
     * @param uniqueNames the names given to {@code create.uniques()}, by position (unnamed ones are made up)
     */
    record CreateTableWithConstraints(Header header, CreateTable create, java.util.Map<Integer, String> uniqueNames,
                                      List<lsmdb.sql.catalog.ForeignKey> foreignKeys) implements Plan {
    }

    record DropTable(Header header, String name, boolean ifExists) implements Plan {
    }

    /** ALTER TABLE: one change to one table. */
    record Alter(Header header, String table, AlterAction action) implements Plan {
    }

    record Truncate(Header header, Table table) implements Plan {
    }

    record CreateView(Header header, Catalog.View view, boolean ifNotExists) implements Plan {
    }

    record DropView(Header header, String name, boolean ifExists) implements Plan {
    }

    enum ControlKind { BEGIN, COMMIT, ROLLBACK, SHUTDOWN, SAVEPOINT, ROLLBACK_TO_SAVEPOINT, RELEASE_SAVEPOINT, BACKUP }

    record Control(Header header, ControlKind kind, String name) implements Plan {
        @Override
        public boolean writes() {
            return false;
        }
    }
}
