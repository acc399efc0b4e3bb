package lsmdb.sql.session;

import java.sql.SQLException;
import lsmdb.core.Snapshot;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.indexbuild.IndexBuild;

/**
 * CREATE INDEX (and the indexes ALTER TABLE adds): the entries are built from a snapshot while writers wait (SPEC
 * §3.1), then the index is published in the catalog — after its entries are durable ({@link IndexBuild}).
 */
final class IndexBuilder {

    private IndexBuilder() {
    }

    /** Builds the index from a snapshot while writers wait, then publishes it; 23505 leaves nothing. */
    static void create(Database db, Index def) throws SQLException {
        db.schemaLock.writeLock().lock();
        try {
            Table t = db.catalog().get(def.table());
            if (t == null) {
                throw Errors.noSuchTable(def.table());
            }
            if (db.catalog().index(def.name()) != null) {
                throw new java.sql.SQLSyntaxErrorException("index " + def.name() + " already exists", "42S11");
            }
            Index ix = new Index(def.name(), def.table(), db.catalog().allocateId(), def.unique(), def.slots(),
                    def.columnNames(), def.descending());
            try (Snapshot snap = db.engine().snapshot()) {
                IndexBuild.write(db.engine(), t, ix, snap, db.queryMemory());
            }
            db.catalog().addIndex(ix);
        } finally {
            db.schemaLock.writeLock().unlock();
        }
    }
}
