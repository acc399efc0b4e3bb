package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LIKE 'prefix%' as a key or index range; ORDER BY ... LIMIT read in index order without a sort. */
class AccessPathsTest extends SqlTestBase {

    @BeforeEach
    void data() throws Exception {
        exec("CREATE TABLE p (name VARCHAR(20) PRIMARY KEY, n INT)");
        exec("CREATE TABLE q (id INT PRIMARY KEY, name VARCHAR(20), k INT)");
        exec("CREATE INDEX q_name ON q (name)");
        exec("CREATE INDEX q_k ON q (k)");
        String[] names = {"ab", "abc", "abd", "ab%x", "ab_y", "b", "a", "", "\uffff", "ab\uffff", "ac", "Ab", "abz"};
        for (int i = 0; i < names.length; i++) {
            exec("INSERT INTO p VALUES (?, ?)", names[i], i);
            exec("INSERT INTO q VALUES (?, ?, ?)", i, names[i], i % 4 == 0 ? null : i % 5);
        }
        exec("INSERT INTO q VALUES (100, NULL, NULL)");
    }

    private void sameAsScan(String sql, Object... params) throws Exception {
        // the same LIKE on an expression of the column can use no range: a full scan decides every row
        String scanned = sql.replace("name LIKE", "name || '' LIKE");
        assertTrue(explain(scanned, params).contains("FULL SCAN"), scanned);
        assertEquals(query(scanned, params), query(sql, params), sql + " " + List.of(params));
    }

    @Test
    void likePrefixIsAKeyRange() throws Exception {
        assertTrue(explain("SELECT n FROM p WHERE name LIKE 'ab%'").contains("PRIMARY KEY RANGE"));
        assertTrue(explain("SELECT id FROM q WHERE name LIKE ?", "ab%").contains("INDEX Q_NAME RANGE"));
        for (String pattern : new String[] {"ab%", "ab", "a%", "ab_", "%b", "_b%", "", "%", "ab\\%%", "\uffff%",
            "ab\uffff%", "abd%", "zz%", "A%"}) {
            sameAsScan("SELECT n FROM p WHERE name LIKE ? ORDER BY n", pattern);
            sameAsScan("SELECT id FROM q WHERE name LIKE ? ORDER BY id", pattern);
            sameAsScan("SELECT id FROM q WHERE name LIKE ? ESCAPE '\\' ORDER BY id", pattern);
        }
        assertEquals(List.of(List.of(3)), query("SELECT n FROM p WHERE name LIKE 'ab!%%' ESCAPE '!'"));
        assertEquals(List.of(), query("SELECT n FROM p WHERE name LIKE NULL"));
        assertEquals(List.of(), query("SELECT n FROM p WHERE name LIKE 'a%' ESCAPE NULL"));
    }

    @Test
    void orderByLimitReadsTheIndex() throws Exception {
        String sql = "SELECT id, k FROM q ORDER BY k LIMIT 4";
        String plan = explain(sql);
        assertTrue(plan.contains("INDEX Q_K RANGE") && !plan.contains("TOP-N"), plan);
        assertEquals(query("SELECT id, k FROM q ORDER BY k + 0, id LIMIT 4"), query(sql));
        sql = "SELECT id, k FROM q WHERE k > 1 ORDER BY k LIMIT 3 OFFSET 1";
        plan = explain(sql);
        assertTrue(plan.contains("INDEX Q_K RANGE") && !plan.contains("TOP-N"), plan);
        assertEquals(query("SELECT id, k FROM q WHERE k > 1 ORDER BY k + 0, id LIMIT 3 OFFSET 1"), query(sql));
        // descending or NULLS LAST: a sort (a backwards read would order ties differently)
        assertTrue(explain("SELECT id FROM q ORDER BY k DESC LIMIT 2").contains("TOP-N"));
        assertTrue(explain("SELECT id FROM q ORDER BY k NULLS LAST LIMIT 2").contains("TOP-N"));
        // without a LIMIT a full read of the table and a sort beats a lookup per index entry
        assertTrue(explain("SELECT id FROM q ORDER BY k").contains("SORT"));
        // the index the condition chooses gives the order for free
        plan = explain("SELECT id FROM q WHERE k = 2 ORDER BY k");
        assertFalse(plan.contains("SORT"), plan);
    }
}
