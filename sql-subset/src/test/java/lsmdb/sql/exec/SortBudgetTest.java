package lsmdb.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lsmdb.sql.SqlType;
import lsmdb.sql.expr.ColumnRef;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Literal;
import org.junit.jupiter.api.Test;

/**
 * A sort gives back to maxQueryMemory every byte it counted, exactly once: when its result ends, when it is closed
 * early (a LIMIT above it), and when the statement fails while it gathers, sorts or merges. What one sort keeps
 * counted shrinks the runs of the next one in the statement, and fails the statement's operators that cannot spill.
 */
class SortBudgetTest {

    private static final long BUDGET = 16 << 10;
    private static final int ROWS = 2000;

    private static Sort.Order byFirstColumn() {
        return new Sort.Order(List.of(new Sort.SortKey(new ColumnRef(0, 0, "k", SqlType.INTEGER), false, null)), null);
    }

    /** ROWS rows in descending key order, failing with 22012 at row {@code failAt} (never when negative). */
    private static Cursor input(int failAt) {
        return new Cursor() {
            int i;

            @Override
            public Object[] next() throws SQLException {
                if (i == failAt) {
                    throw new SQLException("division by zero", "22012");
                }
                return i < ROWS ? new Object[] {ROWS - i++, "row " + i} : null;
            }

            @Override
            public void close() {
            }
        };
    }

    private static Cursor sort(ExecContext ctx, Cursor in, long skip, long limit) throws SQLException {
        return SortRuns.sortAll(in, null, ctx, byFirstColumn(), skip, limit, new ArrayList<>());
    }

    @Test
    void aSpilledSortReadToItsEndGivesBackItsRows() throws Exception {
        ExecContext ctx = new ExecContext(null, null, null, 0, BUDGET, null);
        List<Path> before = runFiles();
        try (Cursor c = sort(ctx, input(-1), 0, -1)) {
            assertTrue(newRunFiles(before).size() > 1, "the sort spilled");
            for (int k = 1; k <= ROWS; k++) {
                assertEquals(k, c.next()[0]);
            }
            assertNull(c.next());
            assertEquals(0, ctx.memoryHeld(), "at its end the sort holds no row");
        }
        assertEquals(0, ctx.memoryHeld(), "closing after the end gives nothing back twice");
        assertEquals(List.of(), newRunFiles(before));
    }

    @Test
    void aSortClosedEarlyGivesBackItsRows() throws Exception {
        for (long budget : new long[] {BUDGET, 1 << 20}) { // spilled, and held in memory
            ExecContext ctx = new ExecContext(null, null, null, 0, budget, null);
            List<Path> before = runFiles();
            Cursor c = sort(ctx, input(-1), 3, 10);
            assertEquals(4, c.next()[0]);
            assertTrue(ctx.memoryHeld() > 0, "the unread rows are held");
            c.close();
            assertEquals(0, ctx.memoryHeld(), "closed early, budget " + budget);
            c.close();
            assertEquals(0, ctx.memoryHeld(), "a second close gives nothing back twice");
            assertEquals(List.of(), newRunFiles(before));
        }
    }

    @Test
    void aSortFailingWhileGatheringGivesBackItsRows() throws Exception {
        for (int failAt : new int[] {5, ROWS - 5}) { // before and after runs were written
            ExecContext ctx = new ExecContext(null, null, null, 0, BUDGET, null);
            List<Path> before = runFiles();
            SQLException e = assertThrows(SQLException.class, () -> sort(ctx, input(failAt), 0, -1));
            assertEquals("22012", e.getSQLState());
            assertEquals(0, ctx.memoryHeld(), "failed at row " + failAt);
            assertEquals(List.of(), newRunFiles(before));
        }
    }

    /** Sorting again and again in one statement (a subquery per outer row) spills each sort as the first one. */
    @Test
    void repeatedSortsInOneStatementSpillAlike() throws Exception {
        ExecContext ctx = new ExecContext(null, null, null, 0, BUDGET, null);
        List<Path> before = runFiles();
        int firstRuns = -1;
        for (int pass = 0; pass < 20; pass++) {
            try (Cursor c = sort(ctx, input(-1), 0, 1)) {
                int runs = newRunFiles(before).size();
                if (firstRuns < 0) {
                    firstRuns = runs;
                }
                assertEquals(firstRuns, runs, "runs of sort " + pass);
                assertNotNull(c.next());
            }
            assertEquals(0, ctx.memoryHeld(), "after sort " + pass);
        }
        assertTrue(ctx.tryReserve(BUDGET), "the whole budget is free again");
    }

    /** ORDER BY's every path: a short top-N, a heap top-N held or outgrowing the budget, and a full sort. */
    @Test
    void everyOrderByGivesBackItsRowsAtTheEndOnCloseAndOnFailure() throws Exception {
        for (long limit : new long[] {5, 100, 1000, -1}) {
            for (long budget : new long[] {BUDGET, 1 << 20}) {
                String what = "LIMIT " + limit + " within " + budget + " bytes";
                ExecContext ctx = new ExecContext(null, null, null, 0, budget, null);
                try (Cursor c = orderBy(-1, limit).open(new Env(null, null, ctx))) {
                    int n = 0;
                    while (c.next() != null) {
                        n++;
                    }
                    assertEquals(limit < 0 ? ROWS : limit, n, what);
                    assertEquals(0, ctx.memoryHeld(), "read to the end, " + what);
                }
                assertEquals(0, ctx.memoryHeld(), "closed after the end, " + what);
                Cursor c = orderBy(-1, limit).open(new Env(null, null, ctx));
                assertEquals(1, c.next()[0]);
                c.close();
                assertEquals(0, ctx.memoryHeld(), "closed early, " + what);
                for (int failAt : new int[] {3, ROWS - 5}) {
                    SQLException e = assertThrows(SQLException.class,
                            () -> orderBy(failAt, limit).open(new Env(null, null, ctx)));
                    assertEquals("22012", e.getSQLState());
                    assertEquals(0, ctx.memoryHeld(), "failed at row " + failAt + ", " + what);
                }
            }
        }
    }

    /** ORDER BY k LIMIT {@code limit} (none when negative) over {@link #input}. */
    private static Sort orderBy(int failAt, long limit) {
        Node in = new Node() {
            @Override
            public Cursor open(Env env) {
                return input(failAt);
            }

            @Override
            public int width() {
                return 2;
            }

            @Override
            public void explain(List<String> out, int depth) {
            }
        };
        return new Sort(in, List.of(new Sort.SortKey(new ColumnRef(0, 0, "k", SqlType.INTEGER), false, null)),
                limit < 0 ? null : new Literal(limit), null);
    }

    private static List<Path> runFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith(SortRuns.PREFIX))
                    .collect(Collectors.toList());
        }
    }

    private static List<Path> newRunFiles(List<Path> before) throws IOException {
        List<Path> now = runFiles();
        now.removeAll(before);
        return now;
    }
}
