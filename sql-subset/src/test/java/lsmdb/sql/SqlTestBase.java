package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lsmdb.core.LsmDb;
import lsmdb.core.Options;
import lsmdb.core.io.MemFileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh in-memory database and a session per test, with helpers to run SQL and read results. */
abstract class SqlTestBase {

    protected MemFileSystem fs;
    protected SqlDatabase db;
    protected Session session;

    @BeforeEach
    void openDatabase() throws Exception {
        fs = new MemFileSystem();
        db = SqlDatabase.open(LsmDb.open(Path.of("/db"), options()));
        session = db.openSession();
    }

    protected Options options() {
        return Options.defaults().withFileSystem(fs).withWriteBufferSize(64 << 10);
    }

    @AfterEach
    void closeDatabase() throws Exception {
        session.close();
        if (!db.isClosed()) {
            db.close();
        }
    }

    protected void reopen() throws Exception {
        session.close();
        db.close();
        db = SqlDatabase.open(LsmDb.open(Path.of("/db"), options()));
        session = db.openSession();
    }

    /** EXPLAIN's lines for {@code sql}, one per operator. */
    protected String explain(String sql, Object... params) throws SQLException {
        StringBuilder b = new StringBuilder();
        for (List<Object> r : query("EXPLAIN " + sql, params)) {
            b.append(r.get(0)).append('\n');
        }
        return b.toString();
    }

    protected long exec(String sql, Object... params) throws SQLException {
        return exec(session, sql, params);
    }

    protected static long exec(Session s, String sql, Object... params) throws SQLException {
        Result r = s.execute(s.prepare(sql), params);
        if (r.isQuery()) {
            r.rows().close();
            return -1;
        }
        return r.updateCount();
    }

    protected List<List<Object>> query(String sql, Object... params) throws SQLException {
        return query(session, sql, params);
    }

    protected static List<List<Object>> query(Session s, String sql, Object... params) throws SQLException {
        return rows(s, s.prepare(sql), params);
    }

    /** The rows of a prepared query executed (again) with {@code params}. */
    protected List<List<Object>> rows(Prepared p, Object... params) throws SQLException {
        return rows(session, p, params);
    }

    private static List<List<Object>> rows(Session s, Prepared p, Object... params) throws SQLException {
        Result r = s.execute(p, params);
        List<List<Object>> rows = new ArrayList<>();
        try (RowCursor c = r.rows()) {
            while (c.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < c.columns().size(); i++) {
                    Object v = c.get(i);
                    row.add(v instanceof byte[] b ? Arrays.toString(b) : v);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Runs {@code sql} expecting failure with {@code state}; returns the exception. */
    protected SQLException fails(String state, String sql, Object... params) {
        SQLException e = assertThrows(SQLException.class, () -> {
            Result r = session.execute(session.prepare(sql), params);
            if (r.isQuery()) {
                try (RowCursor c = r.rows()) {
                    while (c.next()) {
                        for (int i = 0; i < c.columns().size(); i++) {
                            c.get(i);
                        }
                    }
                }
            }
        }, sql);
        assertEquals(state, e.getSQLState(), sql + " -> " + e.getMessage());
        return e;
    }

    /** {@code rows} with every number as a long, so Integer and Long values compare alike; row order kept. */
    protected static List<List<Object>> numbersAsLongs(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> n = new ArrayList<>();
            for (Object v : row) {
                n.add(v instanceof Number num ? (Object) num.longValue() : v);
            }
            out.add(n);
        }
        return out;
    }

    protected static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
