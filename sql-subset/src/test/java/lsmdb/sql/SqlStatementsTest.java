package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every statement form of SPEC §3, with NULLs, types and key order. */
class SqlStatementsTest extends SqlTestBase {

    @Test
    void createInsertSelectUpdateDelete() throws Exception {
        exec("CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(100))");
        assertEquals(1, exec("INSERT INTO kv (k, v) VALUES (?, ?)", 1L, "one"));
        assertEquals(2, exec("INSERT INTO kv VALUES (2, 'two'), (3, NULL)"));
        assertEquals(List.of(row(1L, "one"), row(2L, "two"), row(3L, null)), query("SELECT * FROM kv"));
        assertEquals(List.of(row("two")), query("SELECT v FROM kv WHERE k = ?", 2L));
        assertEquals(1, exec("UPDATE kv SET v = v || '!' WHERE k = 2"));
        assertEquals(List.of(row("two!")), query("select V from KV where K = 2"));
        assertEquals(1, exec("DELETE FROM kv WHERE v IS NULL"));
        assertEquals(List.of(row(2L)), query("SELECT COUNT(*) FROM kv"));
        assertEquals(1, exec("UPSERT INTO kv VALUES (1, 'uno')"));
        assertEquals(List.of(row("uno")), query("SELECT v FROM kv WHERE k = 1"));
        assertEquals(1, exec("REPLACE INTO kv VALUES (1, 'ein')"), "SQLite's REPLACE INTO is UPSERT");
        assertEquals(1, exec("insert or replace into kv (k, v) values (4, 'vier')"));
        assertEquals(1, exec("INSERT OR REPLACE INTO kv VALUES (4, 'four')"));
        assertEquals(List.of(row(1L, "ein"), row(2L, "two!"), row(4L, "four")), query("SELECT * FROM kv"));
        exec("DROP TABLE kv");
        fails("42S02", "SELECT * FROM kv");
        exec("DROP TABLE IF EXISTS kv");
        exec("CREATE TABLE IF NOT EXISTS kv (k INT PRIMARY KEY)");
        exec("CREATE TABLE IF NOT EXISTS kv (k INT PRIMARY KEY)");
        assertEquals(List.of(), query("SELECT * FROM kv"), "a dropped table's rows are gone");
    }

    @Test
    void keyOrderIsNaturalForNumbersAndStrings() throws Exception {
        exec("CREATE TABLE n (k INTEGER PRIMARY KEY)");
        exec("INSERT INTO n VALUES (5), (-3), (0), (-100), (2147483647), (-2147483648)");
        assertEquals(List.of(row(-2147483648), row(-100), row(-3), row(0), row(5), row(2147483647)),
                query("SELECT k FROM n"));
        assertEquals(List.of(row(5), row(0), row(-3)), query("SELECT k FROM n WHERE k BETWEEN -3 AND 5 ORDER BY k DESC"));
        exec("CREATE TABLE s (k VARCHAR PRIMARY KEY)");
        exec("INSERT INTO s VALUES ('ab'), ('a'), ('b'), ('é'), ('abc'), ('')");
        assertEquals(List.of(row(""), row("a"), row("ab"), row("abc"), row("b"), row("é")), query("SELECT k FROM s"));
        assertEquals(List.of(row("ab"), row("abc")), query("SELECT k FROM s WHERE k >= 'ab' AND k < 'b'"));
        exec("CREATE TABLE d (k DOUBLE PRIMARY KEY)");
        exec("INSERT INTO d VALUES (1.5), (-2.25), (0), (-0.5), (1e10)");
        assertEquals(List.of(row(-2.25), row(-0.5), row(0.0), row(1.5), row(1e10)), query("SELECT * FROM d"));
        exec("CREATE TABLE m (k DECIMAL(10,2) PRIMARY KEY)");
        exec("INSERT INTO m VALUES (10.5), (-3.25), (0), (-100), (2)");
        assertEquals(List.of(row(new BigDecimal("-100.00")), row(new BigDecimal("-3.25")), row(new BigDecimal("0.00")),
                row(new BigDecimal("2.00")), row(new BigDecimal("10.50"))), query("SELECT k FROM m"));
    }

