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

    /**
     * Keys are decoded from one key buffer the scan reuses too: keys of every length (a short key after a long one),
     * the string decoded to the key's end, and rows a transaction has written but not committed (read from
     * its own buffer, interleaved with the engine's) must come out as stored.
     */
    @Test
    void keysDecodedFromTheReusedBufferMatchTheModel() throws Exception {
        exec("CREATE TABLE t (s VARCHAR(300), n INT, v VARCHAR(20), PRIMARY KEY (n, s))");
        Random r = new Random(9);
        TreeMap<String, List<Object>> model = new TreeMap<>();
        for (int i = 0; i < 400; i++) {
            String s = randomKey(r);
            int n = r.nextInt(3);
            if (model.putIfAbsent(n + "\u0000" + s, Arrays.asList(s, (long) n, "v" + i)) == null) {
                exec("INSERT INTO t VALUES (?, ?, ?)", s, n, "v" + i);
            }
        }
        for (int round = 0; round < 2; round++) {
            assertEquals(new ArrayList<>(model.values()), shown(query("SELECT s, n, v FROM t ORDER BY n, s")),
                    "committed, " + round);
            exec("BEGIN");
            TreeMap<String, List<Object>> mine = new TreeMap<>(model);
            for (int i = 0; i < 60; i++) {
                String s = randomKey(r);
                int n = 3 + r.nextInt(3);
                if (mine.putIfAbsent(n + "\u0000" + s, Arrays.asList(s, (long) n, "w" + i)) == null) {
                    exec("INSERT INTO t VALUES (?, ?, ?)", s, n, "w" + i);
                }
            }
            assertEquals(new ArrayList<>(mine.values()), shown(query("SELECT s, n, v FROM t ORDER BY n, s")),
                    "with uncommitted rows, " + round);
            session.rollback();
            reopen(); // the second round reads the committed rows from tables rather than the memtable
        }
    }

    /** Mostly short keys, some long: every length follows every other. */
    private static String randomKey(Random r) {
        int len = r.nextInt(5) == 0 ? 100 + r.nextInt(200) : 1 + r.nextInt(6);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < len; i++) {
            b.append((char) ('a' + r.nextInt(3)));
        }
        return b.toString();
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
