package lsmdb.sql.session;

import java.sql.SQLException;
import java.util.List;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.plan.Plan;

/**
 * Carries out DDL for a session: CREATE/DROP of tables, indexes and views, ALTER TABLE and TRUNCATE, each taking
 * effect at once (the session commits its open transaction first). CREATE TABLE and its constraints are one atomic
 * catalog write.
 */
final class DdlRunner {

    private final Database db;

    DdlRunner(Database db) {
        this.db = db;
    }

    /** Runs {@code plan}, a DDL statement. */
    void run(Plan plan) throws SQLException {
        if (plan instanceof Plan.CreateTable c) {
            createTable(c, () -> {
                int n = 0;
                for (List<String> cols : c.uniques()) {
                    Table t = db.catalog().get(c.name());
                    int[] slots = cols.stream().mapToInt(t::slot).toArray();
                    String name;
                    do {
                        name = "UQ_" + c.name() + "_" + ++n;
                    } while (db.catalog().index(name) != null);
                    createIndex(new Index(name, c.name(), -1, true, slots, cols));
                }
            });
        } else if (plan instanceof Plan.CreateTableWithConstraints cc) {
            Plan.CreateTable c = cc.create();
            createTable(c, () -> new AlterRunner(db).addConstraintsOfNewTable(c.name(), c.uniques(),
                    cc.uniqueNames(), cc.foreignKeys()));
        } else if (plan instanceof Plan.Alter a) {
            new AlterRunner(db).run(a);
        } else if (plan instanceof Plan.CreateIndex ci) {
            if (!(ci.ifNotExists() && db.catalog().index(ci.index().name()) != null)) {
                createIndex(ci.index());
            }
        } else if (plan instanceof Plan.DropIndex di) {
            db.catalog().dropIndex(di.name(), di.ifExists());
        } else if (plan instanceof Plan.DropTable d) {
            db.catalog().drop(d.name(), d.ifExists());
        } else if (plan instanceof Plan.CreateView v) {
            db.catalog().createView(v.view(), v.ifNotExists());
        } else if (plan instanceof Plan.DropView v) {
            db.catalog().dropView(v.name(), v.ifExists());
        } else if (plan instanceof Plan.Truncate t) {
            db.catalog().truncate(t.table());
        } else {
            throw new IllegalStateException("unknown plan " + plan.getClass());
        }
    }

    /** What a CREATE TABLE adds after the table itself (its constraints). */
    private interface AfterCreate {
        void add() throws SQLException;
    }

    /**
     * CREATE TABLE and its constraints' indexes and foreign keys as one atomic catalog write (SPEC §3.1: DDL is
     * atomic): a crash or failure part way leaves no table rather than a table missing a constraint.
     */
    private void createTable(Plan.CreateTable c, AfterCreate constraints) throws SQLException {
        db.schemaLock.writeLock().lock();
        try {
            db.catalog().beginAtomic();
            try {
                if (db.catalog().create(c.name(), c.columns(), c.keyColumns(), c.rules(), c.ifNotExists())) {
                    constraints.add();
                }
            } catch (SQLException | RuntimeException e) {
                db.catalog().rollbackAtomic();
                throw e;
            }
            db.catalog().commitAtomic();
        } finally {
            db.schemaLock.writeLock().unlock();
        }
    }

    /** Publishes the index, then builds it from a snapshot while writers wait (SPEC §3.1). */
    private void createIndex(Index def) throws SQLException {
        IndexBuilder.create(db, def);
    }
}
