package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An index join's inner lookup whose span holds more entries than its first batch of row keys, and more than a kept
 * batch's bound, returns every row once, in index order, the rows before and after the long one unaffected.
 */
class IndexLookupSpanTest extends SqlTestBase {

    @Test
    void longAndShortSpansReturnEveryRow() throws Exception {
        exec("CREATE TABLE k (id INT PRIMARY KEY)");
        exec("CREATE TABLE v (id INT PRIMARY KEY, g INT, w VARCHAR(10))");
        exec("CREATE INDEX v_g ON v (g)");
        int[] sizes = {0, 1, 15, 16, 17, 64, 257, 600, 3};
        int id = 0;
        for (int g = 0; g < sizes.length; g++) {
            exec("INSERT INTO k VALUES (?)", g);
            for (int i = 0; i < sizes[g]; i++) {
                exec("INSERT INTO v VALUES (?, ?, ?)", id, g, "w" + id);
                id++;
            }
        }
        String sql = "SELECT v.id, v.w FROM k JOIN v ON v.g = k.id WHERE k.id = ?";
        assertTrue(explain(sql, 0).contains("INDEX JOIN"), explain(sql, 0));
        for (int round = 0; round < 2; round++) {
            int first = 0;
            for (int g = 0; g < sizes.length; g++) {
                List<List<Object>> rows = query(sql, g);
                List<List<Object>> expected = new ArrayList<>();
                for (int i = first; i < first + sizes[g]; i++) {
                    expected.add(List.of(i, "w" + i));
                }
                assertEquals(expected, rows, "g = " + g);
                first += sizes[g];
            }
        }
        // all groups at once: lookups batched across probe rows
        List<List<Object>> all = query("SELECT v.id FROM k JOIN v ON v.g = k.id");
        assertEquals(id, all.size());
    }
}
