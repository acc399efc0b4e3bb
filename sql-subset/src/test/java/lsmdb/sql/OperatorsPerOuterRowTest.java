package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Groupings, DISTINCT, UNION, joins and IN value sets run per outer row (correlated subqueries) each give their
 * memory back: the statement needs the budget of one run, not of all of them. Each statement also runs a short
 * top-N per outer row, which cannot spill: it would fail with 53200 once earlier runs' rows stayed counted
 * (SpillingSortTest shows the sorts alike). The changed rows RETURNING hands back are counted once too.
 */
class OperatorsPerOuterRowTest extends SqlTestBase {

    private static final int ROWS = 1000;
    /** A few dozen rows: the runs of every outer row, kept counted, outgrow it within a few outer rows. */
    private static final long TIGHT = 16 << 10;
    /**
     * Per outer row, a short top-N of rows of 3 KB (w's), which cannot spill: it fails with 53200 once the runs
     * before kept their bytes counted, a run's table (of less) leaving it less than a row of the budget.
     */
    private static final String TOP = "(SELECT w.id FROM w WHERE w.id BETWEEN a.g AND a.g + 3 "
            + "ORDER BY w.pad DESC LIMIT 1)";

    private Session roomy;

    @BeforeEach
    void fill() throws SQLException {
        exec("CREATE TABLE t (id INT PRIMARY KEY, g INT, s VARCHAR(40))");
        exec("BEGIN");
        Prepared ins = session.prepare("INSERT INTO t VALUES (?, ?, ?)");
        for (int i = 0; i < ROWS; i++) {
            session.execute(ins, new Object[] {i, i % 7, "word " + (i * 7919 % ROWS)}).rows();
        }
        exec("CREATE TABLE w (id INT PRIMARY KEY, pad VARCHAR(2000))");
        for (int i = 0; i < 10; i++) {
            exec("INSERT INTO w VALUES (?, ?)", i, "x".repeat(1500) + i);
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

    @Test
    void groupingsPerOuterRowGiveTheirMemoryBack() throws Exception {
        assertPerOuterRow("(SELECT COUNT(*) FROM t b WHERE b.id BETWEEN a.id AND a.id + 40 GROUP BY b.g "
                + "ORDER BY 1 DESC, MIN(b.s) LIMIT 1)", "HASH AGGREGATE");
    }

    @Test
    void distinctsPerOuterRowGiveTheirMemoryBack() throws Exception {
        assertPerOuterRow("(SELECT DISTINCT b.g FROM t b WHERE b.id BETWEEN a.id AND a.id + 40 "
                + "ORDER BY 1 DESC LIMIT 1)", "DISTINCT");
    }

    @Test
    void unionsPerOuterRowGiveTheirMemoryBack() throws Exception {
        assertPerOuterRow("(SELECT b.g FROM t b WHERE b.id BETWEEN a.id AND a.id + 30 UNION "
                + "SELECT b.g + 3 FROM t b WHERE b.id BETWEEN a.id AND a.id + 30 ORDER BY 1 DESC LIMIT 1)", "DISTINCT");
    }

    /** A hash join of two ranges on g: its table of 21 rows stayed counted after each outer row's join. */
    @Test
    void joinsPerOuterRowGiveTheirMemoryBack() throws Exception {
        assertPerOuterRow("(SELECT COUNT(*) FROM t b JOIN t c ON b.g = c.g WHERE b.id BETWEEN a.id AND a.id + 20 "
                + "AND c.id BETWEEN a.id AND a.id + 20)", "HASH JOIN");
    }

    @Test
    void inValuesPerOuterRowGiveTheirMemoryBack() throws Exception {
        assertPerOuterRow("CASE WHEN a.g + 1 IN (SELECT b.g FROM t b WHERE b.id BETWEEN a.id AND a.id + 40) "
                + "THEN 1 ELSE 0 END", "(SUBQUERY)");
    }

    /**
     * The changed rows RETURNING hands back are counted for their statement only: statements of one transaction
     * that each return a few KB return many times the budget in all.
     */
    @Test
    void changedRowsAreCountedPerStatement() throws Exception {
        exec(session, "BEGIN");
        for (int from = 0; from < ROWS; from += 50) {
            assertEquals(50, query(session, "UPDATE t SET s = s || '!' WHERE id BETWEEN ? AND ? RETURNING id, s",
                    from, from + 49).size());
        }
        assertEquals(ROWS, query(session, "SELECT id FROM t WHERE s LIKE '%!'").size());
        exec(session, "COMMIT");
    }

    /**
     * INSERT ... SELECT holds the query's rows before it inserts them: each is given back as it is inserted, so the
     * changed rows kept for RETURNING need the budget once, not once more beside the rows they were made of.
     */
    @Test
    void insertSelectReturningCountsEachRowOnce() throws Exception {
        exec("CREATE TABLE c (id INT PRIMARY KEY, g INT, s VARCHAR(40))");
        String sql = "INSERT INTO c SELECT id, g, s FROM t WHERE id < 80 RETURNING id"; // some 11 KB of rows
        assertEquals(80, query(session, sql).size());
        assertEquals(query(roomy, "SELECT * FROM t WHERE id < 80"), query(roomy, "SELECT * FROM c"));
    }

    /**
     * {@code perRow} and {@link #TOP} for each of 200 outer rows, within the tight budget as within the default;
     * {@code operator} is in the plan of {@code perRow} (of its subquery for the first outer row, as EXPLAIN shows
     * no subquery's plan).
     */
    private void assertPerOuterRow(String perRow, String operator) throws SQLException {
        String sql = "SELECT a.id, " + perRow + ", " + TOP + " FROM t a WHERE a.id < 200";
        String plan = explain(perRow.startsWith("(SELECT")
                ? perRow.substring(1, perRow.length() - 1).replace("a.id", "0") : sql);
        assertTrue(plan.contains(operator), plan);
        List<List<Object>> expected = query(roomy, sql);
        assertEquals(200, expected.size());
        assertEquals(expected, query(session, sql), sql);
    }
}
