package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The last holders of rows that maxQueryMemory (SPEC §2) did not count: an IN (SELECT ...) left as an expression
 * (under OR or CASE, in a select list, correlated) fails with 53200 past the budget, as it cannot spill, and works
 * within the default one; a streamed GROUP BY whose group's DISTINCT values outgrow the budget spills that group and
 * answers the rows it held in memory would, in the same order. No spill file outlives a statement, and the session
 * goes on.
 */
class InSubqueryAndStreamDistinctMemoryTest extends SqlTestBase {

    private static final int ROWS = 3000;
    private static final long TIGHT = 16 << 10;
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));
    /** What sorts' (and so a spilled grouping's) files start with (exec.SortRuns.PREFIX). */
    private static final String SORT_PREFIX = "lsmdb-sort-";
    /** What joins' and subqueries' spill files start with (exec.SpillFile.PREFIX). */
    private static final String ROWS_PREFIX = "lsmdb-rows-";

    private Session roomy;
    /** Spill files of other runs sharing the directory, there before the test. */
    private List<Path> before;

    /**
     * t: g of three big groups (their rows first) then a hundred groups of one row; (g, id) its key, so GROUP BY g
     * streams. s, d and f of many values each, some NULL.
     */
    @BeforeEach
    void fill() throws Exception {
        before = spillFiles();
        exec("CREATE TABLE t (g INT, id INT, s VARCHAR(40), d DECIMAL(12,3), f DOUBLE, PRIMARY KEY (g, id))");
        Random r = new Random(17);
        exec("BEGIN");
        Prepared ins = session.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)");
        for (int i = 0; i < ROWS; i++) {
            Object[] v = {i < ROWS - 100 ? i % 3 : i, i, "word " + r.nextInt(ROWS),
                BigDecimal.valueOf(r.nextInt(4000) - 2000, r.nextInt(3)), (r.nextInt(2000) - 1000) / 4.0};
            for (int c = 2; c < v.length; c++) {
                if (r.nextInt(10) == 0) {
                    v[c] = null;
                }
            }
            session.execute(ins, v).rows();
        }
        exec("COMMIT");
        roomy = db.openSession();
        session.setQueryMemory(TIGHT);
    }

    @AfterEach
    void closeRoomy() {
        if (roomy != null) {
            roomy.close();
        }
    }

    /** IN subqueries the planner cannot make semi-joins: 53200 past the budget, the same rows within the default. */
    @Test
    void inSubqueriesLeftAsExpressionsFailWith53200PastTheBudget() throws Exception {
        String[] tooBig = {
            "SELECT id FROM t WHERE id < 5 OR s IN (SELECT s FROM t WHERE id > 10)",
            "SELECT id, s NOT IN (SELECT s FROM t) FROM t",
            "SELECT CASE WHEN d IN (SELECT d FROM t WHERE g = 1) THEN id END FROM t",
            "SELECT id FROM t WHERE id < 5 OR s IN (SELECT DISTINCT s FROM t)", // its DISTINCT spills first
            // correlated: each outer row's set outgrows the budget
            "SELECT id FROM t a WHERE a.id < 5 OR a.s IN (SELECT b.s FROM t b WHERE b.g = a.g AND b.id <> a.id)",
        };
        for (String sql : tooBig) {
            SQLException e = fails("53200", sql);
            assertTrue(e.getMessage().contains("IN (SELECT ...)"), e.getMessage());
            assertTrue(query(roomy, sql).size() > 0, sql);
            assertEquals(before, spillFiles(), "the failed statement left no spill file: " + sql);
        }
        assertEquals(10, query("SELECT id FROM t WHERE id < 10").size(), "the session goes on");
    }

    /** IN subqueries whose sets fit: the same rows; a correlated one's sets are given back row by row. */
    @Test
    void inSubqueriesWithinTheBudgetAnswerAsBefore() throws Exception {
        for (String sql : new String[] {
            "SELECT id FROM t WHERE id < 5 OR id IN (SELECT id * 7 FROM t WHERE id < 60)",
            "SELECT id, g NOT IN (SELECT g FROM t WHERE id < 50) FROM t WHERE id < 200",
            "SELECT id, s FROM t WHERE id < 200 AND (id = 3 OR s IN (SELECT s FROM t WHERE id BETWEEN 100 AND 150))",
            "SELECT id FROM t WHERE id > 9999 OR id IN (SELECT id FROM t WHERE id > 9999)",
            // a few values per outer row, thousands over the statement: only the current row's are held
            "SELECT a.id FROM t a WHERE a.id < 0 OR a.s IN (SELECT b.s FROM t b WHERE b.g = a.g AND b.id "
                    + "BETWEEN a.id - 6 AND a.id - 1)",
        }) {
            assertEquals(query(roomy, sql), query(session, sql), sql);
        }
        assertEquals(before, spillFiles());
    }

    /** A streamed GROUP BY whose groups' DISTINCT values outgrow the budget: the rows and order held in memory. */
    @Test
    void streamedGroupsOfManyDistinctValuesSpillAndKeepTheirOrder() throws Exception {
        for (String sql : new String[] {
            "SELECT g, COUNT(DISTINCT s), COUNT(*), SUM(d) FROM t GROUP BY g",
            "SELECT g, SUM(DISTINCT d), AVG(DISTINCT f), MIN(DISTINCT s), COUNT(DISTINCT s), MAX(f) FROM t GROUP BY g",
            "SELECT g, COUNT(DISTINCT s) FROM t WHERE g < 3 OR g % 2 = 0 GROUP BY g HAVING COUNT(DISTINCT d) > 0",
        }) {
            String plan = explain(sql);
            assertTrue(plan.contains("STREAM AGGREGATE"), plan);
            List<List<Object>> held = query(roomy, sql);
            assertEquals(held, spilled(sql), sql);
        }
        String limited = "SELECT g, COUNT(DISTINCT s) FROM t GROUP BY g LIMIT 2";
        assertEquals(query(roomy, limited), query(session, limited));
        assertEquals(before, spillFiles(), "every spill file is deleted with its result");
    }

    /** A streamed group failing while it spills leaves no file, and the session goes on. */
    @Test
    void aStreamedGroupFailingWhileSpilledLeavesNoFile() throws Exception {
        fails("22012", "SELECT g, COUNT(DISTINCT s), SUM(1 / (id - 2000)) FROM t GROUP BY g");
        fails("22012", "SELECT g, COUNT(DISTINCT 1 / (id - 2000)) FROM t GROUP BY g");
        assertEquals(before, spillFiles(), "the failed statements deleted their files");
        assertEquals(10, query("SELECT id FROM t WHERE id < 10").size(), "the session goes on");
    }

    /** The rows of {@code sql} in the tight session, asserting that it wrote a sort's spill files. */
    private List<List<Object>> spilled(String sql) throws Exception {
        List<List<Object>> rows;
        try (WatchService watch = TMP.getFileSystem().newWatchService()) {
            TMP.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            rows = query(session, sql);
            assertTrue(createdSortFile(watch), "spilled: " + sql);
        }
        assertEquals(before, spillFiles(), "no spill file outlives its result: " + sql);
        return rows;
    }

    private static boolean createdSortFile(WatchService watch) throws InterruptedException {
        for (WatchKey k; (k = watch.poll(2, TimeUnit.SECONDS)) != null; k.reset()) {
            for (WatchEvent<?> e : k.pollEvents()) {
                if (e.context() instanceof Path p && p.getFileName().toString().startsWith(SORT_PREFIX)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Path> spillFiles() throws IOException {
        try (Stream<Path> files = Files.list(TMP)) {
            return files.filter(p -> p.getFileName().toString().startsWith(SORT_PREFIX)
                    || p.getFileName().toString().startsWith(ROWS_PREFIX)).sorted().collect(Collectors.toList());
        }
    }
}
