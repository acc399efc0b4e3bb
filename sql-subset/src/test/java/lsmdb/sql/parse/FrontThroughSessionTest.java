package lsmdb.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;
import lsmdb.core.LsmDb;
import lsmdb.core.Options;
import lsmdb.core.io.MemFileSystem;
import lsmdb.sql.Result;
import lsmdb.sql.RowCursor;
import lsmdb.sql.Session;
import lsmdb.sql.SqlDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The defects of issue 10 that were about silence or hangs, through a real session. */
class FrontThroughSessionTest {

    private SqlDatabase db;
    private Session session;

    @BeforeEach
    void open() throws Exception {
        db = SqlDatabase.open(LsmDb.open(Path.of("/db"), Options.defaults().withFileSystem(new MemFileSystem())));
        session = db.openSession();
        run("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        for (int i = 1; i <= 5; i++) {
            run("INSERT INTO t VALUES (?, ?)", i, i * 10);
        }
    }

    @AfterEach
    void close() throws Exception {
        session.close();
        db.close();
    }

    private Result run(String sql, Object... params) throws SQLException {
        return session.execute(session.prepare(sql), params);
    }

    private String refused(String sql) {
        SQLSyntaxErrorException e = assertThrows(SQLSyntaxErrorException.class, () -> run(sql));
        assertEquals("42000", e.getSQLState(), e.getMessage());
        return e.getMessage();
    }

    private int count(String sql, Object... params) throws SQLException {
        int n = 0;
        try (RowCursor c = run(sql, params).rows()) {
            while (c.next()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void clausesThatUsedToBeIgnoredAreRefused() {
        assertTrue(refused("SELECT TOP 1 id FROM t").contains("TOP"));
        assertTrue(refused("SELECT id INTO x FROM t").contains("SELECT ... INTO"));
        assertTrue(refused("INSERT IGNORE INTO t VALUES (1, 1)").contains("INSERT IGNORE"));
        assertTrue(refused("DELETE FROM t RETURNING id INTO x").contains("INTO"));
        assertTrue(refused("INSERT INTO t VALUES (1, 1) ON CONFLICT DO UPDATE SET v = 2").contains("ON CONFLICT"));
        assertTrue(refused("INSERT INTO t VALUES (1, 1) ON CONFLICT (v) DO UPDATE SET v = 2").contains("ON CONFLICT"));
    }

    @Test
    void theReportedHangIsRefusedAtOnce() {
        long t0 = System.nanoTime();
        assertTrue(refused("SELECT a FROM t WHERE a IN ( ( ( 1 , 2").contains("unmatched '('"));
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
    }

    @Test
    void longExpressionsGiveSqlExceptionsNotErrors() {
        for (String sql : List.of("SELECT id FROM t WHERE id = " + "1 + ".repeat(5_000) + "1",
                "SELECT id FROM t WHERE " + "id = 1 OR ".repeat(5_000) + "id = 2")) {
            SQLException e = assertThrows(SQLException.class, () -> count(sql));
            assertEquals("42000", e.getSQLState(), e.getMessage());
        }
    }

    @Test
    void longInListsWork() throws Exception {
        StringBuilder in = new StringBuilder("SELECT id FROM t WHERE id IN (");
        for (int i = 0; i < 50_000; i++) {
            in.append(i == 0 ? "" : ", ").append(i % 7 == 0 ? 1 : 1000 + i);
        }
        in.append(")");
        assertEquals(1, count(in.toString()));
        String params = "SELECT id FROM t WHERE v = ? AND id IN (" + "?, ".repeat(99) + "?) AND v < ?";
        Object[] values = new Object[102];
        values[0] = 30;
        for (int i = 1; i <= 100; i++) {
            values[i] = i;
        }
        values[101] = 100;
        assertEquals(1, count(params, values));
    }

    @Test
    void inListFollowedByAConditionWorks() throws Exception {
        assertEquals(1, count("SELECT id FROM t WHERE id IN (1, 2, 3) AND v = 20"));
        assertEquals(2, count("SELECT id FROM t WHERE id IN (1, 2, 3) AND v > 10"));
        assertEquals(4, count("SELECT id FROM t WHERE id IN (1, 2) OR v IN (40, 50) AND id > 3"));
    }

    @Test
    void scriptsAreSplitByTheLexer() throws Exception {
        List<?> parts = session.prepareScript("INSERT INTO t VALUES (7, 70); -- a ; comment\n"
                + "INSERT INTO t VALUES (8, 80) /* ; */;");
        assertEquals(2, parts.size());
    }
}
