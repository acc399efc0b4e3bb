package lsmdb.sql.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.core.WriteBatch;
import lsmdb.core.util.Coding;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.SqlType;
import lsmdb.sql.TableInfo;

/**
 * Table and view definitions, kept in the engine itself so DDL is as durable and atomic as data.
 *
 * <pre>
 * key space   0x00 'T' name          → table schema, format 1 (one key column; written by lsmdb 0.1, still read)
 *             0x00 'S' name          → table schema, format 2 (any number of key columns, or none)
 *             0x00 'V' name          → view: its column names and its query's SQL text
 *             0x00 'I' name          → secondary index: its table, id, uniqueness and columns
 *             0x01 id (4 bytes, BE) …  → an index's entries (IndexKeys); index and table ids share one sequence
 *             0x00 'N'               → next table id (varint32): ids are never reused
 *             0x00 'D' id (4 bytes, BE) → DEFAULTs and identity of a table's columns ({@link ColumnRules})
 *             0x00 'H' id (4 bytes, BE) → identity high-water mark of a table ({@link IdentityRanges})
 *             0x00 'L' name          → how an ALTERed table's rows are stored (StoredSchemaFormat); absent: as
 *                                      its columns, in order (schema version 0)
 *             0x00 'F' name          → a foreign key (ForeignKey)
 *             0x01 id (4 bytes, BE) key → a row of table {@code id} (key by KeyCodec, value by RowCodec)
 * format 1    name (varint32 length | UTF-8) | id varint32 | key column varint32 | column count varint32 | column*
 * format 2    name | id varint32 | column count varint32 | column* | key column count varint32 | key column*
 *             (a table without key columns is keyed by a hidden BIGINT _ROWID_ after its last column)
 * column      name (varint32 length | UTF-8) | type ordinal (1 byte) | length varint32 | scale varint32
 *             | nullable (1 byte)
 * view        name | column count varint32 | column name* | SQL text (varint32 length | UTF-8)
 * index       name | table name | id varint32 | unique (1 byte) | column count varint32
 *             | (table slot varint32 | column name)* | [direction (1 byte: 0 ASC, 1 DESC)* — written only when
 *             some column is DESC; an entry that ends after the columns (all written before DESC existed) is all ASC]
 * </pre>
 *
 * Thread-safe: readers see immutable maps; DDL is serialised and bumps {@link #version()}.
 */
public final class Catalog {

    /** The column name of the hidden row id of a table without a primary key. */
    public static final String ROWID = "_ROWID_";

    private static final byte[] NEXT_ID = {0, 'N'};

    private final LsmDb db;
    private volatile Map<String, Table> tables;
    private volatile Map<String, View> views;
    private volatile Map<String, Index> indexes;
    /** By table id; tables without defaults or identity have no entry. */
    private volatile Map<Integer, ColumnRules> rules;
    private final IdentityRanges identities;
    private volatile Map<String, ForeignKey> foreignKeys;
    /** Bumped whenever an index is created: transactions that wrote before it must not commit unindexed rows. */
    private volatile long indexEpoch;
    private volatile long version;
    private int nextId;
    /** The thread whose atomic DDL statement is open ({@link #beginAtomic()}), or null; guarded by this. */
    private Thread atomicOwner;
    private WriteBatch atomicBatch;
    private Saved saved;

    private Catalog(LsmDb db, Map<String, Table> tables, Map<String, View> views, Map<String, Index> indexes,
                    Map<Integer, ColumnRules> rules, int nextId) {
        this.db = db;
        this.rules = rules;
        this.identities = new IdentityRanges(db);
        this.tables = tables;
        this.views = views;
        this.indexes = indexes;
        this.nextId = nextId;
        this.foreignKeys = Map.of();
    }

