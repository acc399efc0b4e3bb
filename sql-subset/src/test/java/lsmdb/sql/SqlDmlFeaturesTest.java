package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DEFAULT values, RETURNING and ON CONFLICT DO UPDATE (SPEC §3.1, §3.3). */
class SqlDmlFeaturesTest extends SqlTestBase {

    @Test
    void defaultsFillLeftOutColumns() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, n INT DEFAULT -1 NOT NULL, s VARCHAR(10) DEFAULT 'x y',"
                + " c TIMESTAMP DEFAULT CURRENT_TIMESTAMP, d DECIMAL(10,2) DEFAULT (1.5), b BOOLEAN DEFAULT TRUE,"
                + " z INT DEFAULT NULL)");
        exec("INSERT INTO t (id) VALUES (1)");
        List<List<Object>> r = query("SELECT n, s, d, b, z FROM t");
        assertEquals(List.of(row(-1, "x y", new java.math.BigDecimal("1.50"), true, null)), r);
        Object c = query("SELECT c FROM t").get(0).get(0);
        assertInstanceOf(Timestamp.class, c);
        assertTrue(Math.abs(((Timestamp) c).getTime() - System.currentTimeMillis()) < 60_000);
        // An explicit value wins; DEFAULT in VALUES means the default; a named column without DEFAULT gets NULL.
        exec("INSERT INTO t (id, n, s) VALUES (2, 7, DEFAULT)");
        exec("INSERT INTO t VALUES (3, DEFAULT, 'q', DEFAULT, DEFAULT, FALSE, DEFAULT)");
        assertEquals(List.of(row(2, 7, "x y"), row(3, -1, "q")), query("SELECT id, n, s FROM t WHERE id > 1 ORDER BY id"));
        // UPDATE ... SET c = DEFAULT
        exec("UPDATE t SET n = DEFAULT WHERE id = 2");
        assertEquals(List.of(row(-1)), query("SELECT n FROM t WHERE id = 2"));
    }

    @Test
    void insertSelectGetsDefaultsAndIdentities() throws Exception {
        exec("CREATE TABLE src (x INT PRIMARY KEY)");
        exec("INSERT INTO src VALUES (10), (20)");
        exec("CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, x INT, tag VARCHAR(5) DEFAULT 'new')");
        assertEquals(List.of(row(1, 10, "new"), row(2, 20, "new")),
                query("INSERT INTO t (x) SELECT x FROM src ORDER BY x RETURNING *"));
    }

    @Test
    void defaultValuesStatement() throws Exception {
        exec("CREATE TABLE t (id BIGINT AUTO_INCREMENT PRIMARY KEY, n INT DEFAULT 5)");
        exec("INSERT INTO t DEFAULT VALUES");
        exec("INSERT INTO t DEFAULT VALUES");
        assertEquals(List.of(row(1L, 5), row(2L, 5)), query("SELECT id, n FROM t ORDER BY id"));
    }

    @Test
    void defaultsSurviveReopenAndNotNullStays() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, n INT NOT NULL DEFAULT 3, m INT NOT NULL)");
        reopen();
        exec("INSERT INTO t (id, m) VALUES (1, 1)");
        assertEquals(List.of(row(3)), query("SELECT n FROM t"));
        fails("23502", "INSERT INTO t (id) VALUES (2)");
        fails("23502", "INSERT INTO t (id, n, m) VALUES (2, NULL, 1)");
    }

    @Test
    void badDefaultsAreRefused() throws Exception {
        fails("22018", "CREATE TABLE t (id INT PRIMARY KEY, n INT DEFAULT 'abc')");
        fails("42000", "CREATE TABLE t (id INT PRIMARY KEY, n INT DEFAULT (1 + id))");
        fails("42000", "CREATE TABLE t (id INT PRIMARY KEY, n INT DEFAULT (SELECT 1))");
        fails("42000", "CREATE TABLE t (id INT PRIMARY KEY, n INT DEFAULT UPPER)");
        fails("42000", "CREATE TABLE t (id INT PRIMARY KEY, n INT DEFAULT 1 AUTO_INCREMENT)");
        fails("42000", "CREATE TABLE t (id VARCHAR(5) AUTO_INCREMENT, n INT)");
        fails("42000", "CREATE TABLE t (id INT AUTO_INCREMENT, n INT IDENTITY)");
        fails("42S02", "SELECT * FROM t");
        // A constant expression is folded once, as ALTER TABLE's DEFAULT is (H2 accepts it too).
        exec("CREATE TABLE t (id INT PRIMARY KEY, n INT DEFAULT (1 + 2))");
        exec("INSERT INTO t (id) VALUES (1)");
        assertEquals(List.of(row(3)), query("SELECT n FROM t"));
    }

    @Test
    void returningGivesChangedRows() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, v INT, s VARCHAR(5) DEFAULT 'd')");
        assertEquals(List.of(row(1, 10, "d"), row(2, 20, "d")),
                query("INSERT INTO t (id, v) VALUES (1, 10), (2, 20) RETURNING *"));
        assertEquals(List.of(row(2L, 11), row(4L, 21)),
                query("UPDATE t SET v = v + 1 RETURNING id * 2 AS twice, v"));
        Result r = session.execute(session.prepare("UPDATE t SET v = 0 WHERE id = 1 RETURNING v AS x"), new Object[0]);
        assertTrue(r.isQuery());
        assertEquals("X", r.rows().columns().get(0).name());
        r.rows().close();
        assertEquals(List.of(row(1, "d")), query("DELETE FROM t WHERE id = ? RETURNING id, s", 1));
        assertEquals(List.of(row(2)), query("SELECT id FROM t"));
        assertTrue(session.prepare("DELETE FROM t RETURNING id").isQuery());
        assertEquals(List.of(), query("DELETE FROM t WHERE id = 99 RETURNING id"));
        fails("42S22", "DELETE FROM t RETURNING nope");
    }

    @Test
    void returningInATransactionAndWithParameters() throws Exception {
        exec("CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10))");
        session.setAutoCommit(false);
        assertEquals(List.of(row(1, "a"), row(2, "b")), query("INSERT INTO t (v) VALUES (?), (?) RETURNING id, v", "a", "b"));
        session.rollback();
        // Rolled-back identity values are not handed out again.
        assertEquals(List.of(row(3)), query("INSERT INTO t (v) VALUES ('c') RETURNING id"));
        session.commit();
        assertEquals(List.of(row(3, "c")), query("SELECT * FROM t"));
    }

    @Test
    void onConflictDoUpdateOnThePrimaryKey() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, v INT, hits INT DEFAULT 1)");
        exec("CREATE INDEX t_v ON t (v)");
        exec("INSERT INTO t (id, v) VALUES (1, 10), (2, 20)");
        long n = exec("INSERT INTO t (id, v) VALUES (1, 11), (3, 30) ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v,"
                + " hits = t.hits + 1");
        assertEquals(2, n);
        assertEquals(List.of(row(1, 11, 2), row(2, 20, 1), row(3, 30, 1)), query("SELECT * FROM t ORDER BY id"));
        // The secondary index follows the update: the old value is gone from it, the new one found through it.
        assertEquals(List.of(), query("SELECT id FROM t WHERE v = 10"));
        assertEquals(List.of(row(1)), query("SELECT id FROM t WHERE v = 11"));
        assertTrue(String.valueOf(query("EXPLAIN SELECT id FROM t WHERE v = 11")).contains("INDEX T_V"));
        // WHERE decides which conflicting rows are updated; the others are left as they are.
        n = exec("INSERT INTO t (id, v) VALUES (1, 99), (2, 99) ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v"
                + " WHERE t.v < 15");
        assertEquals(1, n);
        assertEquals(List.of(row(1, 99), row(2, 20)), query("SELECT id, v FROM t WHERE id < 3 ORDER BY id"));
        assertEquals(List.of(row(1, 99)),
                query("INSERT INTO t (id, v) VALUES (1, 5) ON CONFLICT (id) DO UPDATE SET hits = 0 RETURNING id, v"));
    }

    @Test
    void onConflictDoUpdateOnAUniqueIndexKeepsUniqueness() throws Exception {
        exec("CREATE TABLE u (id INT PRIMARY KEY, email VARCHAR(20) UNIQUE, name VARCHAR(20))");
        exec("INSERT INTO u VALUES (1, 'a@x', 'A'), (2, 'b@x', 'B')");
        exec("INSERT INTO u VALUES (9, 'a@x', 'A2') ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name");
        assertEquals(List.of(row(1, "a@x", "A2"), row(2, "b@x", "B")), query("SELECT * FROM u ORDER BY id"));
        // Updating into another row's unique value fails as UPDATE would, and writes nothing.
        fails("23505", "INSERT INTO u VALUES (9, 'a@x', 'z') ON CONFLICT (email) DO UPDATE SET email = 'b@x'");
        // A conflict on something other than the target still fails.
        fails("23505", "INSERT INTO u VALUES (1, 'new@x', 'z') ON CONFLICT (email) DO UPDATE SET name = 'n'");
        // Changing the unique column moves its index entry.
        exec("INSERT INTO u VALUES (9, 'a@x', 'z') ON CONFLICT (email) DO UPDATE SET email = 'c@x'");
        assertEquals(List.of(row(1)), query("SELECT id FROM u WHERE email = 'c@x'"));
        exec("INSERT INTO u VALUES (3, 'a@x', 'fresh')");
        assertEquals(3L, (long) query("SELECT COUNT(*) FROM u").get(0).get(0));
    }

    @Test
    void onConflictDoUpdateOnATableWithoutKey() throws Exception {
        exec("CREATE TABLE k (code VARCHAR(5), n INT)");
        exec("CREATE UNIQUE INDEX k_code ON k (code)");
        for (int i = 0; i < 3; i++) {
            exec("INSERT INTO k VALUES ('a', 1) ON CONFLICT (code) DO UPDATE SET n = k.n + EXCLUDED.n");
        }
        assertEquals(List.of(row("a", 3)), query("SELECT * FROM k"));
    }

    @Test
    void onConflictErrors() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        fails("42000", "INSERT INTO t VALUES (1, 1) ON CONFLICT (v) DO UPDATE SET v = 2");
        fails("42000", "INSERT INTO t VALUES (1, 1) ON CONFLICT DO UPDATE SET v = 2");
        fails("42S22", "INSERT INTO t VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET nope = 2");
        fails("42S22", "INSERT INTO t VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.nope");
        exec("INSERT INTO t VALUES (1, 1)");
        fails("23502", "INSERT INTO t VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET id = NULL");
        exec("INSERT INTO t VALUES (2, 2)");
        fails("23505", "INSERT INTO t VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET id = 2");
        exec("INSERT INTO t VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET id = 5");
        assertEquals(List.of(row(2, 2), row(5, 1)), query("SELECT * FROM t ORDER BY id"));
    }

    @Test
    void formsNotImplementedAreRefusedByName() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        exec("CREATE UNIQUE INDEX t_v ON t (v)");
        fails("42000", "INSERT INTO t VALUES (1, 1) ON CONFLICT ON CONSTRAINT t_v DO UPDATE SET v = 2");
        fails("42000", "INSERT INTO t VALUES (1, 1) ON CONFLICT (v) WHERE v > 0 DO UPDATE SET v = 2");
        fails("42000", "DELETE FROM t RETURNING id INTO x");
        fails("42000", "INSERT INTO t OVERRIDING SYSTEM VALUE VALUES (1, 1)");
        fails("42000", "UPSERT INTO t VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET v = 2");
        fails("42000", "CREATE TABLE d (id INT PRIMARY KEY, n INT DEFAULT (SELECT 1))");
        exec("CREATE TABLE n (id INT PRIMARY KEY, at TIMESTAMP DEFAULT NOW())");
        exec("INSERT INTO n (id) VALUES (1)");
        assertEquals(1L, (long) query("SELECT COUNT(at) FROM n").get(0).get(0));
    }

    @Test
    void generatedKeysThroughTheSession() throws Exception {
        exec("CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v VARCHAR(5))");
        Result r = session.execute(session.prepare("INSERT INTO t (v) VALUES ('a'), ('b')"), new Object[0],
                KeyRequest.AUTO);
        assertEquals(2, r.updateCount());
        assertNotNull(r.keys());
        assertEquals("ID", r.keys().columns().get(0).name());
        List<Object> ids = new ArrayList<>();
        for (Object[] k : r.keys().rows()) {
            ids.add(k[0]);
        }
        assertEquals(List.of(1L, 2L), ids);
        r = session.execute(session.prepare("INSERT INTO t (v) VALUES ('c')"), new Object[0],
                new KeyRequest(null, new String[] {"v", "ID"}));
        assertEquals("c", r.keys().rows().get(0)[0]);
        assertEquals(3L, r.keys().rows().get(0)[1]);
        assertEquals(List.of(2), List.of(new KeyRequest(new int[] {2}, null).columnIndexes()[0]));
        SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () ->
                session.execute(session.prepare("INSERT INTO t (v) VALUES ('d')"), new Object[0],
                        new KeyRequest(new int[] {7}, null)));
        assertEquals("22023", e.getSQLState());
    }

    @Test
    void generatedKeysWithoutIdentityAreThePrimaryKey() throws Exception {
        exec("CREATE TABLE t (a INT, b VARCHAR(3), v INT, PRIMARY KEY (a, b))");
        Result r = session.execute(session.prepare("INSERT INTO t VALUES (1, 'x', 0)"), new Object[0], KeyRequest.AUTO);
        assertEquals(2, r.keys().columns().size());
        assertEquals(1, r.keys().rows().get(0)[0]);
        assertEquals("x", r.keys().rows().get(0)[1]);
    }
}
