package lsmdb.sql.catalog;

import static lsmdb.sql.catalog.CatalogKeys.FOREIGN_KEY;
import static lsmdb.sql.catalog.CatalogKeys.INDEX;
import static lsmdb.sql.catalog.CatalogKeys.LAYOUT;
import static lsmdb.sql.catalog.CatalogKeys.TABLE;
import static lsmdb.sql.catalog.CatalogKeys.TABLE_V1;
import static lsmdb.sql.catalog.CatalogKeys.VIEW;
import static lsmdb.sql.catalog.CatalogKeys.named;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.core.WriteBatch;
import lsmdb.core.util.GuardedBy;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;

/**
 * Table and view definitions, kept in the engine itself so DDL is as durable and atomic as data (where: {@link
 * CatalogKeys}).
 *
 * Thread-safe: readers see one immutable generation of {@link Definitions}; DDL is serialised, publishes the next
 * generation and bumps {@link #version()}.
 */
public final class Catalog {

    /** The column name of the hidden row id of a table without a primary key. */
    public static final String ROWID = "_ROWID_";

    private final LsmDb db;
    /** How an ALTERed table's stored values are written. */
    private final ColumnValueFormat values;
    private final IdentityRanges identities;
    private volatile Definitions defs;
    /** Bumped whenever an index is created: transactions that wrote before it must not commit unindexed rows. */
    private volatile long indexEpoch;
    private volatile long version;
    @GuardedBy("this")
    private int nextId;
    /** The thread whose atomic DDL statement is open ({@link #beginAtomic()}), or null. */
    @GuardedBy("this")
    private Thread atomicOwner;
    @GuardedBy("this")
    private WriteBatch atomicBatch;
    @GuardedBy("this")
    private Saved saved;

    private Catalog(LsmDb db, ColumnValueFormat values, Definitions defs, int nextId) {
        this.db = db;
        this.values = values;
        this.identities = new IdentityRanges(db);
        this.defs = defs;
        this.nextId = nextId;
    }

    /** Reads the catalog stored in {@code db} (see {@link CatalogLoader}); {@code values}: how it stores values. */
    public static Catalog load(LsmDb db, ColumnValueFormat values) throws IOException, SQLException {
        FormatLevel.checkAndRaise(db);
        CatalogLoader.Loaded loaded = CatalogLoader.load(db, values);
        return new Catalog(db, values, loaded.definitions(), loaded.nextId());
    }

    /** {@code t} as an ALTER leaves it (same id and rows), for {@link #alter}. */
    public static Table altered(Table t, String name, List<ColumnInfo> columns, List<Integer> keyColumns,
                                StoredSchema stored) {
        return Table.of(t.id(), name, columns, keyColumns, t.v2(), stored);
    }

    /** The foreign keys whose child table is {@code table}. */
    public List<ForeignKey> foreignKeys(String table) {
        return defs.foreignKeysOf(table);
    }

    /** The foreign keys whose parent table is {@code table}. */
    public List<ForeignKey> referencing(String table) {
        return defs.referencing(table);
    }

    public Map<String, ForeignKey> allForeignKeys() {
        return defs.foreignKeys();
    }

    /**
     * Applies one ALTER TABLE in one atomic write: the table's definition and stored layout, its indexes and the
     * foreign keys. Bumps the index epoch too, so transactions that wrote under the old definition (and so were
     * not checked against a constraint it adds) fail at commit instead of slipping past it.
     */
    public synchronized void alter(SchemaEdit e) throws SQLException {
        awaitTurn();
        Definitions d = defs;
        Table before = e.before();
        Table after = e.after();
        if (!before.name().equals(after.name()) && d.nameTaken(after.name())) {
            throw Errors.tableExists(after.name());
        }
        write(e.writes(d, values));
        defs = d.altered(before, after, e.indexes(), e.foreignKeys(), e.rules());
        indexEpoch++;
        version++;
    }

    /** The engine the catalog lives in (system tables read its figures). */
    public LsmDb engine() {
        return db;
    }

    /** Changes whenever DDL runs: cached plans check it. */
    public long version() {
        return version;
    }

    public Table get(String name) {
        return defs.tables().get(name);
    }

    /** The DEFAULTs and identity of {@code t}'s columns. */
    public ColumnRules rules(Table t) {
        ColumnRules r = defs.rules().get(t.id());
        return r != null ? r : ColumnRules.none(t.columns().size());
    }

    /** Identity values of every table. */
    public IdentityRanges identities() {
        return identities;
    }

    public View view(String name) {
        return defs.views().get(name);
    }

    public Index index(String name) {
        return defs.indexes().get(name);
    }

