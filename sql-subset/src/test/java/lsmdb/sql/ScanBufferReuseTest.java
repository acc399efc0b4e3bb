package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A table scan decodes each row from one value buffer it reuses: rows of every length (a short row after a long one
 * leaves the long one's bytes behind it), NULLs, strings, bytes and wide decimals must come out as stored, and rows
 * handed out earlier must not change when later rows are decoded.
 */
class ScanBufferReuseTest extends SqlTestBase {

    @Test
    void rowsDecodedFromTheReusedBufferMatchTheModel() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(400), b VARBINARY(300), d DECIMAL(38,2), n BIGINT)");
        Random r = new Random(5);
        TreeMap<Integer, List<Object>> model = new TreeMap<>();
        for (int id = 0; id < 500; id++) {
            int len = r.nextInt(4) == 0 ? 150 + r.nextInt(240) : r.nextInt(8);
            String s = r.nextInt(6) == 0 ? null : "x".repeat(len) + id;
            byte[] b = null;
            if (r.nextInt(5) != 0) {
                b = new byte[r.nextInt(4) == 0 ? 100 + r.nextInt(200) : r.nextInt(4)];
                r.nextBytes(b);
            }
            BigDecimal d = r.nextInt(5) == 0 ? null
                    : new BigDecimal(new BigInteger(r.nextBoolean() ? 100 : 30, r), 2);
            Long n = r.nextInt(5) == 0 ? null : r.nextLong();
            exec("INSERT INTO t VALUES (?, ?, ?, ?, ?)", id, s, b, d, n);
            model.put(id, Arrays.asList((long) id, s, b == null ? null : Arrays.toString(b), d, n));
        }
        for (int round = 0; round < 2; round++) {
            assertEquals(expected(model, 0, 500), shown(query("SELECT id, s, b, d, n FROM t")), "whole, " + round);
            for (int i = 0; i < 20; i++) {
                int lo = r.nextInt(500);
                int hi = lo + r.nextInt(200);
                assertEquals(expected(model, lo, hi),
                        shown(query("SELECT id, s, b, d, n FROM t WHERE id >= ? AND id < ?", lo, hi)),
                        lo + ".." + hi + ", " + round);
            }
            reopen(); // the second round reads the rows from tables rather than the memtable
        }
    }

    private static List<List<Object>> expected(TreeMap<Integer, List<Object>> model, int lo, int hi) {
        return new ArrayList<>(model.subMap(lo, true, hi, false).values());
    }

    /** Rows with byte arrays shown as text, so that lists compare them by content. */
    private static List<List<Object>> shown(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> o = new ArrayList<>();
            for (Object v : row) {
                o.add(v instanceof byte[] b ? Arrays.toString(b) : v instanceof Number x && !(v instanceof BigDecimal)
                        ? (Object) x.longValue() : v);
            }
            out.add(o);
        }
        return out;
    }
}
