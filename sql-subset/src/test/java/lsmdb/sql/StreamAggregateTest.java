package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GROUP BY on a key or index prefix streams; its results equal hash aggregation's, in the same order. */
class StreamAggregateTest extends SqlTestBase {

    @BeforeEach
    void data() throws Exception {
        exec("CREATE TABLE t (a INT, b VARCHAR(5), c INT, v DECIMAL(6,2), PRIMARY KEY (a, b, c))");
        exec("CREATE INDEX t_c ON t (c, b)");
        StringBuilder sql = new StringBuilder("INSERT INTO t VALUES ");
        for (int i = 0; i < 60; i++) {
            sql.append(i == 0 ? "" : ", ").append("(").append(i % 5).append(", '").append("k").append(i % 3)
                    .append("', ").append(i).append(", ").append(i % 7 == 0 ? "NULL" : i + ".25").append(")");
        }
        exec(sql.toString());
        exec("CREATE TABLE u (c INT PRIMARY KEY, w INT)");
        exec("INSERT INTO u VALUES (1, 10), (2, 20), (3, NULL)");
    }

    private void same(String streamed, String hashed) throws Exception {
        String plan = explain(streamed);
        assertTrue(plan.contains("STREAM AGGREGATE"), plan);
        assertTrue(explain(hashed).contains("HASH AGGREGATE"), hashed);
        // compared as text: a + 0 is a BIGINT where a is an INT
        assertEquals(String.valueOf(query(hashed)), String.valueOf(query(streamed)), streamed);
    }

    @Test
    void keyPrefixesStream() throws Exception {
        // the hashed forms group by an expression of the same column, which hashing cannot know is ordered
        same("SELECT a, COUNT(*), SUM(v), MIN(b), MAX(c), AVG(v), COUNT(DISTINCT b) FROM t GROUP BY a",
                "SELECT a + 0, COUNT(*), SUM(v), MIN(b), MAX(c), AVG(v), COUNT(DISTINCT b) FROM t GROUP BY a + 0");
        same("SELECT b, a, COUNT(v) FROM t GROUP BY b, a", "SELECT b, a + 0, COUNT(v) FROM t GROUP BY b, a + 0");
        same("SELECT b, SUM(c) FROM t WHERE a = 2 GROUP BY b", "SELECT b, SUM(c) FROM t WHERE a + 0 = 2 GROUP BY b");
        same("SELECT a, b, SUM(c) FROM t WHERE a IN (3, 1) GROUP BY a, b HAVING SUM(c) > 10",
                "SELECT a + 0, b, SUM(c) FROM t WHERE a IN (3, 1) GROUP BY a + 0, b HAVING SUM(c) > 10");
        // the hashed form reads the table instead of the index, in another order
        same("SELECT c, b, COUNT(*) FROM t WHERE c > 40 GROUP BY c, b ORDER BY c",
                "SELECT c, b, COUNT(*) FROM t WHERE c + 0 > 40 GROUP BY c, b ORDER BY c");
        same("SELECT t.a, SUM(u.w) FROM t JOIN u ON u.c = t.c GROUP BY t.a",
                "SELECT t.a + 0, SUM(u.w) FROM t JOIN u ON u.c = t.c GROUP BY t.a + 0");
    }

    @Test
    void otherOrdersHash() throws Exception {
        assertFalse(explain("SELECT b, COUNT(*) FROM t GROUP BY b").contains("STREAM"));
        assertFalse(explain("SELECT a, c, COUNT(*) FROM t GROUP BY a, c").contains("STREAM"));
        assertFalse(explain("SELECT COUNT(*) FROM t").contains("STREAM"));
    }

    @Test
    void emptyInputHasNoGroups() throws Exception {
        assertEquals(List.of(), query("SELECT a, COUNT(*) FROM t WHERE a = 9 GROUP BY a"));
        assertEquals(List.of(List.of(4, 12L)), query("SELECT a, COUNT(*) FROM t WHERE a = 4 GROUP BY a"));
    }
}
