package lsmdb.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLSyntaxErrorException;
import lsmdb.sql.parse.ParsedStatement.Control;
import lsmdb.sql.parse.ParsedStatement.ControlKind;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.PlainSelect;
import org.junit.jupiter.api.Test;

class SqlFrontTest {

    private static Control control(String sql) throws Exception {
        return assertInstanceOf(Control.class, SqlFront.parse(sql));
    }

    private static String refused(String sql) {
        SQLSyntaxErrorException e = assertThrows(SQLSyntaxErrorException.class, () -> SqlFront.parse(sql));
        assertEquals("42000", e.getSQLState());
        return e.getMessage();
    }

    @Test
    void controlStatements() throws Exception {
        for (String s : new String[] {"BEGIN", "begin work", "BEGIN TRANSACTION;", "START TRANSACTION"}) {
            assertEquals(new Control(ControlKind.BEGIN, null), control(s));
        }
        assertEquals(new Control(ControlKind.COMMIT, null), control("commit work ;"));
        assertEquals(new Control(ControlKind.ROLLBACK, null), control("ROLLBACK"));
        assertEquals(new Control(ControlKind.ROLLBACK, null), control("ROLLBACK WORK"));
        assertEquals(new Control(ControlKind.SAVEPOINT, "S1"), control("SAVEPOINT s1"));
        assertEquals(new Control(ControlKind.SAVEPOINT, "s1"), control("SAVEPOINT \"s1\""));
        assertEquals(new Control(ControlKind.ROLLBACK_TO_SAVEPOINT, "S1"), control("ROLLBACK TO SAVEPOINT s1"));
        assertEquals(new Control(ControlKind.ROLLBACK_TO_SAVEPOINT, "S1"), control("rollback work to s1"));
        assertEquals(new Control(ControlKind.RELEASE_SAVEPOINT, "S1"), control("RELEASE SAVEPOINT s1"));
        assertEquals(new Control(ControlKind.RELEASE_SAVEPOINT, "S1"), control("RELEASE s1"));
        assertEquals(new Control(ControlKind.SHUTDOWN, null), control("/* bye */ SHUTDOWN -- now"));
        assertEquals(new Control(ControlKind.BACKUP, "/tmp/it's"), control("BACKUP TO '/tmp/it''s'"));
    }

    @Test
    void malformedControlStatementsAreRefused() {
        assertTrue(refused("COMMIT now").contains("'now'"));
        assertTrue(refused("SAVEPOINT").contains("needs a savepoint name"));
        assertTrue(refused("ROLLBACK TO SAVEPOINT a b").contains("'b'"));
        assertTrue(refused("BACKUP TO dir").contains("BACKUP TO 'directory'"));
    }

    @Test
    void upsertIsParsedAsInsertAndFlagged() throws Exception {
        ParsedStatement.Sql s = assertInstanceOf(ParsedStatement.Sql.class, SqlFront.parse("upsert into t values (1)"));
        assertTrue(s.upsert());
        assertInstanceOf(Insert.class, s.statement());
        assertFalse(((ParsedStatement.Sql) SqlFront.parse("INSERT INTO t VALUES (1)")).upsert());
    }

    @Test
    void oneStatementOnly() throws Exception {
        assertInstanceOf(PlainSelect.class, ((ParsedStatement.Sql) SqlFront.parse("SELECT 1;;")).statement());
        assertTrue(refused("SELECT 1; SELECT 2").contains("exactly one statement"));
        assertTrue(refused("  -- nothing\n").contains("empty statement"));
    }

    @Test
    void syntaxErrorsNameThePosition() {
        String m = refused("SELECT a FROM t WHERE");
        assertTrue(m.contains("line 1"), m);
        assertTrue(refused("SELECT a FROM t WHERE a IN ( ( ( 1 , 2").contains("unmatched '('"));
    }

    @Test
    void trailingGarbageIsNotIgnored() {
        refused("SELECT a FROM t x y z");
        refused("SELECT 1 2");
    }

    @Test
    void deepNestingIsRefusedInTime() {
        for (String sql : new String[] {
            "SELECT a FROM t WHERE a IN " + "(SELECT a FROM t WHERE a IN ".repeat(40) + "(1)" + ")".repeat(40),
            "SELECT " + "(".repeat(150) + "1" + ")".repeat(150) + " +",
        }) {
            // The bound is on CPU time (as SqlFront's budget is): wall time on a loaded machine says nothing.
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long t0 = threads.getCurrentThreadCpuTime();
            refused(sql);
            long ms = (threads.getCurrentThreadCpuTime() - t0) / 1_000_000;
            assertTrue(ms < 1000, ms + " ms of CPU for " + sql);
        }
    }
}
