package lsmdb.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which statements with literals ({@link lsmdb.sql.Session#prepare}) share a parameterized plan: an INSERT's literals
 * always (stored through their columns' types), a compared literal only when its parameter's type is its own.
 */
class DirectStatementTest {

    private static Object[] literals(MemSession m, String sql) throws Exception {
        PreparedPlan p = (PreparedPlan) m.session.prepare(sql);
        m.session.execute(p, new Object[0]);
        return p.literals;
    }

    @Test
    void literalsOfTheirOwnTypeRunThroughTheSharedPlan() throws Exception {
        try (MemSession m = new MemSession()) {
            m.run("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10), d DECIMAL(8,2), f DOUBLE)");
            assertEquals(4, literals(m, "INSERT INTO t VALUES (1, 'a', 1, 2)").length, "stored: any literal");
            assertTrue(m.db.caches("INSERT INTO t VALUES (?, ?, ?, ?)"));
            assertEquals(2, literals(m, "SELECT v FROM t WHERE id = 1 AND v = 'a'").length);
            assertTrue(m.db.caches("SELECT v FROM t WHERE id = ? AND v = ?"));
            assertEquals(1, literals(m, "SELECT v FROM t WHERE d = 1.00").length);
            assertEquals(1, literals(m, "SELECT v FROM t WHERE f > 1e0").length);
            assertEquals(2, literals(m, "UPDATE t SET v = 'b' WHERE id = 1").length);
            assertEquals(1, literals(m, "DELETE FROM t WHERE id = 2").length);
            // a literal of another type is compared as written: the statement binds with it
            assertEquals(0, literals(m, "SELECT v FROM t WHERE id = 1.5").length);
            assertEquals(0, literals(m, "SELECT v FROM t WHERE d = 1").length);
            assertEquals(0, literals(m, "SELECT v FROM t WHERE v = 1").length);
            assertEquals(0, literals(m, "SELECT v FROM t WHERE f = 1.5").length);
            assertEquals(java.util.List.of("b 1.00"), m.rows("SELECT v, d FROM t WHERE id = 1"));
            // prepared, such a text reports no parameters of its own and keeps its text (to prepare it again)
            lsmdb.sql.Prepared p = m.session.prepare("SELECT v FROM t WHERE id = 1");
            assertEquals(0, p.parameterCount());
            assertEquals("SELECT v FROM t WHERE id = 1", p.sql());
            assertEquals(1, ((PreparedPlan) p).literals.length);
            assertEquals(2, m.session.prepare("SELECT v FROM t WHERE id = ? AND v = ?").parameterCount());
        }
    }
}
