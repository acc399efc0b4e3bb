package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hash joins, nested loops, IN / NOT IN / EXISTS subqueries and INSERT ... SELECT past maxQueryMemory write their
 * rows to temporary files instead of failing with 53200 (SPEC §2 maxQueryMemory): each statement at a budget of a
 * few dozen rows gives the rows (as a multiset) the same statement gives at the default budget, files were written
 * while it ran, and none outlives it, whether it ends, is closed early, cancelled or fails.
 */
class SpillingJoinTest extends SqlTestBase {

    private static final int ROWS = 1200;
    /** A few dozen rows: every build side below spills, and a skewed key's partition is read in chunks. */
    private static final long TIGHT = 16 << 10;
    /** The prefix of the files joins and INSERT ... SELECT spill to. */
    private static final String PREFIX = "lsmdb-rows-";
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    private Session roomy;
    /** Spill files of other runs sharing the directory, there before the test. */
    private List<Path> before;

    @BeforeEach
    void noteFilesBefore() throws IOException {
        before = allSpillFiles();
    }

    @AfterEach
    void closeRoomy() {
        if (roomy != null) {
            roomy.close();
        }
    }

    private static final String[] WORDS = {"apple", "Äpfel", "zebra", "été", "日本語", "naïve", "", "a", "ab"};

    /** Tables a and b alike: k of a few rows per value, g of a few values (skew), s of a few words, NULLs. */
    private void fill(long seed) throws SQLException {
        Random r = new Random(seed);
        for (String t : List.of("a", "b")) {
            exec("CREATE TABLE " + t + " (id INT PRIMARY KEY, k INT, g INT, s VARCHAR(30), d DECIMAL(10,2))");
            exec("BEGIN");
            Prepared ins = session.prepare("INSERT INTO " + t + " VALUES (?, ?, ?, ?, ?)");
            for (int i = 0; i < ROWS; i++) {
                Object[] v = {i, r.nextInt(300), r.nextInt(4), WORDS[r.nextInt(WORDS.length)] + r.nextInt(3),
                    BigDecimal.valueOf(r.nextInt(20000) - 10000, 2)};
                for (int c = 1; c < v.length; c++) {
                    if (r.nextInt(10) == 0) {
                        v[c] = null;
                    }
                }
                session.execute(ins, v).rows();
            }
            exec("COMMIT");
        }
        roomy = db.openSession();
        session.setQueryMemory(TIGHT);
    }

    private static final String[] JOINS = {
        "SELECT a.id, b.id FROM a JOIN b ON a.k = b.k",
        "SELECT a.id, b.id, b.s FROM a LEFT JOIN b ON a.k = b.k",
        "SELECT a.*, b.* FROM a JOIN b ON a.k = b.k AND a.s <> b.s",
        "SELECT a.id, b.id FROM a LEFT JOIN b ON a.k = b.k AND b.d > a.d",
        "SELECT a.id, b.id FROM a JOIN b ON a.k = b.k AND a.g = b.g",
        "SELECT a.id, b.id FROM a LEFT JOIN b ON a.k + 1 = b.k AND a.g = b.g",
        "SELECT a.id, b.id FROM a RIGHT JOIN b ON a.k = b.k AND a.d < b.d",
        "SELECT a.id, b.k FROM a JOIN b ON a.s = b.s WHERE a.id < 40",
        // a key of four values: a partition is far past the budget and is read in chunks
        "SELECT x.id, b.id FROM (SELECT * FROM a WHERE id < 40) x JOIN b ON x.g = b.g",
        "SELECT x.id, b.id FROM (SELECT * FROM a WHERE id < 40) x LEFT JOIN b ON x.g = b.g AND b.id % 7 = x.id % 7",
        "SELECT x.id, b.id FROM (SELECT * FROM a WHERE id < 60) x LEFT JOIN b ON x.g = b.g AND b.d > 0",
        "SELECT a.id, b.id, c.id FROM a JOIN b ON a.k = b.k LEFT JOIN a c ON c.k = b.k + 1 AND c.g = 0",
        // not an equi-join: a nested loop, its other side in a file read again per row
        "SELECT x.id, b.id FROM (SELECT * FROM a WHERE id < 30) x JOIN b ON x.k < b.k AND b.g = 1",
        "SELECT x.id, b.id FROM (SELECT * FROM a WHERE id < 30) x LEFT JOIN b ON x.k > b.k + 280",
    };

