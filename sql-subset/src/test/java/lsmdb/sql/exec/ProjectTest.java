package lsmdb.sql.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.SqlType;
import lsmdb.sql.expr.ColumnRef;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.expr.Literal;
import org.junit.jupiter.api.Test;

/**
 * A projection that selects every input slot in order hands the input's rows on instead of copying them; every other
 * projection (reordered, repeated, computed, outer, narrower, or over rows longer than their node's width) still
 * builds its own rows. Each case is checked against the values it must produce.
 */
class ProjectTest {

    /** Rows of a given width (each array may be longer, as {@code arrayLength} says). */
    private record Rows(int width, int arrayLength) implements Node {
        @Override
        public Cursor open(Env env) {
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Object[] r = new Object[arrayLength];
                for (int j = 0; j < arrayLength; j++) {
                    r[j] = (long) (i * 10 + j);
                }
                rows.add(r);
            }
            return Cursors.of(rows);
        }

        @Override
        public void explain(List<String> out, int depth) {
        }
    }

    private static ColumnRef col(int i) {
        return new ColumnRef(0, i, "C" + i, SqlType.BIGINT);
    }

    private static List<Object[]> run(Node n) throws Exception {
        List<Object[]> out = new ArrayList<>();
        Env outer = new Env(new Object[0], null, null);
        outer.row = new Object[] {-1L, -2L, -3L};
        try (Cursor c = n.open(new Env(new Object[0], outer, null))) {
            for (Object[] r; (r = c.next()) != null; ) {
                out.add(r);
            }
        }
        return out;
    }

    /** What {@code exprs} must give for input row {@code i} (of values i*10+j), computed without the operator. */
    private static Object[] expected(List<Expr> exprs, int i) {
        Object[] out = new Object[exprs.size()];
        for (int k = 0; k < out.length; k++) {
            Expr e = exprs.get(k);
            if (e instanceof ColumnRef c) {
                out[k] = c.depth() == 0 ? (Object) (long) (i * 10 + c.index()) : (Object) (long) -(c.index() + 1);
            } else {
                out[k] = "x";
            }
        }
        return out;
    }

    private static void check(Node input, List<Expr> exprs, boolean passes) throws Exception {
        Basic.Project p = new Basic.Project(input, exprs);
        assertEquals(passes, p.passesRowsThrough(), exprs.toString());
        List<Object[]> in = run(input);
        List<Object[]> out = run(p);
        assertEquals(5, out.size());
        for (int i = 0; i < out.size(); i++) {
            assertArrayEquals(expected(exprs, i), out.get(i), exprs + " row " + i);
        }
        // rows from one execution are distinct arrays (a consumer may keep them)
        for (int i = 1; i < out.size(); i++) {
            assertTrue(out.get(i) != out.get(i - 1));
        }
        assertEquals(5, in.size());
    }

    @Test
    void identityPassesRowsThrough() throws Exception {
        check(new Rows(3, 3), List.of(col(0), col(1), col(2)), true);
        check(new Rows(1, 1), List.of(col(0)), true);
    }

    @Test
    void everyOtherProjectionBuildsItsRows() throws Exception {
        check(new Rows(3, 3), List.of(col(1), col(0), col(2)), false);
        check(new Rows(3, 3), List.of(col(0), col(0), col(2)), false);
        check(new Rows(3, 3), List.of(col(0), col(1)), false);
        check(new Rows(3, 3), List.of(col(0), new Literal("x"), col(2)), false);
        check(new Rows(3, 3), List.of(col(0), new ColumnRef(1, 1, "O", SqlType.BIGINT), col(2)), false);
    }

    @Test
    void rowsLongerThanTheirWidthAreCutToTheProjection() throws Exception {
        Basic.Project p = new Basic.Project(new Rows(2, 4), List.of(col(0), col(1)));
        assertTrue(p.passesRowsThrough());
        List<Object[]> out = run(p);
        assertEquals(5, out.size());
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(new Object[] {(long) (i * 10), (long) (i * 10 + 1)}, out.get(i));
        }
        assertFalse(out.get(0).length == 4);
    }
}
