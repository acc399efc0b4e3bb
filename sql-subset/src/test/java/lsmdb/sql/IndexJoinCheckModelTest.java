package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An index join checks per joined row only the conditions its lookup does not carry exactly: an integer key equal
 * to an integer column that fits in it is carried (the lookup finds exactly its rows), while a DECIMAL value (2.5
 * converts into no INT key), a BIGINT value into an INT key (it may not fit) and any other condition stay. Checked
 * against a model, inner and LEFT, with the select list plain columns (the projection folded into the join) and
 * not (an expression: the joined rows are projected above).
 */
class IndexJoinCheckModelTest extends SqlTestBase {

    private record A(int id, int x, short s, long big, BigDecimal d) {
    }

    private record B(int id, int ax, int w) {
    }

    @Test
    void checksOnlyWhatTheLookupDoesNotCarry() throws Exception {
        exec("CREATE TABLE a (id INT PRIMARY KEY, x INT, s SMALLINT, big BIGINT, d DECIMAL(6,1))");
        exec("CREATE TABLE b (id INT PRIMARY KEY, ax INT, w INT)");
        exec("CREATE INDEX b_ax ON b (ax)");
        Random r = new Random(7);
        List<A> as = new ArrayList<>();
        List<B> bs = new ArrayList<>();
        for (int id = 0; id < 60; id++) {
            // big: small values, and values that an INT keeps only modulo 2^32 (they must match nothing)
            long big = r.nextInt(4) == 0 ? (1L << 32) + r.nextInt(20) : r.nextInt(20);
            BigDecimal d = BigDecimal.valueOf(r.nextInt(40), 1).add(BigDecimal.valueOf(r.nextInt(3)));
            A a = new A(id, r.nextInt(25), (short) r.nextInt(30), big, d);
            exec("INSERT INTO a VALUES (?, ?, ?, ?, ?)", a.id(), a.x(), a.s(), a.big(), a.d());
            as.add(a);
        }
        for (int id = 0; id < 30; id++) {
            B b = new B(id, r.nextInt(20), r.nextInt(25));
            exec("INSERT INTO b VALUES (?, ?, ?)", b.id(), b.ax(), b.w());
            bs.add(b);
        }
        String carried = "SELECT a.id, b.id, b.w FROM a JOIN b ON b.id = a.s";
        String byDecimal = "SELECT a.id, b.id FROM a JOIN b ON b.id = a.d";
        String byBig = "SELECT a.id, b.id FROM a LEFT JOIN b ON b.ax = a.big";
        String withRest = "SELECT a.id, b.id FROM a LEFT JOIN b ON b.ax = a.x AND b.w > a.x";
        String computed = "SELECT a.id, b.w + 1 FROM a JOIN b ON b.ax = a.x";
        assertFalse(explain(carried).contains("CHECKING"), explain(carried));
        assertTrue(explain(byDecimal).contains("INDEX JOIN CHECKING"), explain(byDecimal));
        assertTrue(explain(byBig).contains("INDEX JOIN CHECKING"), explain(byBig));
        assertTrue(explain(withRest).contains("INDEX JOIN CHECKING B.W > A.X"), explain(withRest));
        assertFalse(explain(computed).contains("CHECKING"), explain(computed));

        List<List<Object>> mCarried = new ArrayList<>();
        List<List<Object>> mDecimal = new ArrayList<>();
        List<List<Object>> mBig = new ArrayList<>();
        List<List<Object>> mRest = new ArrayList<>();
        List<List<Object>> mComputed = new ArrayList<>();
        for (A a : as) {
            boolean big = false;
            boolean rest = false;
            for (B b : bs) {
                if (b.id() == a.s()) {
                    mCarried.add(row(a.id(), b.id(), b.w()));
                }
                if (BigDecimal.valueOf(b.id()).compareTo(a.d()) == 0) {
                    mDecimal.add(row(a.id(), b.id()));
                }
                if (b.ax() == a.big()) {
                    mBig.add(row(a.id(), b.id()));
                    big = true;
                }
                if (b.ax() == a.x() && b.w() > a.x()) {
                    mRest.add(row(a.id(), b.id()));
                    rest = true;
                }
                if (b.ax() == a.x()) {
                    mComputed.add(row(a.id(), b.w() + 1));
                }
            }
            if (!big) {
                mBig.add(row(a.id(), null));
            }
            if (!rest) {
                mRest.add(row(a.id(), null));
            }
        }
        assertEquals(sorted(mCarried), sorted(query(carried)), carried);
        assertEquals(sorted(mDecimal), sorted(query(byDecimal)), byDecimal);
        assertEquals(sorted(mBig), sorted(query(byBig)), byBig);
        assertEquals(sorted(mRest), sorted(query(withRest)), withRest);
        assertEquals(sorted(mComputed), sorted(query(computed)), computed);
    }

    /** Numbers as longs (Integer and Long alike), rows in the order of their values as text. */
    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> out = numbersAsLongs(rows);
        out.sort(Comparator.comparing(Object::toString));
        return out;
    }
}