    private static final String[] SUBQUERIES = {
        "SELECT id FROM a WHERE k IN (SELECT k FROM b)",
        "SELECT id FROM a WHERE s IN (SELECT s FROM b WHERE b.g = a.g)",
        // a key of four values over a large subquery: a partition is read in chunks
        "SELECT id FROM a WHERE g IN (SELECT b.g FROM b JOIN a c ON b.k = c.k)",
        "SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b JOIN a c ON b.k = c.k WHERE b.g = a.g AND c.s = a.s)",
        "SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.k = a.k AND b.g = a.g)",
        "SELECT id FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.k = a.k)",
        "SELECT id FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.s = a.s AND b.g = a.g)",
        // b.k holds NULLs: NOT IN is never true, so no rows
        "SELECT id FROM a WHERE k NOT IN (SELECT k FROM b)",
        "SELECT id FROM a WHERE k NOT IN (SELECT k FROM b WHERE k IS NOT NULL)",
        "SELECT id FROM a WHERE k NOT IN (SELECT k FROM b WHERE k IS NOT NULL AND k < 250)",
        "SELECT id FROM a WHERE g NOT IN (SELECT b.g FROM b WHERE b.k = a.k)",
        "SELECT id FROM a WHERE k NOT IN (SELECT k FROM b WHERE b.g = a.g)",
        "SELECT id FROM a WHERE d NOT IN (SELECT d FROM b WHERE b.s = a.s AND b.d IS NOT NULL)",
    };

    @Test
    void spilledJoinsEqualTheJoinsHeldInMemory() throws Exception {
        fill(42);
        for (String sql : JOINS) {
            assertSpillsAndMatches(sql);
        }
        assertEquals(List.of(), spillFiles(), "every spill file is deleted with its result");
    }

    @Test
    void spilledSubqueriesEqualTheSubqueriesHeldInMemory() throws Exception {
        fill(7);
        for (String sql : SUBQUERIES) {
            assertSpillsAndMatches(sql);
        }
        assertEquals(List.of(), query(session, "SELECT id FROM a WHERE k NOT IN (SELECT k FROM b)"),
                "NOT IN over a set holding NULL");
        assertEquals(List.of(), spillFiles(), "every spill file is deleted with its result");
    }

    /** Random mixes of the joins' shapes over other data: the same multiset of rows. */
    @Test
    void randomSpilledJoinsEqualTheJoinsHeldInMemory() throws Exception {
        fill(1234);
        Random r = new Random(99);
        String[] cols = {"k", "g", "s", "d"};
        String[] extra = {"", " AND a.d < b.d", " AND a.s <> b.s", " AND (a.g = b.g OR b.g IS NULL)",
            " AND b.id % 3 = 0"};
        for (int q = 0; q < 12; q++) {
            String key = r.nextBoolean() ? "k" : cols[r.nextInt(cols.length)];
            String left = r.nextBoolean() ? "a" : "(SELECT * FROM a WHERE id < " + (20 + r.nextInt(60)) + ") a";
            String sql = "SELECT a.id, b.id, b." + cols[r.nextInt(cols.length)] + " FROM " + left
                    + (r.nextBoolean() ? " LEFT" : "") + " JOIN b ON a." + key + " = b." + key
                    + extra[r.nextInt(extra.length)];
            assertSpillsAndMatches(sql);
        }
        assertEquals(List.of(), spillFiles());
    }

