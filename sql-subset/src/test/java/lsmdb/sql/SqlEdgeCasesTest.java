package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Corners of SPEC §3/§7: key order of dates before 1970 and of binary prefixes, quoting, key updates, DDL durability. */
class SqlEdgeCasesTest extends SqlTestBase {

    @Test
    void aPreparedStatementTakesExactlyOneStatement() throws Exception {
        exec("CREATE TABLE b (k INT PRIMARY KEY)");
        SQLException e = fails("42000", "SELECT * FROM b; DROP TABLE b");
        assertTrue(e.getMessage().contains("exactly one statement"), e.getMessage());
        assertEquals(List.of(), query("SELECT * FROM b"), "the DROP after ';' did not run");
        assertEquals(List.of(), query("SELECT * FROM b;"), "one trailing ';' is fine");
        assertEquals(List.of(), query("SELECT * FROM b /* a ; inside a comment */"));
        assertEquals(List.of(), query("SELECT * FROM b -- a ; in a line comment"));
        assertEquals(2, session.prepareScript("INSERT INTO b VALUES (1) /* ; */; INSERT INTO b VALUES (2)").size());
        exec("INSERT INTO b VALUES (1)");
        assertEquals(List.of(row("a;b")), query("SELECT 'a;b' FROM b"), "a ';' in a string literal is no separator");
    }

    @Test
    void datesAndTimestampsBefore1970KeepTheirOrder() throws Exception {
        exec("CREATE TABLE ts (k TIMESTAMP PRIMARY KEY, d DATE)");
        exec("INSERT INTO ts VALUES ('2026-01-01 00:00:00', NULL), ('1969-12-31 23:59:59.999', '1969-12-31'), "
                + "('1960-01-01 00:00:00.5', DATE '1900-03-01'), ('1970-01-01 00:00:00', '1970-01-01')");
        List<Object> asc = List.of(Timestamp.valueOf("1960-01-01 00:00:00.5"), Timestamp.valueOf("1969-12-31 23:59:59.999"),
                Timestamp.valueOf("1970-01-01 00:00:00"), Timestamp.valueOf("2026-01-01 00:00:00"));
        assertEquals(asc, query("SELECT k FROM ts").stream().map(r -> r.get(0)).toList());
        List<Object> desc = new java.util.ArrayList<>(asc);
        java.util.Collections.reverse(desc);
        assertEquals(desc, query("SELECT k FROM ts ORDER BY k DESC").stream().map(r -> r.get(0)).toList());
        assertEquals(List.of(row(Timestamp.valueOf("1969-12-31 23:59:59.999"))),
                query("SELECT k FROM ts WHERE k > TIMESTAMP '1960-01-01 00:00:00.5' AND k < '1970-01-01 00:00:00'"));
        assertEquals(List.of(row(Date.valueOf("1900-03-01")), row(Date.valueOf("1969-12-31"))),
                query("SELECT d FROM ts WHERE d < DATE '1970-01-01' ORDER BY d"));
    }

    @Test
    void binaryKeysOrderAsUnsignedBytesWithPrefixesFirst() throws Exception {
        exec("CREATE TABLE bk (k VARBINARY(3) PRIMARY KEY)");
        exec("INSERT INTO bk VALUES (X'ff'), (X'0001'), (X''), (X'00'), (X'0000'), (X'7f'), (X'80')");
        assertEquals(List.of(row("[]"), row("[0]"), row("[0, 0]"), row("[0, 1]"), row("[127]"), row("[-128]"), row("[-1]")),
                query("SELECT k FROM bk"));
        assertEquals(List.of(row("[0, 1]"), row("[0, 0]"), row("[0]")), query("SELECT k FROM bk WHERE k >= X'00' AND k < X'7f' ORDER BY k DESC"));
        fails("22001", "INSERT INTO bk VALUES (X'01020304')");
        fails("23505", "INSERT INTO bk VALUES (?)", (Object) new byte[] {0, 0});
    }

    @Test
    void quotedIdentifiersKeepTheirCase() throws Exception {
        exec("CREATE TABLE \"Mixed\" (\"Id\" INT PRIMARY KEY, val INT)");
        exec("INSERT INTO \"Mixed\" VALUES (1, 2)");
        assertEquals(List.of(row(1, 2)), query("SELECT \"Id\", VAL FROM \"Mixed\""));
        fails("42S02", "SELECT * FROM mixed");
        fails("42S22", "SELECT id FROM \"Mixed\"");
        assertEquals("Mixed", db.table("\"Mixed\"") == null ? db.table("Mixed").name() : db.table("\"Mixed\"").name());
    }

