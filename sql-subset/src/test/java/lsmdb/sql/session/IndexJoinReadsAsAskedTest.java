package lsmdb.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
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

    private MemSession mem;
    private Database db;
    private Session session;

    @BeforeEach
    void open() throws Exception {
        mem = new MemSession();
        db = mem.db;
        session = mem.session;
        mem.run("CREATE TABLE a (id INT PRIMARY KEY, x INT)");
        mem.run("CREATE TABLE b (id INT PRIMARY KEY, ax INT, v VARCHAR(10))");
        mem.run("CREATE INDEX b_ax ON b (ax)");
        mem.run("INSERT INTO a VALUES (1, 7)");
        for (int id = 0; id < 200; id++) {
            mem.run("INSERT INTO b VALUES (" + id + ", 7, 'v" + id + "')");
        }
    }

    @AfterEach
    void close() throws Exception {
        mem.close();
    }

    @Test
    void aLimitStopsReadingTheInnerRows() throws Exception {
        String sql = "SELECT b.id, b.v FROM a JOIN b ON b.ax = a.x WHERE a.id = 1";
        assertTrue(String.join("\n", mem.rows("EXPLAIN " + sql)).contains("INDEX JOIN"));
        Table b = db.catalog().get("B");
        Object[] row = new Object[b.width()];
        row[0] = 150;
        db.engine().delete(RowKeys.encode(b, row)); // its index entry (ax 7, id 150) stays
        assertThrows(SQLException.class, () -> mem.rows(sql));
        assertEquals(List.of("0 v0", "1 v1", "2 v2"), mem.rows(sql + " LIMIT 3"));
        assertEquals(List.of("0", "1"), mem.rows("SELECT b.id FROM a JOIN b ON b.ax = a.x WHERE a.id = 1 LIMIT 2"));
    }
}
