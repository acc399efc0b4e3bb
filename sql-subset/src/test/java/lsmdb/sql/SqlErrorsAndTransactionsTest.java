package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SPEC §5's SQLStates of the SQL layer, snapshot-isolated transactions, and fuzzed input. */
class SqlErrorsAndTransactionsTest extends SqlTestBase {

    private void table() throws SQLException {
        exec("CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(10) NOT NULL, n INT)");
        exec("INSERT INTO kv VALUES (1, 'a', 1), (2, 'b', 2)");
    }

    @Test
    void errorsCarryTheSpecSqlStates() throws Exception {
        table();
        SQLException e = fails("42000", "SELEC * FROM kv");
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        assertTrue(fails("42000", "SELECT * FROM kv a FULL JOIN kv b ON a.k = b.k").getMessage().contains("JOIN"));
        assertTrue(fails("42000", "SELECT v, COUNT(*) FROM kv GROUP BY n").getMessage().contains("GROUP BY"));
        assertTrue(fails("42000", "SELECT NOSUCHFN(v) FROM kv").getMessage().contains("NOSUCHFN"));
        assertTrue(fails("42000", "SELECT k FROM kv INTERSECT SELECT k FROM kv").getMessage().contains("INTERSECT"));
        fails("42S02", "SELECT * FROM nope");
        fails("42S01", "CREATE TABLE kv (k INT PRIMARY KEY)");
        fails("42S22", "SELECT nope FROM kv");
        fails("42S22", "UPDATE kv SET nope = 1");
        exec("CREATE TABLE nokey (a INT, b INT)");
        fails("42000", "CREATE TABLE zero (k INT PRIMARY KEY, s VARCHAR(0))");
        fails("42000", "CREATE TABLE zero (k INT PRIMARY KEY, b VARBINARY(0))");
        fails("42000", "CREATE TABLE zero (k INT PRIMARY KEY, d DECIMAL(5,-1))");
        exec("CREATE TABLE wholes (k INT PRIMARY KEY, d DECIMAL(10,0))");
        exec("INSERT INTO wholes VALUES (1, 12.6)");
        assertEquals(List.of(row(new java.math.BigDecimal("13"))), query("SELECT d FROM wholes"));
        exec("CREATE TABLE twokeys (a INT, b INT, PRIMARY KEY (a, b))");
        fails("23505", "INSERT INTO kv VALUES (1, 'dup', 0)");
        fails("23505", "INSERT INTO kv VALUES (3, 'x', 0), (3, 'y', 0)");
        assertEquals(List.of(row(2L)), query("SELECT COUNT(*) FROM kv"), "a failed INSERT writes none of its rows");
        fails("23502", "INSERT INTO kv (k, n) VALUES (4, 4)");
        fails("23502", "INSERT INTO kv VALUES (NULL, 'x', 0)");
        fails("23502", "UPDATE kv SET v = NULL WHERE k = 1");
        fails("22018", "INSERT INTO kv VALUES ('abc', 'x', 0)");
        fails("22003", "INSERT INTO kv VALUES (5, 'x', 99999999999)");
        fails("22001", "INSERT INTO kv VALUES (5, 'much too long', 0)");
        fails("22012", "UPDATE kv SET n = n / 0");
        fails("07001", "SELECT * FROM kv WHERE k = ?");
        fails("42000", "");
        assertEquals(List.of(row(1L, "a", 1), row(2L, "b", 2)), query("SELECT * FROM kv"), "the session still works");
    }

    @Test
    void readOnlyDatabaseRefusesWrites() throws Exception {
        table();
        session.close();
        db.close();
        db = SqlDatabase.open(lsmdb.core.LsmDb.open(java.nio.file.Path.of("/db"), options().withReadOnly(true)));
        session = db.openSession();
        assertEquals(2, query("SELECT * FROM kv").size());
        fails("25006", "INSERT INTO kv VALUES (9, 'x', 0)");
        fails("25006", "DROP TABLE kv");
    }

    @Test
    void transactionsSeeTheirOwnWritesAndAreIsolated() throws Exception {
        table();
        Session other = db.openSession();
        session.setAutoCommit(false);
        exec("INSERT INTO kv VALUES (3, 'c', 3)");
        exec("UPDATE kv SET v = 'A' WHERE k = 1");
        exec("DELETE FROM kv WHERE k = 2");
        assertEquals(List.of(row(1L, "A"), row(3L, "c")), query("SELECT k, v FROM kv"), "own writes visible");
        assertEquals(List.of(row(1L, "a"), row(2L, "b")), query(other, "SELECT k, v FROM kv"), "others see nothing yet");
        exec(other, "INSERT INTO kv VALUES (10, 'other', 0)");
        assertEquals(2, query("SELECT k FROM kv WHERE k < 5").size(), "snapshot: the other insert is not seen");
        fails("23505", "INSERT INTO kv VALUES (1, 'dup', 0)");
        assertEquals(List.of(row("A")), query("SELECT v FROM kv WHERE k = 1"), "a failed statement fails alone");
        session.commit();
        assertEquals(List.of(row(1L, "A"), row(3L, "c"), row(10L, "other")), query(other, "SELECT k, v FROM kv"));
        exec("INSERT INTO kv VALUES (4, 'd', 4)");
        session.rollback();
        assertEquals(List.of(), query(other, "SELECT k FROM kv WHERE k = 4"), "rolled back");
        session.setAutoCommit(true);
        other.close();
    }

