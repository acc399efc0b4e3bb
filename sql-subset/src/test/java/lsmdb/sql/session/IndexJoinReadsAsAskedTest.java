package lsmdb.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import lsmdb.sql.catalog.Table;
import lsmdb.sql.codec.RowKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An index join whose probe side is one row reads that row's inner rows as they are asked for, batch by batch, not
 * all of them first: a LIMIT above stops the reading. Seen through a row whose index entry outlives it (the row
 * removed from the engine behind SQL's back): reading every inner row meets it and reports the corruption, while
 * the first few rows are answered without reaching it.
 */
class IndexJoinReadsAsAskedTest {

    private Database db;
    private Session session;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(LsmDb.open(Path.of("/db"), Options.defaults().withFileSystem(new MemFileSystem())));
        session = db.openSession();
        run("CREATE TABLE a (id INT PRIMARY KEY, x INT)");
        run("CREATE TABLE b (id INT PRIMARY KEY, ax INT, v VARCHAR(10))");
        run("CREATE INDEX b_ax ON b (ax)");
        run("INSERT INTO a VALUES (1, 7)");
        for (int id = 0; id < 200; id++) {
            run("INSERT INTO b VALUES (" + id + ", 7, 'v" + id + "')");
        }
    }

    @AfterEach
    void close() throws Exception {
        session.close();
        db.close();
    }

    @Test
    void aLimitStopsReadingTheInnerRows() throws Exception {
        String sql = "SELECT b.id, b.v FROM a JOIN b ON b.ax = a.x WHERE a.id = 1";
        assertTrue(String.join("\n", rows("EXPLAIN " + sql)).contains("INDEX JOIN"));
        Table b = db.catalog().get("B");
        Object[] row = new Object[b.width()];
        row[0] = 150;
        db.engine().delete(RowKeys.encode(b, row)); // its index entry (ax 7, id 150) stays
        assertThrows(SQLException.class, () -> rows(sql));
        assertEquals(List.of("0 v0", "1 v1", "2 v2"), rows(sql + " LIMIT 3"));
        assertEquals(List.of("0", "1"), rows("SELECT b.id FROM a JOIN b ON b.ax = a.x WHERE a.id = 1 LIMIT 2"));
    }

    private void run(String sql) throws SQLException {
        session.execute(session.prepare(sql), new Object[0]);
    }

    /** The rows, each its values joined by spaces. */
    private List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        Result r = session.execute(session.prepare(sql), new Object[0]);
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
}