    @Test
    void everyTypeRoundTrips() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, b BIGINT, d DOUBLE, f BOOLEAN, s VARCHAR(5), c CHAR(3), "
                + "x VARBINARY, ts TIMESTAMP, dt DATE, m DECIMAL(8,3), dd DECIMAL)");
        exec("INSERT INTO t VALUES (1, 9000000000, 2.5, TRUE, 'héllo', 'ab', X'0aff', TIMESTAMP '2026-01-31 12:00:00', "
                + "DATE '2026-01-31', 12.5, 1.25)");
        exec("INSERT INTO t VALUES (2, NULL, NULL, NULL, NULL, NULL, NULL, '2026-02-01 01:02:03.5', '2026-02-01', NULL, NULL)");
        List<List<Object>> rows = query("SELECT * FROM t ORDER BY id");
        assertEquals(row(1, 9000000000L, 2.5, true, "héllo", "ab", "[10, -1]",
                Timestamp.valueOf("2026-01-31 12:00:00"), Date.valueOf("2026-01-31"), new BigDecimal("12.500"),
                new BigDecimal("1.2500000000")), rows.get(0));
        assertEquals(row(2, null, null, null, null, null, null, Timestamp.valueOf("2026-02-01 01:02:03.5"),
                Date.valueOf("2026-02-01"), null, null), rows.get(1));
        fails("22001", "INSERT INTO t (id, s) VALUES (3, 'toolong')");
        fails("22003", "INSERT INTO t (id) VALUES (3000000000)");
        fails("22018", "INSERT INTO t (id, b) VALUES (3, 'abc')");
        fails("22003", "INSERT INTO t (id, m) VALUES (3, 123456.5)");
        fails("22018", "INSERT INTO t (id, dt) VALUES (3, 'not a date')");
    }

    @Test
    void wherePredicatesOnOtherColumnsFilter() throws Exception {
        exec("CREATE TABLE p (k INT PRIMARY KEY, a INT, s VARCHAR)");
        for (int i = 0; i < 50; i++) {
            exec("INSERT INTO p VALUES (?, ?, ?)", i, i % 7, i % 2 == 0 ? "even" : null);
        }
        assertEquals(7, query("SELECT k FROM p WHERE a = 3").size());
        assertEquals(25, query("SELECT k FROM p WHERE s IS NULL").size());
        assertEquals(43, query("SELECT k FROM p WHERE NOT a = 3").size());
        assertEquals(List.of(row(4), row(6)), query("SELECT k FROM p WHERE (a = 4 OR a = 6) AND k < 10 AND s <> 'odd'"));
        assertEquals(List.of(row(10), row(20)), query("SELECT k FROM p WHERE k IN (20, 10, 99)"));
        assertEquals(List.of(row(49), row(48)), query("SELECT k FROM p ORDER BY k DESC LIMIT 2"));
        assertEquals(List.of(row(2), row(3)), query("SELECT k FROM p LIMIT ? OFFSET ?", 2, 2));
        assertEquals(List.of(row(0), row(7)), query("SELECT k FROM p WHERE a = 0 ORDER BY a LIMIT 2"));
        assertEquals(List.of(row(6, 6L)), query("SELECT k, a * 2 / 2 FROM p WHERE k = 6"));
        fails("22012", "SELECT k / 0 FROM p WHERE k = 1");
        assertEquals(List.of(row(3L)), query("SELECT 7 / 2 FROM p WHERE k = 1"), "integer division truncates");
    }

    @Test
    void persistsAcrossReopen() throws Exception {
        exec("CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(100))");
        for (long i = 0; i < 3000; i++) {
            exec("INSERT INTO kv VALUES (?, ?)", i, "value-" + i + "-".repeat(40));
        }
        reopen();
        assertEquals(List.of(row(3000L)), query("SELECT COUNT(*) FROM kv"));
        assertEquals(List.of(row("value-1234" + "-".repeat(40))), query("SELECT v FROM kv WHERE k = 1234"));
        assertTrue(db.tables().stream().anyMatch(t -> t.name().equals("KV")));
    }
}
