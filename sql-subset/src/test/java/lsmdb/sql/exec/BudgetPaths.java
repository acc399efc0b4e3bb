package lsmdb.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.function.IntFunction;
import lsmdb.sql.SqlType;
import lsmdb.sql.expr.ColumnRef;
import lsmdb.sql.expr.Env;

/**
 * The paths on which an operator must give back to maxQueryMemory exactly what it counted (SortBudgetTest's, for
 * the other operators): its result read to the end, closed early, the statement failing while it gathers, and the
 * operator run again and again in one statement (a subquery per outer row). No path leaves a spill file behind.
 */
final class BudgetPaths {

    /** Few rows of a budget: a hash table of every input row outgrows it, and the operator spills. */
    static final long TIGHT = 16 << 10;
    /** Every input row fits: the operator holds them in memory. */
    static final long ROOMY = 4 << 20;
    static final int ROWS = 2000;

    private BudgetPaths() {
    }

    static ColumnRef column(int index) {
        return new ColumnRef(0, index, "c" + index, index % 2 == 0 ? SqlType.INTEGER : SqlType.VARCHAR);
    }

    /**
     * {@code n} rows {@code [k, "row k", k, "row k"]} for k from n down to 1 (a join's probe side fills slots 0-1,
     * its other side 2-3), failing with 22012 at row {@code failAt} (never when negative).
     */
    static Node rows(int n, int failAt) {
        return new Node() {
            @Override
            public Cursor open(Env env) {
                return new Cursor() {
                    int i;

                    @Override
                    public Object[] next() throws SQLException {
                        if (i == failAt) {
                            throw new SQLException("division by zero", "22012");
                        }
                        if (i >= n) {
                            return null;
                        }
                        int k = n - i++;
                        return new Object[] {k, "row " + k, k, "row " + k};
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public int width() {
                return 4;
            }

            @Override
            public void explain(List<String> out, int depth) {
            }
        };
    }

    /**
     * Runs {@code plan} (made with the row its inputs fail at, -1 for none) on every path, within a tight budget and
     * a roomy one, asserting it yields {@code expected} rows and holds nothing counted after each path.
     */
    static void givesBackOnEveryPath(IntFunction<Node> plan, long expected) throws Exception {
        givesBackOnEveryPath(plan, expected, TIGHT, ROOMY);
    }

    /** {@link #givesBackOnEveryPath(IntFunction, long)} within each of {@code budgets}. */
    static void givesBackOnEveryPath(IntFunction<Node> plan, long expected, long... budgets) throws Exception {
        List<Path> before = spillFiles();
        for (long budget : budgets) {
            String what = "within " + budget + " bytes";
            ExecContext ctx = new ExecContext(null, null, null, 0, budget, null);
            try (Cursor c = plan.apply(-1).open(env(ctx))) {
                long n = 0;
                while (c.next() != null) {
                    n++;
                }
                assertEquals(expected, n, what);
                assertEquals(0, ctx.memoryHeld(), "read to the end, " + what);
            }
            assertEquals(0, ctx.memoryHeld(), "closed after the end, " + what);
            Cursor c = plan.apply(-1).open(env(ctx));
            assertNotNull(c.next(), what);
            c.close();
            assertEquals(0, ctx.memoryHeld(), "closed early, " + what);
            c.close();
            assertEquals(0, ctx.memoryHeld(), "a second close gives nothing back twice, " + what);
            for (int failAt : new int[] {3, ROWS - 5}) {
                SQLException e = assertThrows(SQLException.class, () -> readAll(plan.apply(failAt), ctx));
                assertEquals("22012", e.getSQLState());
                assertEquals(0, ctx.memoryHeld(), "failed at row " + failAt + ", " + what);
            }
            for (int pass = 0; pass < 30; pass++) {
                try (Cursor again = plan.apply(-1).open(env(ctx))) {
                    assertNotNull(again.next(), what);
                }
                assertEquals(0, ctx.memoryHeld(), "after run " + pass + ", " + what);
            }
            assertTrue(ctx.tryReserve(budget), "the whole budget is free again, " + what);
            assertEquals(before, spillFiles(), "no spill file is left, " + what);
        }
    }

    /** The files of sorts' runs and of spilled rows in the temporary directory. */
    static List<Path> spillFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith(SpillFile.PREFIX)
                    || p.getFileName().toString().startsWith(SortRuns.PREFIX)).sorted().collect(Collectors.toList());
        }
    }

    /** Opens and reads {@code plan} to its end as a statement does, closing it also when it fails. */
    static void readAll(Node plan, ExecContext ctx) throws SQLException {
        try (Cursor c = plan.open(env(ctx))) {
            while (c.next() != null) {
                ctx.tick();
            }
        }
    }

    static Env env(ExecContext ctx) {
        return new Env(null, null, ctx);
    }
}