    public long indexEpoch() {
        return indexEpoch;
    }

    /** The indexes of table {@code table}, by name. */
    public List<Index> indexes(String table) {
        return defs.indexesOf(table);
    }

    public List<Index> allIndexes() {
        return new ArrayList<>(defs.indexes().values());
    }

    /** A fresh id for an index (ids are shared with tables and never reused). */
    public synchronized int allocateId() throws SQLException {
        awaitTurn();
        int id = nextId++;
        write(new WriteBatch().put(CatalogKeys.NEXT_ID, CatalogKeys.encodedNextId(nextId)));
        return id;
    }

    /** Publishes an index: from now on writers maintain it (its existing rows are the builder's job). */
    public synchronized void addIndex(Index ix) throws SQLException {
        awaitTurn();
        if (defs.indexes().containsKey(ix.name())) {
            throw new java.sql.SQLSyntaxErrorException("index " + ix.name() + " already exists", "42S11");
        }
        write(new WriteBatch().put(named(INDEX, ix.name()), SchemaFormat.encodeIndex(ix)));
        defs = defs.withIndex(ix);
        indexEpoch++;
        version++;
    }

    /** Removes an index and its entries; false if missing and {@code ifExists}. */
    public synchronized boolean dropIndex(String name, boolean ifExists) throws SQLException {
        awaitTurn();
        Index ix = defs.indexes().get(name);
        if (ix == null) {
            if (ifExists) {
                return false;
            }
            throw new java.sql.SQLSyntaxErrorException("index " + name + " does not exist", "42S12");
        }
        for (ForeignKey fk : referencing(ix.table())) {
            if (ix.unique() && fk.parentColumns().equals(ix.columnNames())) {
                throw Errors.syntax("cannot drop " + name + ": foreign key " + fk.name() + " of table " + fk.table()
                        + " references its columns (drop the foreign key first)");
            }
        }
        write(new WriteBatch().delete(named(INDEX, name)).deleteRange(ix.prefix(), ix.prefixEnd()));
        defs = defs.withoutIndex(name);
        version++;
        return true;
    }

    public List<Table> all() {
        return new ArrayList<>(defs.tables().values());
    }

    public List<View> allViews() {
        return new ArrayList<>(defs.views().values());
    }

    /**
     * Creates a table keyed by {@code keyColumns} (indexes into {@code columns}; empty for a hidden row id); false
     * if it exists and {@code ifNotExists}.
     */
    public synchronized boolean create(String name, List<ColumnInfo> columns, List<Integer> keyColumns,
                                       boolean ifNotExists) throws SQLException {
        return create(name, columns, keyColumns, ColumnRules.none(columns.size()), ifNotExists);
    }

    /** As {@link #create(String, List, List, boolean)}, with the columns' DEFAULTs and identity. */
    public synchronized boolean create(String name, List<ColumnInfo> columns, List<Integer> keyColumns,
                                       ColumnRules columnRules, boolean ifNotExists) throws SQLException {
        awaitTurn();
        if (defs.nameTaken(name)) {
            if (ifNotExists) {
                return false;
            }
            throw Errors.tableExists(name);
        }
        Table t = Table.of(nextId, name, columns, keyColumns, true);
        WriteBatch batch = new WriteBatch().put(named(TABLE, name), SchemaFormat.encodeTable(t))
                .put(CatalogKeys.NEXT_ID, CatalogKeys.encodedNextId(nextId + 1));
        if (!columnRules.isEmpty()) {
            batch.put(ColumnRules.key(t.id()), columnRules.encode());
        }
        write(batch);
        nextId++;
        defs = defs.withTable(t, columnRules);
        version++;
        return true;
    }

    /** Drops a table and its rows (one range delete); false if missing and {@code ifExists}. */
    public synchronized boolean drop(String name, boolean ifExists) throws SQLException {
        awaitTurn();
        Definitions d = defs;
        Table t = d.tables().get(name);
        if (t == null) {
            if (ifExists) {
                return false;
            }
            throw Errors.noSuchTable(name);
        }
        for (ForeignKey fk : d.referencing(name)) {
            if (!fk.table().equals(name)) {
                throw new java.sql.SQLIntegrityConstraintViolationException("cannot drop table " + name
                        + ": foreign key " + fk.name() + " of table " + fk.table() + " references it", "23503");
            }
        }
        WriteBatch batch = new WriteBatch().delete(named(TABLE_V1, name)).delete(named(TABLE, name))
                .delete(named(LAYOUT, name))
                .delete(ColumnRules.key(t.id())).delete(IdentityRanges.key(t.id()))
                .deleteRange(t.prefix(), t.prefixEnd());
        for (ForeignKey fk : d.foreignKeysOf(name)) {
            batch.delete(named(FOREIGN_KEY, fk.name()));
        }
        for (Index ix : d.indexesOf(name)) {
            batch.delete(named(INDEX, ix.name())).deleteRange(ix.prefix(), ix.prefixEnd());
        }
        write(batch);
        defs = d.withoutTable(t);
        identities.forget(t.id());
        version++;
        return true;
    }