    @Test
    void firstCommitterWins() throws Exception {
        table();
        Session a = db.openSession();
        Session b = db.openSession();
        exec(a, "BEGIN");
        exec(b, "BEGIN");
        exec(a, "UPDATE kv SET v = 'fromA' WHERE k = 1");
        exec(b, "UPDATE kv SET v = 'fromB' WHERE k = 1");
        exec(a, "COMMIT");
        SQLException e = assertThrows(SQLException.class, () -> exec(b, "COMMIT"));
        assertEquals("40001", e.getSQLState());
        assertTrue(e instanceof java.sql.SQLTransactionRollbackException);
        assertEquals(List.of(row("fromA")), query("SELECT v FROM kv WHERE k = 1"), "the loser changed nothing");
        exec(b, "BEGIN");
        exec(b, "SELECT * FROM kv");
        exec(a, "UPDATE kv SET v = 'again' WHERE k = 2");
        SQLException atWrite = assertThrows(SQLException.class, () -> exec(b, "UPDATE kv SET v = 'late' WHERE k = 2"));
        assertEquals("40001", atWrite.getSQLState(), "the other transaction already committed: fail at the write");
        assertTrue(!b.inTransaction() || b.autoCommit());
        a.close();
        b.close();
    }

    /**
     * SELECT ... FOR UPDATE: the selected rows join the transaction's conflict set, so the classic lost update
     * (read a balance, write it back plus something) cannot happen between two transactions that read FOR UPDATE.
     */
    @Test
    void selectForUpdateMakesTheReadRowsConflict() throws Exception {
        exec("CREATE TABLE acct (id INT PRIMARY KEY, bal BIGINT, owner VARCHAR(10))");
        exec("CREATE INDEX acct_owner ON acct(owner)");
        exec("INSERT INTO acct VALUES (1, 100, 'ann'), (2, 50, 'bob'), (3, 70, 'ann')");
        Session a = db.openSession();
        Session b = db.openSession();
        exec(a, "BEGIN");
        exec(b, "BEGIN");
        assertEquals(List.of(row(100L)), query(a, "SELECT bal FROM acct WHERE id = ? FOR UPDATE", 1));
        assertEquals(List.of(row(100L)), query(b, "SELECT bal FROM acct WHERE id = 1 FOR UPDATE"));
        exec(a, "UPDATE acct SET bal = 110 WHERE id = 1");
        exec(a, "COMMIT");
        assertEquals("40001", assertThrows(SQLException.class, () -> exec(b, "COMMIT")).getSQLState(),
                "b read row 1 for update and a changed it first: b must not commit on what it read");
        // Without FOR UPDATE the same read does not conflict (snapshot isolation), as documented.
        exec(a, "BEGIN");
        exec(b, "BEGIN");
        assertEquals(List.of(row(110L)), query(b, "SELECT bal FROM acct WHERE id = 1"));
        exec(a, "UPDATE acct SET bal = 120 WHERE id = 1");
        exec(a, "COMMIT");
        exec(b, "UPDATE acct SET owner = 'bob' WHERE id = 2");
        exec(b, "COMMIT");
        // A row changed after the transaction began fails the FOR UPDATE read itself.
        exec(b, "BEGIN");
        exec(b, "SELECT * FROM acct WHERE id = 3");
        exec(a, "UPDATE acct SET bal = 0 WHERE id = 3");
        assertEquals("40001", assertThrows(SQLException.class,
                () -> query(b, "SELECT bal FROM acct WHERE owner = 'ann' FOR UPDATE")).getSQLState());
        // The lock writes the rows back unchanged: values and index entries stay as they were.
        exec(a, "BEGIN");
        assertEquals(List.of(row(1, 120L), row(3, 0L)),
                query(a, "SELECT id, bal FROM acct WHERE owner = 'ann' ORDER BY id FOR UPDATE"));
        exec(a, "COMMIT");
        assertEquals(List.of(row(1), row(3)), query("SELECT id FROM acct WHERE owner = 'ann' ORDER BY id"));
        assertEquals(List.of(row(2)), query("SELECT id FROM acct WHERE owner = 'bob'"));
        // Auto-commit: a plain read. Shapes that cannot say which rows they read are refused.
        assertEquals(List.of(row(50L)), query("SELECT bal FROM acct WHERE id = 2 FOR UPDATE"));
        fails("42000", "SELECT COUNT(*) FROM acct a JOIN acct b ON a.id = b.id FOR UPDATE");
        fails("42000", "SELECT owner FROM acct GROUP BY owner FOR UPDATE");
        fails("42000", "SELECT bal FROM acct WHERE id = 1 FOR UPDATE NOWAIT");
        a.close();
        b.close();
    }

