package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A prepared statement's handle: what it reports, its parameter check, and its re-binding after DDL. */
class PreparedAcrossDdlTest extends SqlTestBase {

    @Test
    void handleReportsItsPlan() throws SQLException {
        exec("CREATE TABLE t (a INT PRIMARY KEY, b INT)");
        Prepared q = session.prepare("SELECT b FROM t WHERE a = ?");
        assertEquals("SELECT b FROM t WHERE a = ?", q.sql());
        assertEquals(1, q.parameterCount());
        assertTrue(q.isQuery());
        assertEquals(1, q.resultColumns().size());
        Prepared ins = session.prepare("INSERT INTO t (a, b) VALUES (?, ?)");
        assertEquals(2, ins.parameterCount());
        assertFalse(ins.isQuery());
        assertEquals(List.of(), ins.resultColumns());
    }

    @Test
    void wrongParameterCountIsRefused() throws SQLException {
        exec("CREATE TABLE t (a INT PRIMARY KEY, b INT)");
        Prepared ins = session.prepare("INSERT INTO t (a, b) VALUES (?, ?)");
        SQLException e = assertThrows(SQLException.class, () -> session.execute(ins, new Object[] {1}));
        assertEquals("07001", e.getSQLState());
        assertEquals(1, session.execute(ins, new Object[] {1, 10}).updateCount());
    }

    @Test
    void preparedBeforeDdlRunsAgainstTheNewTable() throws SQLException {
        exec("CREATE TABLE t (a INT PRIMARY KEY, b INT)");
        exec("INSERT INTO t (a, b) VALUES (1, 10)");
        Prepared q = session.prepare("SELECT b FROM t WHERE a = ?");
        assertEquals(List.of(List.of(10)), rows(q, 1));
        exec("DROP TABLE t");
        exec("CREATE TABLE t (b INT, a INT PRIMARY KEY)");
        exec("INSERT INTO t (a, b) VALUES (1, 20)");
        assertEquals(List.of(List.of(20)), rows(q, 1));
        SQLException e = assertThrows(SQLException.class, () -> session.execute(q, new Object[] {1, 2}));
        assertEquals("07001", e.getSQLState());
    }
}