    /** Removes every row of a table, keeping its definition. */
    public synchronized void truncate(Table t) throws SQLException {
        awaitTurn();
        for (ForeignKey fk : referencing(t.name())) {
            Table child = get(fk.table());
            if (child != null && !child.name().equals(t.name())) {
                try (LsmIterator it = db.iterator(null, child.prefix(), child.prefixEnd())) {
                    it.seekToFirst();
                    if (it.isValid()) {
                        throw new java.sql.SQLIntegrityConstraintViolationException("cannot truncate " + t.name()
                                + ": foreign key " + fk.name() + " of table " + child.name()
                                + " references it and that table has rows", "23503");
                    }
                }
            }
        }
        WriteBatch batch = new WriteBatch().deleteRange(t.prefix(), t.prefixEnd());
        for (Index ix : indexes(t.name())) {
            batch.deleteRange(ix.prefix(), ix.prefixEnd());
        }
        write(batch);
        version++;
    }

    public synchronized boolean createView(View v, boolean ifNotExists) throws SQLException {
        awaitTurn();
        if (defs.nameTaken(v.name())) {
            if (ifNotExists) {
                return false;
            }
            throw Errors.tableExists(v.name());
        }
        write(new WriteBatch().put(named(VIEW, v.name()), SchemaFormat.encodeView(v)));
        defs = defs.withView(v);
        version++;
        return true;
    }

    public synchronized boolean dropView(String name, boolean ifExists) throws SQLException {
        awaitTurn();
        if (!defs.views().containsKey(name)) {
            if (ifExists) {
                return false;
            }
            throw new java.sql.SQLSyntaxErrorException("view " + name + " does not exist", "42S02");
        }
        write(new WriteBatch().delete(named(VIEW, name)));
        defs = defs.withoutView(name);
        version++;
        return true;
    }

    /**
     * Starts an atomic DDL statement on this thread: until {@link #commitAtomic()} the catalog writes it makes are
     * gathered into one batch (so a crash or I/O failure leaves all or none of them), while the in-memory catalog
     * changes as usual; {@link #rollbackAtomic()} puts the in-memory catalog back. Other threads' catalog changes
     * wait meanwhile. REQUIRES: no rows are written to what it creates before the commit (the caller holds the
     * schema lock exclusively).
     */
    public synchronized void beginAtomic() {
        awaitTurn();
        if (atomicOwner != null) {
            throw new IllegalStateException("an atomic DDL statement is already open on this thread");
        }
        atomicOwner = Thread.currentThread();
        atomicBatch = new WriteBatch();
        saved = new Saved(defs, nextId, indexEpoch);
    }

    /** Writes the gathered batch; on failure the in-memory catalog is put back and nothing was written. */
    public synchronized void commitAtomic() throws SQLException {
        WriteBatch batch = atomicBatch;
        try {
            if (!batch.isEmpty()) {
                db.write(batch);
            }
        } catch (IOException e) {
            rollbackAtomic();
            throw Errors.io(e);
        }
        endAtomic();
    }

    /** Puts the in-memory catalog back as {@link #beginAtomic()} found it; nothing of the statement was written. */
    public synchronized void rollbackAtomic() {
        if (atomicOwner != Thread.currentThread()) {
            return;
        }
        defs = saved.defs();
        nextId = saved.nextId();
        indexEpoch = saved.indexEpoch() + 1;
        version++;
        endAtomic();
    }

    private void endAtomic() {
        atomicOwner = null;
        atomicBatch = null;
        saved = null;
        notifyAll();
    }

    /** Waits while another thread's atomic DDL statement is open. REQUIRES: this object's monitor held. */
    private void awaitTurn() {
        boolean interrupted = false;
        while (atomicOwner != null && atomicOwner != Thread.currentThread()) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The in-memory catalog as an atomic statement found it. */
    private record Saved(Definitions defs, int nextId, long indexEpoch) {
    }

    private void write(WriteBatch batch) throws SQLException {
        if (atomicOwner == Thread.currentThread()) {
            atomicBatch.append(batch);
            return;
        }
        try {
            db.write(batch);
        } catch (IOException e) {
            throw Errors.io(e);
        }
    }

    /** A stored query. */
    public record View(String name, List<String> columnNames, String sql) {
    }
}
