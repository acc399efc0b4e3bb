package lsmdb.sql.session;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import lsmdb.core.LsmDb;
import lsmdb.sql.Errors;
import lsmdb.sql.Session;
import lsmdb.sql.SqlDatabase;
import lsmdb.sql.TableInfo;
import lsmdb.sql.bind.Names;
import lsmdb.sql.bind.StatementBinder;
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.codec.OneColumnRows;
import lsmdb.sql.exec.RowIds;
import lsmdb.sql.plan.Plan;

/**
 * A database as SQL sees it: the engine, its catalog, hidden row ids, and the plan cache shared by every connection.
 * Binding and planning cost far more than a put, so a statement's text is bound once per database and its plan
 * reused until DDL changes the catalog.
 */
public final class Database implements SqlDatabase {

    /**
     * Past this many distinct statements, or this many characters of their text, the cache starts over: tools that
     * inline literals would grow it forever, and a plan's size follows its text (an IN list of 50,000 literals binds
     * to megabytes; 4,096 of them would exhaust any heap).
     */
    static final int PLAN_CACHE_LIMIT = 4096;
    static final long PLAN_CACHE_CHARS = 1 << 20;
    /** A statement longer than this is bound at each use, never cached: its plan alone would outweigh the rest. */
    static final int LONGEST_CACHED_STATEMENT = 64 << 10;
    /**
     * The most a transaction buffers of uncommitted writes by default (SPEC §2 maxTransactionMemory): a quarter of the
     * heap, as the count is an estimate and a commit copies the writes into its batch and the memtable.
     */
    static final long DEFAULT_TRANSACTION_MEMORY = Runtime.getRuntime().maxMemory() / 4;
    /** Per-statement memory for sorts, joins and grouping (SPEC §2 maxQueryMemory's default). */
    static final long DEFAULT_QUERY_MEMORY = 64L << 20;

    private final LsmDb engine;
    private final Catalog catalog;
    private final RowIds rowIds;
    private final ConcurrentHashMap<String, Plan> plans = new ConcurrentHashMap<>();
    /** The characters of the statements in {@link #plans}; changed with it under {@code plans}' monitor. */
    private long cachedChars;
    private volatile long queryMemory = DEFAULT_QUERY_MEMORY;
    /** Statements that write hold it shared; building an index holds it exclusively, so no write slips past. */
    final java.util.concurrent.locks.ReentrantReadWriteLock schemaLock =
            new java.util.concurrent.locks.ReentrantReadWriteLock();
    private volatile boolean closed;

    private Database(LsmDb engine, Catalog catalog) {
        this.engine = engine;
        this.catalog = catalog;
        this.rowIds = new RowIds(engine);
    }

    public static Database open(LsmDb engine) throws SQLException {
        try {
            return new Database(engine, Catalog.load(engine, OneColumnRows.FORMAT));
        } catch (IOException e) {
            throw Errors.io(e);
        } catch (java.io.UncheckedIOException e) {
            throw Errors.io(e);
        }
    }

    Catalog catalog() {
        return catalog;
    }

    RowIds rowIds() {
        return rowIds;
    }

    long queryMemory() {
        return queryMemory;
    }

    /** Sets maxQueryMemory (bytes) for statements started from now on. */
    public void setQueryMemory(long bytes) {
        queryMemory = bytes;
    }

    /** The plan for {@code sql}, from the cache when its catalog version is current. */
    Plan prepare(String sql) throws SQLException {
        Plan p = plans.get(sql);
        if (p != null && p.header().catalogVersion() == catalog.version()) {
            return p;
        }
        p = StatementBinder.bind(catalog, sql);
        if (sql.length() > LONGEST_CACHED_STATEMENT) {
            return p;
        }
        synchronized (plans) { // lookups stay lock-free; only a bound plan's insertion (rare, after binding) locks
            if (plans.size() >= PLAN_CACHE_LIMIT || cachedChars + sql.length() > PLAN_CACHE_CHARS) {
                plans.clear();
                cachedChars = 0;
            }
            Plan replaced = plans.put(sql, p);
            if (replaced == null) {
                cachedChars += sql.length();
            }
        }
        return p;
    }

    /** The cached plan for exactly {@code sql} while its catalog version is current, else null: nothing is bound. */
    Plan cached(String sql) {
        Plan p = plans.get(sql);
        return p != null && p.header().catalogVersion() == catalog.version() ? p : null;
    }

    /** The characters of statement text the plan cache holds (its bound on memory; for tests). */
    long cachedPlanChars() {
        synchronized (plans) {
            return cachedChars;
        }
    }

    /** Whether the plan cache holds {@code sql} (for tests). */
    boolean caches(String sql) {
        return plans.containsKey(sql);
    }

    /** {@code p}, or its re-binding if DDL ran since it was made. */
    Plan current(Plan p) throws SQLException {
        return current(p, p.header());
    }

    /** {@link #current(Plan)} given {@code p}'s header, read without a call on the plan. */
    Plan current(Plan p, Plan.Header h) throws SQLException {
        return h.catalogVersion() == catalog.version() ? p : prepare(h.sql());
    }

    @Override
    public Session openSession() {
        return new SessionImpl(this);
    }

    @Override
    public LsmDb engine() {
        return engine;
    }

    @Override
    public List<TableInfo> tables() {
        List<TableInfo> out = new ArrayList<>();
        for (Table t : catalog.all()) {
            out.add(t.info());
        }
        return out;
    }

    @Override
    public TableInfo table(String name) {
        Table t = catalog.get(name);
        if (t == null) {
            t = catalog.get(Names.identifier(name));
        }
        return t == null ? null : t.info();
    }

    @Override
    public String columnDefault(String table, int column) {
        Table t = catalog.get(table);
        return t == null ? null : catalog.rules(t).defaultOf(column);
    }

    @Override
    public int identityColumn(String table) {
        Table t = catalog.get(table);
        return t == null ? -1 : catalog.rules(t).identitySlot();
    }

    @Override
    public List<lsmdb.sql.IndexInfo> indexes(String table) {
        List<lsmdb.sql.IndexInfo> out = new ArrayList<>();
        for (lsmdb.sql.catalog.Index ix : catalog.indexes(table)) {
            List<Boolean> descending = new ArrayList<>();
            for (boolean d : ix.descending()) {
                descending.add(d);
            }
            out.add(new lsmdb.sql.IndexInfo(ix.name(), ix.table(), ix.unique(), ix.columnNames(),
                    List.copyOf(descending)));
        }
        return out;
    }

    @Override
    public List<lsmdb.sql.ForeignKeyInfo> foreignKeys() {
        List<lsmdb.sql.ForeignKeyInfo> out = new ArrayList<>();
        for (lsmdb.sql.catalog.ForeignKey fk : catalog.allForeignKeys().values()) {
            String parentKey = "PK_" + fk.parentTable();
            for (lsmdb.sql.catalog.Index ix : catalog.indexes(fk.parentTable())) {
                if (ix.unique() && ix.columnNames().equals(fk.parentColumns())) {
                    parentKey = ix.name();
                }
            }
            out.add(new lsmdb.sql.ForeignKeyInfo(fk.name(), fk.table(), fk.columns(), fk.parentTable(),
                    fk.parentColumns(), parentKey));
        }
        return out;
    }

    boolean readOnly() {
        return engine.options().readOnly();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            engine.close();
        } catch (IOException e) {
            throw Errors.io(e);
        }
    }
}
