package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import lsmdb.core.Options;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * COUNT(*) through an index against a model of the rows, over tables of many small blocks (so whole blocks are
 * counted from the index's per-block counts, and the blocks a range starts and stops in from entry positions), with
 * inserts, index entries moved by UPDATE and removed by DELETE, flushes, partial and full compactions, and reopens.
 */
class IndexCountModelTest extends SqlTestBase {

    @Override
    protected Options options() {
        return super.options().withBlockSize(256).withBlockRestartInterval(4);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void countsMatchTheModel(int seed) throws Exception {
        exec("CREATE TABLE c (id BIGINT PRIMARY KEY, city VARCHAR(8), n INT)");
        exec("CREATE INDEX c_city ON c(city)");
        String count = "SELECT COUNT(*) FROM c WHERE city = ?";
        assertTrue(explain(count, "c1").contains("COUNT INDEX ENTRIES"), explain(count, "c1"));
        Random r = new Random(seed);
        Map<Long, String> model = new HashMap<>();
        long nextId = 0;
        for (int round = 0; round < 14; round++) {
            int inserts = 200 + r.nextInt(600);
            for (int i = 0; i < inserts; i++) {
                String city = r.nextInt(12) == 0 ? null : "c" + r.nextInt(8);
                exec("INSERT INTO c VALUES (?, ?, ?)", nextId, city, i);
                model.put(nextId++, city);
            }
            for (int i = 0; i < 60; i++) {
                long id = r.nextInt((int) nextId);
                String city = "c" + r.nextInt(8);
                exec("UPDATE c SET city = ? WHERE id = ?", city, id);
                if (model.containsKey(id)) { // (computeIfPresent would skip a row whose city is null)
                    model.put(id, city);
                }
            }
            long from = r.nextInt((int) nextId);
            long to = from + r.nextInt(80);
            exec("DELETE FROM c WHERE id BETWEEN ? AND ?", from, to);
            model.keySet().removeIf(id -> id >= from && id <= to);
            switch (r.nextInt(5)) {
                case 0 -> db.engine().flush();
                case 1 -> db.engine().compactRange(null, null);
                case 2 -> reopen();
                default -> {
                }
            }
            for (int i = 0; i < 8; i++) {
                String city = "c" + i;
                long expected = model.values().stream().filter(v -> Objects.equals(v, city)).count();
                assertEquals(List.of(List.of(expected)), query(count, city), "round " + round + ", " + city);
            }
            assertEquals(List.of(List.of(0L)), query(count, "c9"));
        }
    }
}
