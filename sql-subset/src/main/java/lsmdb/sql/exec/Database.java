package lsmdb.sql.exec;

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
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.parse.SqlParser;
import lsmdb.sql.plan.Plan;

/**
 * A database as SQL sees it: the engine, its catalog, and the plan cache shared by every connection. Parsing costs
 * far more than a put (60–900 µs against ~2 µs), so a statement's text is parsed once per database and its plan
 * reused until DDL changes the catalog.
 */
public final class Database implements SqlDatabase {

    /** Past this many distinct statements the cache starts over (tools that inline literals would grow it forever). */
    private static final int PLAN_CACHE_LIMIT = 4096;

    private final LsmDb engine;
    private final Catalog catalog;
    private final ConcurrentHashMap<String, Plan> plans = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private Database(LsmDb engine, Catalog catalog) {
        this.engine = engine;
        this.catalog = catalog;
    }

    public static Database open(LsmDb engine) throws SQLException {
        try {
            return new Database(engine, Catalog.load(engine));
        } catch (IOException e) {
            throw Errors.io(e);
        } catch (java.io.UncheckedIOException e) {
            throw Errors.io(e);
        }
    }

    Catalog catalog() {
        return catalog;
    }

    /** The plan for {@code sql}, from the cache when its catalog version is current. */
    Plan prepare(String sql) throws SQLException {
        Plan p = plans.get(sql);
        if (p != null && p.header().catalogVersion() == catalog.version()) {
            return p;
        }
        p = SqlParser.parse(catalog, sql);
        if (plans.size() >= PLAN_CACHE_LIMIT) {
            plans.clear();
        }
        plans.put(sql, p);
        return p;
    }

    /** {@code p}, or its re-validation if DDL ran since it was made. */
    Plan current(Plan p) throws SQLException {
        return p.header().catalogVersion() == catalog.version() ? p : prepare(p.sql());
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
        for (Catalog.Table t : catalog.all()) {
            out.add(t.info());
        }
        return out;
    }

    @Override
    public TableInfo table(String name) {
        Catalog.Table t = catalog.get(name);
        if (t == null) {
            t = catalog.get(SqlParser.identifier(name));
        }
        return t == null ? null : t.info();
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
