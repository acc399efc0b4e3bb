package lsmdb.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lsmdb.sql.SqlType;
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

    @Test
    void rowCountsAreBigintParametersAndIntegerCountsShareThePlan() throws Exception {
        try (MemSession m = new MemSession()) {
            m.run("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
            m.run("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
            lsmdb.sql.Prepared p = m.session.prepare("SELECT v FROM t WHERE id > ? ORDER BY id LIMIT ? OFFSET ?");
            assertEquals(SqlType.INTEGER, p.parameterType(0));
            assertEquals(SqlType.BIGINT, p.parameterType(1), "LIMIT ?");
            assertEquals(SqlType.BIGINT, p.parameterType(2), "OFFSET ?");
            p = m.session.prepare("SELECT v FROM t ORDER BY id OFFSET ? ROWS FETCH FIRST ? ROWS ONLY");
            assertEquals(SqlType.BIGINT, p.parameterType(0), "OFFSET ? ROWS");
            assertEquals(SqlType.BIGINT, p.parameterType(1), "FETCH FIRST ? ROWS");
            p = m.session.prepare("SELECT v FROM t UNION SELECT v FROM t ORDER BY 1 LIMIT ?");
            assertEquals(SqlType.BIGINT, p.parameterType(0), "a UNION's LIMIT ?");

            assertEquals(3, literals(m, "SELECT v FROM t WHERE id > 1 ORDER BY id LIMIT 2 OFFSET 1").length);
            assertTrue(m.db.caches("SELECT v FROM t WHERE id > ? ORDER BY id LIMIT ? OFFSET ?"));
            assertEquals(java.util.List.of("c", "d"), m.rows("SELECT v FROM t WHERE id > 1 ORDER BY id LIMIT 2 OFFSET 1"));
            assertEquals(2, literals(m, "SELECT v FROM t ORDER BY id OFFSET 1 ROWS FETCH FIRST 2 ROWS ONLY").length);
            assertEquals(java.util.List.of("b", "c"), m.rows("SELECT v FROM t ORDER BY id OFFSET 1 ROWS FETCH FIRST 2 ROWS ONLY"));
            assertEquals(1, literals(m, "SELECT v FROM t ORDER BY id LIMIT 0").length);
            // a count that is no BIGINT runs as written: 1e1 is a whole DOUBLE, which LIMIT takes
            assertEquals(0, literals(m, "SELECT v FROM t ORDER BY id LIMIT 1e1").length);
            assertEquals(0, literals(m, "SELECT v FROM t WHERE id = 1 LIMIT 2.0").length);
            assertEquals(java.util.List.of("a", "b", "c", "d"), m.rows("SELECT v FROM t ORDER BY id LIMIT 1e1"));
            // no count: one row (it was a NullPointerException inside JSqlParser)
            assertEquals(java.util.List.of("b"), m.rows("SELECT v FROM t ORDER BY id OFFSET 1 ROWS FETCH FIRST ROW ONLY"));
        }
    }
}
