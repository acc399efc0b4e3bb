package lsmdb.sql.session;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lsmdb.core.LsmDb;
import lsmdb.core.Options;
import lsmdb.core.io.MemFileSystem;
import lsmdb.sql.Result;
import lsmdb.sql.RowCursor;
import lsmdb.sql.Session;

/** An in-memory database and one session over it, for this package's tests that look inside plans and the engine. */
final class MemSession implements AutoCloseable {

    final Database db;
    final Session session;

    MemSession() throws Exception {
        db = Database.open(LsmDb.open(Path.of("/db"), Options.defaults().withFileSystem(new MemFileSystem())));
        session = db.openSession();
    }

    void run(String sql) throws SQLException {
        session.execute(session.prepare(sql), new Object[0]);
    }

    /**
     * Tables {@code cu} (customers 0 … customers − 1) and {@code od} (orders 0 … orders − 1, order o of customer
     * o mod (customers + 1): the last customer id has orders but no row), with an index on {@code od(cust)}.
     */
    void customersAndOrders(int customers, int orders) throws SQLException {
        run("CREATE TABLE cu (id BIGINT PRIMARY KEY, name VARCHAR(20))");
        run("CREATE TABLE od (id BIGINT PRIMARY KEY, cust BIGINT, amount INT)");
        run("CREATE INDEX od_cust ON od(cust)");
        for (int c = 0; c < customers; c++) {
            run("INSERT INTO cu VALUES (" + c + ", 'n" + c + "')");
        }
        for (int o = 0; o < orders; o++) {
            run("INSERT INTO od VALUES (" + o + ", " + (o % (customers + 1)) + ", " + (o * 10) + ")");
        }
    }

    /** The rows, each its values joined by spaces. */
    List<String> rows(String sql, Object... params) throws SQLException {
        List<String> out = new ArrayList<>();
        Result r = session.execute(session.prepare(sql), params);
        try (RowCursor c = r.rows()) {
            while (c.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < c.columns().size(); i++) {
                    line.append(i == 0 ? "" : " ").append(c.get(i));
                }
                out.add(line.toString());
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        session.close();
        db.close();
    }
}
