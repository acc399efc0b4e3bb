package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A full scan filtered by {@code col LIKE pattern} steps over rows whose stored bytes lack the pattern's fixed
 * prefix before decoding them: every answer equals the same filter on an expression ({@code col || ''}), which the
 * scan cannot look into.
 */
class LikePrefixScanTest extends SqlTestBase {

    private static final String[] PATTERNS = {"ab%", "a_c%", "%b", "", "é%", "éx%", "abc", "%", "a%c", "zz%", "AB%",
        "a%", "ab"};

    private void check(String table) throws Exception {
        for (String p : PATTERNS) {
            for (String where : new String[] {"name LIKE ?", "name NOT LIKE ?", "name LIKE ? AND id > 10",
                "grp = 2 AND name LIKE ?"}) {
                String forced = where.replace("name", "name || ''");
                assertEquals(query("SELECT COUNT(*), MIN(id), MAX(name) FROM " + table + " WHERE " + forced, p),
                        query("SELECT COUNT(*), MIN(id), MAX(name) FROM " + table + " WHERE " + where, p),
                        table + ": " + where + " with " + p);
            }
        }
        // a pattern that is not a string: no prefix is taken from it
        assertEquals(query("SELECT COUNT(*) FROM " + table + " WHERE name || '' LIKE ?", 5),
                query("SELECT COUNT(*) FROM " + table + " WHERE name LIKE ?", 5));
    }

    @Test
    void skippedRowsAreExactlyTheOnesThatCannotMatch() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, grp INT, note VARCHAR(10), name VARCHAR(12), tail VARCHAR(5))");
        Random r = new Random(3);
        for (int i = 0; i < 300; i++) {
            String name = randomName(r);
            exec("INSERT INTO t VALUES (?, ?, ?, ?, ?)", i, r.nextInt(4), r.nextInt(3) == 0 ? null : "n" + i, name,
                    r.nextBoolean() ? null : "x");
        }
        check("t");
        // a key column is never skipped by its stored bytes (the row key holds it)
        exec("CREATE TABLE k (name VARCHAR(12) PRIMARY KEY, id INT, grp INT)");
        exec("INSERT INTO k SELECT name, MIN(id), MIN(grp) FROM t WHERE name IS NOT NULL GROUP BY name");
        check("k");
        // a table changed by ALTER keeps its rows in an older layout: read as before
        exec("ALTER TABLE t ADD COLUMN extra INT");
        exec("INSERT INTO t VALUES (1000, 1, 'n', 'abz', 'y', 5)");
        check("t");
    }

    /** A name that may or may not start with the prefixes the checks try (multi-byte, upper case, empty), or null. */
    private static String randomName(Random r) {
        String[] starts = {"ab", "abc", "a", "é", "éx", "", "AB", "5", "zz"};
        return r.nextInt(10) == 0 ? null : starts[r.nextInt(starts.length)] + (char) ('a' + r.nextInt(4))
                + (r.nextBoolean() ? "c" : "");
    }

    /**
     * Enough rows that most of them are read from table blocks, not from the memtable; the LIKE column follows the
     * key, so a block judges each row from its head (as one word) without the row's other columns.
     */
    @Test
    void rowsInTableBlocksAreSkippedExactly() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(12), grp INT, note VARCHAR(10), tail VARCHAR(5))");
        Random r = new Random(5);
        for (int i = 0; i < 4000; i++) {
            String name = randomName(r);
            exec("INSERT INTO t VALUES (?, ?, ?, ?, ?)", i, name, r.nextInt(4), r.nextInt(3) == 0 ? null : "n" + i,
                    r.nextBoolean() ? null : "x");
        }
        reopen();
        check("t");
    }

    /**
     * Inside a transaction the scan merges the engine's rows with buffered inserts, updates and deletes: the
     * skipped rows and the rows read are still exactly right, whichever side an entry comes from.
     */
    @Test
    void bufferedWritesOfATransactionAreSkippedAndReadExactly() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, grp INT, note VARCHAR(10), name VARCHAR(12), tail VARCHAR(5))");
        Random r = new Random(11);
        String[] starts = {"ab", "abc", "a", "é", "zz", "AB"};
        for (int i = 0; i < 200; i += 2) {
            exec("INSERT INTO t VALUES (?, ?, 'n', ?, NULL)", i, r.nextInt(4), starts[r.nextInt(starts.length)] + i);
        }
        exec("BEGIN");
        for (int i = 1; i < 200; i += 4) {
            exec("INSERT INTO t VALUES (?, ?, NULL, ?, 'x')", i, r.nextInt(4), starts[r.nextInt(starts.length)] + i);
        }
        for (int i = 0; i < 200; i += 6) {
            exec("UPDATE t SET name = ? WHERE id = ?", starts[r.nextInt(starts.length)] + "u", i);
        }
        for (int i = 2; i < 200; i += 10) {
            exec("DELETE FROM t WHERE id = ?", i);
        }
        check("t");
        exec("ROLLBACK");
        check("t");
    }
}