    public static Catalog load(LsmDb db) throws IOException {
        Map<String, Table> tables = new TreeMap<>();
        Map<String, View> views = new TreeMap<>();
        Map<String, Index> indexes = new TreeMap<>();
        for (char kind : new char[] {'T', 'S', 'V', 'I'}) {
            byte[] from = {0, (byte) kind};
            byte[] to = {0, (byte) (kind + 1)};
            try (LsmIterator it = db.iterator(null, from, to)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    try {
                        if (kind == 'I') {
                            Index ix = SchemaFormat.decodeIndex(it.value());
                            indexes.put(ix.name(), ix);
                        } else if (kind == 'V') {
                            View v = SchemaFormat.decodeView(it.value());
                            views.put(v.name(), v);
                        } else {
                            Table t = SchemaFormat.decodeTable(it.value(), kind == 'S');
                            tables.put(t.name(), t);
                        }
                    } catch (RuntimeException e) {
                        throw new lsmdb.core.CorruptionException("catalog entry is malformed: " + e);
                    }
                }
            }
        }
        Map<Integer, ColumnRules> rules = new TreeMap<>();
        try (LsmIterator it = db.iterator(null, new byte[] {0, ColumnRules.KIND}, new byte[] {0, ColumnRules.KIND + 1})) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] k = it.key();
                int id = (k[2] & 0xff) << 24 | (k[3] & 0xff) << 16 | (k[4] & 0xff) << 8 | k[5] & 0xff;
                try {
                    rules.put(id, ColumnRules.decode(it.value()));
                } catch (RuntimeException e) {
                    throw new lsmdb.core.CorruptionException("column rules of table id " + id + " are malformed: " + e);
                }
            }
        }
        byte[] next = db.get(NEXT_ID);
        int nextId = next == null ? 1 : Coding.getVarint32(next, new int[] {0}, next.length);
        Map<String, ForeignKey> foreignKeys = new TreeMap<>();
        loadAlterations(db, tables, foreignKeys);
        if (!db.options().readOnly()) {
            deleteOrphans(db, tables, indexes);
        }
        Catalog c = new Catalog(db, Collections.unmodifiableMap(tables), Collections.unmodifiableMap(views),
                Collections.unmodifiableMap(indexes), Collections.unmodifiableMap(rules), nextId);
        c.foreignKeys = Collections.unmodifiableMap(foreignKeys);
        return c;
    }

    /**
     * Deletes key ranges whose id no table or index names: entries of an index whose build ended (crash) after they
     * were written and before its catalog entry was (IndexBuilder). One seek per id present.
     */
    private static void deleteOrphans(LsmDb db, Map<String, Table> tables, Map<String, Index> indexes)
            throws IOException {
        java.util.Set<Integer> known = new java.util.HashSet<>();
        tables.values().forEach(t -> known.add(t.id()));
        indexes.values().forEach(ix -> known.add(ix.id()));
        WriteBatch batch = new WriteBatch();
        try (LsmIterator it = db.iterator(null, KeySpace.prefix(0), null)) {
            for (it.seekToFirst(); it.isValid(); ) {
                byte[] k = it.key();
                if (k.length < 5 || k[0] != KeySpace.prefix(0)[0]) {
                    break;
                }
                int id = (k[1] & 0xff) << 24 | (k[2] & 0xff) << 16 | (k[3] & 0xff) << 8 | k[4] & 0xff;
                if (!known.contains(id)) {
                    batch.deleteRange(KeySpace.prefix(id), KeySpace.end(id));
                }
                if (id == -1) {
                    break;
                }
                it.seek(KeySpace.end(id));
            }
        }
        if (!batch.isEmpty()) {
            try {
                db.write(batch);
            } catch (IOException | RuntimeException e) {
                // a replica cannot write on its own: the orphans stay, unread (their ids are never reused)
            }
        }
    }

    /** Reads the stored layouts of ALTERed tables (into {@code tables}) and the foreign keys. */
    private static void loadAlterations(LsmDb db, Map<String, Table> tables, Map<String, ForeignKey> foreignKeys)
            throws IOException {
        for (char kind : new char[] {'L', 'F'}) {
            try (LsmIterator it = db.iterator(null, new byte[] {0, (byte) kind}, new byte[] {0, (byte) (kind + 1)})) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    try {
                        if (kind == 'F') {
                            ForeignKey fk = ForeignKey.decode(it.value());
                            foreignKeys.put(fk.name(), fk);
                            continue;
                        }
                        String name = new String(it.key(), 2, it.key().length - 2, StandardCharsets.UTF_8);
                        Table t = tables.get(name);
                        if (t != null) {
                            StoredSchema stored = StoredSchemaFormat.decode(it.value(), name, t.columns());
                            tables.put(name, Table.of(t.id(), name, t.columns(), t.keyColumns(), t.v2(), stored));
                        }
                    } catch (RuntimeException e) {
                        throw new lsmdb.core.CorruptionException("catalog entry is malformed: " + e);
                    }
                }
            }
        }
    }

    /** {@code t} as an ALTER leaves it (same id and rows), for {@link #alter}. */
    public static Table altered(Table t, String name, List<ColumnInfo> columns, List<Integer> keyColumns,
                                StoredSchema stored) {
        return Table.of(t.id(), name, columns, keyColumns, t.v2(), stored);
    }

    /** The foreign keys whose child table is {@code table}. */
    public List<ForeignKey> foreignKeys(String table) {
        List<ForeignKey> out = new ArrayList<>();
        for (ForeignKey fk : foreignKeys.values()) {
            if (fk.table().equals(table)) {
                out.add(fk);
            }
        }
        return out;
    }

    /** The foreign keys whose parent table is {@code table}. */
    public List<ForeignKey> referencing(String table) {
        List<ForeignKey> out = new ArrayList<>();
        for (ForeignKey fk : foreignKeys.values()) {
            if (fk.parentTable().equals(table)) {
                out.add(fk);
            }
        }
        return out;
    }

    public Map<String, ForeignKey> allForeignKeys() {
        return foreignKeys;
    }

    /**
     * Applies one ALTER TABLE in one atomic write: the table's definition and stored layout, its indexes and the
     * foreign keys. Bumps the index epoch too, so transactions that wrote under the old definition (and so were
     * not checked against a constraint it adds) fail at commit instead of slipping past it.
     */
    public synchronized void alter(SchemaEdit e) throws SQLException {
        awaitTurn();
        Table before = e.before();
        Table after = e.after();
        if (!before.name().equals(after.name()) && (tables.containsKey(after.name())
                || views.containsKey(after.name()))) {
            throw Errors.tableExists(after.name());
        }
        WriteBatch batch = new WriteBatch().delete(key('T', before.name())).delete(key('S', before.name()))
                .delete(key('L', before.name())).put(key('S', after.name()), SchemaFormat.encodeTable(after));
        if (after.stored().version() > 0) {
            batch.put(key('L', after.name()), StoredSchemaFormat.encode(after.stored()));
        }
        Map<String, Index> newIndexes = new TreeMap<>(indexes);
        for (Index ix : indexes(before.name())) {
            batch.delete(key('I', ix.name()));
            newIndexes.remove(ix.name());
        }
        for (Index ix : e.droppedIndexes()) {
            batch.deleteRange(ix.prefix(), ix.prefixEnd());
        }
        for (Index ix : e.indexes()) {
            batch.put(key('I', ix.name()), SchemaFormat.encodeIndex(ix));
            newIndexes.put(ix.name(), ix);
        }
        for (String old : foreignKeys.keySet()) {
            if (!e.foreignKeys().containsKey(old)) {
                batch.delete(key('F', old));
            }
        }
        for (ForeignKey fk : e.foreignKeys().values()) {
            if (!fk.equals(foreignKeys.get(fk.name()))) {
                batch.put(key('F', fk.name()), fk.encode());
            }
        }
        if (e.rules() != null) {
            batch = e.rules().isEmpty() ? batch.delete(ColumnRules.key(after.id()))
                    : batch.put(ColumnRules.key(after.id()), e.rules().encode());
        }
        write(batch);
        if (e.rules() != null) {
            Map<Integer, ColumnRules> r = new TreeMap<>(rules);
            if (e.rules().isEmpty()) {
                r.remove(after.id());
            } else {
                r.put(after.id(), e.rules());
            }
            rules = Collections.unmodifiableMap(r);
        }
        Map<String, Table> copy = new TreeMap<>(tables);
        copy.remove(before.name());
        copy.put(after.name(), after);
        tables = Collections.unmodifiableMap(copy);
        indexes = Collections.unmodifiableMap(newIndexes);
        foreignKeys = Collections.unmodifiableMap(new TreeMap<>(e.foreignKeys()));
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
        return tables.get(name);
    }

    /** The DEFAULTs and identity of {@code t}'s columns. */
    public ColumnRules rules(Table t) {
        ColumnRules r = rules.get(t.id());
        return r != null ? r : ColumnRules.none(t.columns().size());
    }

    /** Identity values of every table. */
    public IdentityRanges identities() {
        return identities;
    }

    public View view(String name) {
        return views.get(name);
    }

    public Index index(String name) {
        return indexes.get(name);
    }

    public long indexEpoch() {
        return indexEpoch;
    }

    /** The indexes of table {@code table}, by name. */
    public List<Index> indexes(String table) {
        List<Index> out = new ArrayList<>();
        for (Index ix : indexes.values()) {
            if (ix.table().equals(table)) {
                out.add(ix);
            }
        }
        return out;
    }

    public List<Index> allIndexes() {
        return new ArrayList<>(indexes.values());
    }

    /** A fresh id for an index (ids are shared with tables and never reused). */
    public synchronized int allocateId() throws SQLException {
        awaitTurn();
        int id = nextId++;
        byte[] idBytes = new byte[5];
        int n = Coding.putVarint32(idBytes, 0, nextId);
        write(new WriteBatch().put(NEXT_ID, Arrays.copyOf(idBytes, n)));
        return id;
    }

    /** Publishes an index: from now on writers maintain it (its existing rows are the builder's job). */
    public synchronized void addIndex(Index ix) throws SQLException {
        awaitTurn();
        if (indexes.containsKey(ix.name())) {
            throw new java.sql.SQLSyntaxErrorException("index " + ix.name() + " already exists", "42S11");
        }
        write(new WriteBatch().put(key('I', ix.name()), SchemaFormat.encodeIndex(ix)));
        Map<String, Index> copy = new TreeMap<>(indexes);
        copy.put(ix.name(), ix);
        indexes = Collections.unmodifiableMap(copy);
        indexEpoch++;
        version++;
    }

    /** Removes an index and its entries; false if missing and {@code ifExists}. */
    public synchronized boolean dropIndex(String name, boolean ifExists) throws SQLException {
        awaitTurn();
        Index ix = indexes.get(name);
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
        write(new WriteBatch().delete(key('I', name)).deleteRange(ix.prefix(), ix.prefixEnd()));
        Map<String, Index> copy = new TreeMap<>(indexes);
        copy.remove(name);
        indexes = Collections.unmodifiableMap(copy);
        version++;
        return true;
    }

    public List<Table> all() {
        return new ArrayList<>(tables.values());
    }

    public List<View> allViews() {
        return new ArrayList<>(views.values());
    }

    /**
     * Creates a table keyed by {@code keyColumns} (indexes into {@code columns}; empty for a hidden row id); false
     * if it exists and {@code ifNotExists}.
     */
    public synchronized boolean create(String name, List<ColumnInfo> columns, List<Integer> keyColumns,
                                       boolean ifNotExists) throws SQLException {
        awaitTurn();
        return create(name, columns, keyColumns, ColumnRules.none(columns.size()), ifNotExists);
    }

    /** As {@link #create(String, List, List, boolean)}, with the columns' DEFAULTs and identity. */
    public synchronized boolean create(String name, List<ColumnInfo> columns, List<Integer> keyColumns,
                                       ColumnRules columnRules, boolean ifNotExists) throws SQLException {
        awaitTurn();
        if (tables.containsKey(name) || views.containsKey(name)) {
            if (ifNotExists) {
                return false;
            }
            throw Errors.tableExists(name);
        }
        Table t = Table.of(nextId, name, columns, keyColumns, true);
        byte[] idBytes = new byte[5];
        int n = Coding.putVarint32(idBytes, 0, nextId + 1);
        WriteBatch batch = new WriteBatch().put(key('S', name), SchemaFormat.encodeTable(t))
                .put(NEXT_ID, Arrays.copyOf(idBytes, n));
        if (!columnRules.isEmpty()) {
            batch.put(ColumnRules.key(t.id()), columnRules.encode());
        }
        write(batch);
        if (!columnRules.isEmpty()) {
            Map<Integer, ColumnRules> r = new TreeMap<>(rules);
            r.put(t.id(), columnRules);
            rules = Collections.unmodifiableMap(r);
        }
        nextId++;
        Map<String, Table> copy = new TreeMap<>(tables);
        copy.put(name, t);
        tables = Collections.unmodifiableMap(copy);
        version++;
        return true;
    }

    /** Drops a table and its rows (one range delete); false if missing and {@code ifExists}. */
    public synchronized boolean drop(String name, boolean ifExists) throws SQLException {
        awaitTurn();
        Table t = tables.get(name);
        if (t == null) {
            if (ifExists) {
                return false;
            }
            throw Errors.noSuchTable(name);
        }
        for (ForeignKey fk : referencing(name)) {
            if (!fk.table().equals(name)) {
                throw new java.sql.SQLIntegrityConstraintViolationException("cannot drop table " + name
                        + ": foreign key " + fk.name() + " of table " + fk.table() + " references it", "23503");
            }
        }
        WriteBatch batch = new WriteBatch().delete(key('T', name)).delete(key('S', name)).delete(key('L', name))
                .delete(ColumnRules.key(t.id())).delete(IdentityRanges.key(t.id()))
                .deleteRange(t.prefix(), t.prefixEnd());
        Map<String, ForeignKey> keptKeys = new TreeMap<>(foreignKeys);
        for (ForeignKey fk : foreignKeys(name)) {
            batch.delete(key('F', fk.name()));
            keptKeys.remove(fk.name());
        }
        Map<String, Index> keptIndexes = new TreeMap<>(indexes);
        for (Index ix : indexes(name)) {
            batch.delete(key('I', ix.name())).deleteRange(ix.prefix(), ix.prefixEnd());
            keptIndexes.remove(ix.name());
        }
        write(batch);
        Map<String, Table> copy = new TreeMap<>(tables);
        copy.remove(name);
        tables = Collections.unmodifiableMap(copy);
        indexes = Collections.unmodifiableMap(keptIndexes);
        if (rules.containsKey(t.id())) {
            Map<Integer, ColumnRules> r = new TreeMap<>(rules);
            r.remove(t.id());
            rules = Collections.unmodifiableMap(r);
        }
        identities.forget(t.id());
        foreignKeys = Collections.unmodifiableMap(keptKeys);
        version++;
        return true;
    }

    /** Removes every row of a table, keeping its definition. */
    public synchronized void truncate(Table t) throws SQLException {
        awaitTurn();
        for (ForeignKey fk : referencing(t.name())) {
            Table child = tables.get(fk.table());
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
        if (tables.containsKey(v.name()) || views.containsKey(v.name())) {
            if (ifNotExists) {
                return false;
            }
            throw Errors.tableExists(v.name());
        }
        write(new WriteBatch().put(key('V', v.name()), SchemaFormat.encodeView(v)));
        Map<String, View> copy = new TreeMap<>(views);
        copy.put(v.name(), v);
        views = Collections.unmodifiableMap(copy);
        version++;
        return true;
    }

    public synchronized boolean dropView(String name, boolean ifExists) throws SQLException {
        awaitTurn();
        if (!views.containsKey(name)) {
            if (ifExists) {
                return false;
            }
            throw new java.sql.SQLSyntaxErrorException("view " + name + " does not exist", "42S02");
        }
        write(new WriteBatch().delete(key('V', name)));
        Map<String, View> copy = new TreeMap<>(views);
        copy.remove(name);
        views = Collections.unmodifiableMap(copy);
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
        saved = new Saved(tables, views, indexes, rules, foreignKeys, nextId, indexEpoch);
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
        tables = saved.tables();
        views = saved.views();
        indexes = saved.indexes();
        rules = saved.rules();
        foreignKeys = saved.foreignKeys();
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
    private record Saved(Map<String, Table> tables, Map<String, View> views, Map<String, Index> indexes,
                         Map<Integer, ColumnRules> rules, Map<String, ForeignKey> foreignKeys, int nextId,
                         long indexEpoch) {
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

    private static byte[] key(char kind, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] k = new byte[2 + n.length];
        k[1] = (byte) kind;
        System.arraycopy(n, 0, k, 2, n.length);
        return k;
    }

    /** A stored query. */
    public record View(String name, List<String> columnNames, String sql) {
    }

    /** The column list of a table's rows, with the hidden row id appended when it has one. */
    static List<ColumnInfo> withRowId(String table, List<ColumnInfo> columns, boolean hidden) {
        if (!hidden) {
            return columns;
        }
        List<ColumnInfo> all = new ArrayList<>(columns);
        all.add(new ColumnInfo(ROWID, SqlType.BIGINT, 0, 0, false, true, table));
        return List.copyOf(all);
    }
}