    @Test
    void concurrentAutoCommitUpdatesOfOneRowSerialiseWithoutLosingAny() throws Exception {
        exec("CREATE TABLE c (k INT PRIMARY KEY, n BIGINT)");
        exec("INSERT INTO c VALUES (1, 0)");
        int threads = 4;
        int each = 300;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> tasks = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            tasks.add(pool.submit(() -> {
                try (Session s = db.openSession()) {
                    Prepared p = s.prepare("UPDATE c SET n = n + 1 WHERE k = 1");
                    for (int i = 0; i < each; i++) {
                        assertEquals(1L, s.execute(p, new Object[0]).updateCount());
                    }
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : tasks) {
            f.get();
        }
        pool.shutdown();
        assertEquals(List.of(row((long) threads * each)), query("SELECT n FROM c WHERE k = 1"));
    }

    @Test
    void scriptsRunInOrder() throws Exception {
        List<Prepared> ps = session.prepareScript("CREATE TABLE s (k INT PRIMARY KEY); INSERT INTO s VALUES (1);"
                + " -- a comment; with a semicolon\n INSERT INTO s VALUES (2); SELECT COUNT(*) FROM s");
        assertEquals(4, ps.size());
        Result last = null;
        for (Prepared p : ps) {
            last = session.execute(p, new Object[0]);
        }
        try (RowCursor c = last.rows()) {
            assertTrue(c.next());
            assertEquals(2L, c.get(0));
        }
    }

    private static final Set<String> ALLOWED_STATES = Set.of("42000", "42S02", "42S01", "42S22", "23505", "23502",
            "22018", "22003", "22001", "22012", "07001", "22023");

    @Test
    void fuzzedSqlOnlyEverGivesSqlExceptionsAndTheSessionKeepsWorking() throws Exception {
        table();
        String[] seeds = {"SELECT * FROM kv WHERE k = 1", "INSERT INTO kv VALUES (7, 'x', 7)",
            "UPDATE kv SET n = n + 1 WHERE k BETWEEN 1 AND 2", "DELETE FROM kv WHERE v = 'zz'",
            "SELECT k, v FROM kv ORDER BY n DESC LIMIT 3 OFFSET 1", "CREATE TABLE f (a INT PRIMARY KEY, b VARCHAR(3))",
            "SELECT COUNT(*) FROM kv WHERE n IS NOT NULL OR v <> 'a'", "UPSERT INTO kv (k, v) VALUES (8, 'u')", "INSERT INTO kv SELECT * FROM kv WHERE k = 1",
            "SELECT x.k FROM kv x WHERE x.v = ? AND x.k IN (1, 2)", "UPDATE kv SET v = v || X'0a' WHERE k = 1; SELECT 1"};
        String alphabet = "SELECT*FROMWHEREkv=<>!()',;?0123456789 \"-+/|.NULLANDORNOTINBETWEEN\n\t\u00e9\u0000";
        Random r = new Random(42);
        for (int i = 0; i < 3000; i++) {
            String sql;
            if (r.nextBoolean()) {
                StringBuilder sb = new StringBuilder(seeds[r.nextInt(seeds.length)]);
                for (int m = 1 + r.nextInt(3); m > 0; m--) {
                    int pos = r.nextInt(sb.length() + 1);
                    switch (r.nextInt(3)) {
                        case 0 -> sb.insert(pos, alphabet.charAt(r.nextInt(alphabet.length())));
                        case 1 -> { if (pos < sb.length()) { sb.deleteCharAt(pos); } }
                        default -> { if (pos < sb.length()) { sb.setCharAt(pos, alphabet.charAt(r.nextInt(alphabet.length()))); } }
                    }
                }
                sql = sb.toString();
            } else {
                StringBuilder sb = new StringBuilder();
                for (int n = r.nextInt(40); n > 0; n--) {
                    sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
                sql = sb.toString();
            }
            try {
                Prepared p = session.prepare(sql);
                Object[] params = new Object[p.parameterCount()];
                for (int j = 0; j < params.length; j++) {
                    params[j] = r.nextBoolean() ? (Object) (long) r.nextInt(10) : "p" + j;
                }
                Result res = session.execute(p, params);
                if (res.isQuery()) {
                    try (RowCursor c = res.rows()) {
                        while (c.next()) {
                            c.get(0);
                        }
                    }
                }
                if (res.shutdown()) {
                    break;
                }
            } catch (SQLException e) {
                assertTrue(ALLOWED_STATES.contains(e.getSQLState()), sql + " -> " + e.getSQLState() + " " + e);
            }
        }
        assertEquals(1, query("SELECT COUNT(*) FROM kv").size(), "the session still works after the fuzz");
    }
}