    @Test
    void updatingTheKeyMovesTheRowAndChecksDuplicates() throws Exception {
        exec("CREATE TABLE c (k INT PRIMARY KEY, v VARCHAR(3))");
        exec("INSERT INTO c VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        assertEquals(1, exec("UPDATE c SET k = 10 WHERE k = 1"));
        fails("23505", "UPDATE c SET k = 2 WHERE k = 3");
        assertEquals(3, exec("UPDATE c SET k = k + 1"), "shifting every key onto its neighbour's old key is fine");
        assertEquals(List.of(row(3, "b"), row(4, "c"), row(11, "a")), query("SELECT * FROM c"));
        fails("23502", "UPDATE c SET k = NULL WHERE k = 3");
    }

    @Test
    void droppedTablesStayGoneAndIdsAreNotReusedAcrossReopen() throws Exception {
        exec("CREATE TABLE a (k INT PRIMARY KEY, v VARCHAR)");
        exec("INSERT INTO a VALUES (1, 'old'), (2, 'old')");
        exec("CREATE TABLE keep (k INT PRIMARY KEY)");
        exec("INSERT INTO keep VALUES (7)");
        exec("DROP TABLE a");
        reopen();
        assertEquals(List.of("KEEP"), db.tables().stream().map(TableInfo::name).toList());
        fails("42S02", "SELECT * FROM a");
        exec("CREATE TABLE a (k INT PRIMARY KEY, n BIGINT NOT NULL)");
        assertEquals(List.of(), query("SELECT * FROM a"), "no row of the dropped table comes back");
        exec("INSERT INTO a VALUES (1, 5)");
        reopen();
        TableInfo a = db.table("a");
        assertEquals(List.of("K", "N"), a.columns().stream().map(ColumnInfo::name).toList());
        assertFalse(a.columns().get(1).nullable());
        assertEquals(List.of(row(1, 5L)), query("SELECT * FROM a"));
        assertEquals(List.of(row(7)), query("SELECT * FROM keep"));
    }

    @Test
    void aPlanPreparedBeforeDdlIsRevalidated() throws Exception {
        exec("CREATE TABLE t (k INT PRIMARY KEY, v INT)");
        Prepared select = session.prepare("SELECT v FROM t WHERE k = ?");
        exec("DROP TABLE t");
        SQLException gone = assertThrows(SQLException.class, () -> session.execute(select, new Object[] {1}));
        assertEquals("42S02", gone.getSQLState());
        exec("CREATE TABLE t (k INT PRIMARY KEY, v VARCHAR)");
        exec("INSERT INTO t VALUES (1, 'now a string')");
        try (RowCursor c = session.execute(select, new Object[] {1}).rows()) {
            assertTrue(c.next());
            assertEquals("now a string", c.get(0));
        }
    }

    @Test
    void shutdownClosesTheDatabaseAndLaterUseFailsWith08003() throws Exception {
        exec("CREATE TABLE t (k INT PRIMARY KEY)");
        Session other = db.openSession();
        Result r = session.execute(session.prepare("SHUTDOWN"), new Object[0]);
        assertTrue(r.shutdown());
        assertTrue(db.isClosed());
        SQLException e = assertThrows(SQLException.class, () -> query(other, "SELECT * FROM t"));
        assertEquals("08003", e.getSQLState());
        other.close();
    }

    @Test
    void beginCommitAndRollbackAsStatements() throws Exception {
        exec("CREATE TABLE t (k INT PRIMARY KEY)");
        session.commit();
        session.rollback();
        exec("BEGIN");
        assertTrue(session.inTransaction());
        exec("INSERT INTO t VALUES (1)");
        exec("ROLLBACK");
        assertTrue(session.autoCommit(), "auto-commit resumes after ROLLBACK");
        assertFalse(session.inTransaction());
        assertEquals(List.of(), query("SELECT * FROM t"));
        exec("BEGIN TRANSACTION");
        exec("INSERT INTO t VALUES (2)");
        exec("COMMIT");
        assertTrue(session.autoCommit());
        assertEquals(List.of(row(2)), query("SELECT * FROM t"));
    }

    @Test
    void tableAliasesQualifyColumnsAndInsertSelectReadsItsSourceFirst() throws Exception {
        exec("CREATE TABLE t (k INT PRIMARY KEY, v VARCHAR)");
        exec("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
        assertEquals(List.of(row(2, "b")), query("SELECT x.k, x.v FROM t x WHERE x.k > 1 ORDER BY x.k"));
        assertEquals(List.of(row(1)), query("SELECT t.k FROM t WHERE t.v = 'a'"));
        assertEquals(1, exec("UPDATE t AS y SET v = 'c' WHERE y.k = 2"));
        fails("42S22", "SELECT z.k FROM t x");
        fails("23505", "INSERT INTO t SELECT * FROM t");
        assertEquals(2, exec("INSERT INTO t (k, v) SELECT k + 10, v FROM t"));
        assertEquals(List.of(row(4L)), query("SELECT COUNT(*) FROM t"));
    }
}