    /** The statement in the tight session: it wrote spill files, and its rows are the roomy session's. */
    private void assertSpillsAndMatches(String sql) throws Exception {
        List<List<Object>> expected = sorted(query(roomy, sql));
        List<List<Object>> actual;
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            TMP.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            actual = sorted(query(session, sql));
            assertTrue(created(watch) > 0, "spill files were written: " + sql + "\n" + explain(sql));
        }
        assertEquals(expected.size(), actual.size(), sql);
        assertEquals(expected, actual, sql);
        assertEquals(List.of(), spillFiles(), sql);
    }

    /** INSERT ... SELECT past the budget inserts what it does within it, from another table and from its own. */
    @Test
    void insertSelectSpillsAndInsertsEveryRow() throws Exception {
        fill(5);
        for (String t : List.of("c1", "c2")) {
            exec("CREATE TABLE " + t + " (id INT PRIMARY KEY, k INT, g INT, s VARCHAR(30), d DECIMAL(10,2))");
        }
        String select = " SELECT a.id * 10000 + b.id, a.k, b.g, a.s, b.d FROM a JOIN b ON a.k = b.k";
        assertEquals(exec(roomy, "INSERT INTO c1" + select), insertSpilling("INSERT INTO c2" + select));
        assertEquals(query(roomy, "SELECT * FROM c1 ORDER BY id"), query(roomy, "SELECT * FROM c2 ORDER BY id"));
        assertTrue(query(roomy, "SELECT COUNT(*) FROM c2").get(0).get(0).toString().compareTo("0") > 0);

        // from its own table: the rows it inserts are not read again
        exec(roomy, "DELETE FROM c1");
        exec(roomy, "INSERT INTO c1 SELECT * FROM a");
        String self = "SELECT id + 100000, k, g, s || '+', d FROM ";
        assertEquals(ROWS, exec(roomy, "INSERT INTO c1 " + self + "c1"));
        assertEquals(ROWS, insertSpilling("INSERT INTO a " + self + "a"));
        assertEquals(query(roomy, "SELECT * FROM c1 ORDER BY id"), query(roomy, "SELECT * FROM a ORDER BY id"));
        // and in a transaction, whose reads see its own writes
        exec("BEGIN");
        assertEquals(2 * ROWS, insertSpilling("INSERT INTO a SELECT id + 200000, k, g, s, d FROM a"));
        exec("COMMIT");
        assertEquals(List.of(row(4L * ROWS)), numbersAsLongs(query("SELECT COUNT(*) FROM a")));
        assertEquals(List.of(), spillFiles());
    }

    /** The update count of {@code sql} in the tight session, asserting it wrote spill files. */
    private long insertSpilling(String sql) throws Exception {
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            TMP.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            long n = exec(sql);
            assertTrue(created(watch) > 0, "spill files were written: " + sql);
            assertEquals(List.of(), spillFiles(), sql);
            return n;
        }
    }

    /** A failing INSERT ... SELECT past the budget deletes its file; the table is as it was. */
    @Test
    void failedInsertSelectLeavesNoFile() throws Exception {
        fill(17);
        List<List<Object>> before = query("SELECT * FROM a ORDER BY id");
        fails("23505", "INSERT INTO a SELECT id + 1199, k, g, s, d FROM a");
        fails("22012", "INSERT INTO a SELECT id + 5000, k / (id - 1100), g, s, d FROM a");
        assertEquals(before, query("SELECT * FROM a ORDER BY id"));
        assertEquals(List.of(), spillFiles());
    }

    /** A result closed early or cancelled mid-way, or a join failing mid-way, leaves no spill file. */
    @Test
    void closedCancelledOrFailedJoinsLeaveNoFile() throws Exception {
        fill(11);
        for (String sql : List.of(JOINS[0], JOINS[8], JOINS[12], SUBQUERIES[2], SUBQUERIES[5], SUBQUERIES[9])) {
            RowCursor c = session.execute(session.prepare(sql), new Object[0]).rows();
            try {
                assertTrue(c.next(), sql);
                assertFalse(spillFiles().isEmpty(), "spill files while reading: " + sql);
            } finally {
                c.close();
            }
            assertEquals(List.of(), spillFiles(), "closed early: " + sql);

            RowCursor d = session.execute(session.prepare(sql), new Object[0]).rows();
            try {
                assertTrue(d.next(), sql);
                assertFalse(spillFiles().isEmpty(), "spill files while reading: " + sql);
                session.cancel();
                SQLException e = assertThrows(SQLException.class, () -> {
                    while (d.next()) {
                        d.get(0);
                    }
                }, sql);
                assertEquals("57014", e.getSQLState(), e.getMessage());
                assertEquals(List.of(), spillFiles(), "cancelled: " + sql);
            } finally {
                d.close();
            }
        }
        fails("22012", "SELECT a.id, b.id FROM a JOIN b ON a.k = b.k AND 1 / (b.id - 1100) > -5");
        fails("22012", "SELECT id FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.k = a.k) AND 1 / (id - 1100) > 0");
        assertEquals(List.of(), spillFiles(), "failed");
        assertEquals(10, query("SELECT id FROM a WHERE id < 10").size(), "the session goes on");
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing(Object::toString));
        return out;
    }

    /** How many spill files the watched directory saw made. */
    private static int created(WatchService watch) {
        int n = 0;
        for (WatchKey key; (key = watch.poll()) != null; key.reset()) {
            for (WatchEvent<?> e : key.pollEvents()) {
                if (e.kind() == StandardWatchEventKinds.OVERFLOW) {
                    throw new AssertionError("too many files made in " + TMP + " to tell");
                }
                if (e.context().toString().startsWith(PREFIX)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The spill files made since the test began. */
    private List<Path> spillFiles() throws IOException {
        List<Path> now = allSpillFiles();
        now.removeAll(before);
        return now;
    }

    private static List<Path> allSpillFiles() throws IOException {
        try (Stream<Path> files = Files.list(TMP)) {
            return files.filter(p -> p.getFileName().toString().startsWith(PREFIX)).collect(Collectors.toList());
        }
    }
}
