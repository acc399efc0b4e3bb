package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import lsmdb.core.LsmIterator;
import lsmdb.core.Options;
import lsmdb.core.WriteBatch;
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.catalog.Index;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.codec.IndexKeys;
import lsmdb.sql.codec.OneColumnRows;
import lsmdb.sql.codec.RowKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Index entries whose key ends in the row key store no value, and the row key is read from the key; entries written
 * before that (the row key as the value) still read, and old and new ones live side by side in one index. Against a
 * model of the rows: inserts, UPDATEs moving entries, DELETEs through the index, some entries rewritten in the old
 * format (the test's stand-in for a database written before), flushes, compactions and reopens; after each round
 * every read path (short gathered ranges, long scanned ranges, index-only rows, COUNT, an index join) gives the
 * model's rows, and each index holds exactly the model's entries, each with an empty value or its row key.
 */
class IndexEntryFormatModelTest extends SqlTestBase {

    @Override
    protected Options options() {
        return super.options().withBlockSize(512);
    }

    private static final String COLUMNS = "id, k, a, s, u";

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void oldAndNewEntriesReadAndChangeAlike(int seed) throws Exception {
        createTables();
        exec("CREATE INDEX t_s ON t (s DESC, a)");
        Random r = new Random(seed);
        Map<String, Object[]> model = new HashMap<>();
        long nextId = 0;
        int converted = 0;
        int mixedRounds = 0;
        for (int round = 0; round < 12; round++) {
            for (int i = 0, n = 100 + r.nextInt(150); i < n; i++) {
                long id = nextId++;
                Object[] row = {id, "k" + "\0z".repeat(r.nextInt(2)) + r.nextInt(3),
                    r.nextInt(9) == 0 ? null : r.nextInt(24), r.nextInt(7) == 0 ? null : "s" + r.nextInt(6),
                    r.nextInt(3) == 0 ? null : (int) id};
                exec("INSERT INTO t VALUES (?, ?, ?, ?, ?)", row);
                model.put(id + "/" + row[1], row);
            }
            for (int i = 0; i < 30; i++) {
                long id = r.nextInt((int) nextId);
                Integer a = r.nextInt(24);
                String s = "s" + r.nextInt(6);
                exec("UPDATE t SET a = ?, s = ? WHERE id = ?", a, s, id);
                model.values().stream().filter(row -> row[0].equals(id)).forEach(row -> {
                    row[2] = a;
                    row[3] = s;
                });
            }
            int moved = r.nextInt(24);
            int to = r.nextInt(24);
            exec("UPDATE t SET a = ?, u = NULL WHERE a = ?", to, moved);
            model.values().stream().filter(row -> Objects.equals(row[2], moved)).forEach(row -> {
                row[2] = to;
                row[4] = null;
            });
            String gone = "s" + r.nextInt(6);
            exec("DELETE FROM t WHERE s = ?", gone);
            model.values().removeIf(row -> gone.equals(row[3]));
            converted += toOldFormat(r, 0.2 + r.nextDouble() * 0.6);
            switch (r.nextInt(4)) {
                case 0 -> db.engine().flush();
                case 1 -> db.engine().compactRange(null, null);
                case 2 -> reopen();
                default -> {
                }
            }
            checkReads(model, r, "round " + round);
            mixedRounds += checkEntries(model, "round " + round) ? 1 : 0;
        }
        assertTrue(mixedRounds > 5, "rounds with old and new entries in one index: " + mixedRounds);
        assertTrue(converted > 1000, "entries rewritten in the old format: " + converted);
    }

    /** Index entries written now: no value where the key ends in the row key, the row key otherwise. */
    @Test
    void newEntriesStoreTheRowKeyOnlyWhereTheKeyLeavesItOut() throws Exception {
        createTables();
        Map<String, Object[]> model = new HashMap<>();
        exec("BEGIN");
        for (int id = 0; id < 3000; id++) {
            Object[] row = {(long) id, "k", id % 50 == 0 ? null : id % 7, "s" + id % 4, id % 5 == 0 ? null : id};
            exec("INSERT INTO t VALUES (?, ?, ?, ?, ?)", row);
            model.put(id + "/k", row);
        }
        exec("COMMIT");
        exec("CREATE INDEX t_s_built ON t (s)"); // few values: streamed while the table is scanned
        exec("CREATE INDEX t_a_built ON t (a)");
        exec("CREATE INDEX t_au_built ON t (u, a)"); // many values: sorted
        exec("CREATE UNIQUE INDEX t_u_built ON t (u DESC)");
        db.engine().flush();
        Catalog catalog = Catalog.load(db.engine(), OneColumnRows.FORMAT);
        Table t = catalog.get("T");
        for (Index ix : catalog.indexes("T")) {
            IndexKeys keys = new IndexKeys(ix, t);
            int empty = 0;
            for (Object[] row : model.values()) {
                byte[] rowKey = RowKeys.encode(t, row);
                byte[] stored = db.engine().get(keys.entryKey(row, rowKey));
                assertArrayEquals(keys.enforcesUniqueness(row) ? rowKey : new byte[0], stored, ix.name());
                empty += stored.length == 0 ? 1 : 0;
            }
            assertTrue(empty >= model.size() / 10, ix.name() + ": " + empty);
        }
        checkReads(model, new Random(7), "built");
    }

    /** Table t with indexes t_a and unique t_u, and p, whose rows join t's through t_a. */
    private void createTables() throws Exception {
        exec("CREATE TABLE t (id BIGINT, k VARCHAR(6), a INT, s VARCHAR(8), u INT, PRIMARY KEY (id, k))");
        exec("CREATE INDEX t_a ON t (a)");
        exec("CREATE UNIQUE INDEX t_u ON t (u)");
        exec("CREATE TABLE p (x INT PRIMARY KEY)");
        for (int x = 0; x < 24; x += 3) {
            exec("INSERT INTO p VALUES (?)", x);
        }
    }

    /** Rewrites about {@code fraction} of the index entries of the current rows as written before: value = row key. */
    private int toOldFormat(Random r, double fraction) throws Exception {
        Catalog catalog = Catalog.load(db.engine(), OneColumnRows.FORMAT);
        Table t = catalog.get("T");
        WriteBatch batch = new WriteBatch();
        int n = 0;
        try (LsmIterator it = db.engine().iterator(null, t.prefix(), t.prefixEnd())) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] rowKey = it.key();
                Object[] row = lsmdb.sql.codec.RowCodec.decodeRow(t, rowKey, it.value());
                for (Index ix : catalog.indexes("T")) {
                    if (r.nextDouble() < fraction) {
                        batch.put(new IndexKeys(ix, t).entryKey(row, rowKey), rowKey);
                        n++;
                    }
                }
            }
        }
        db.engine().write(batch);
        return n;
    }

    private void checkReads(Map<String, Object[]> model, Random r, String when) throws Exception {
        String byA = "SELECT " + COLUMNS + " FROM t WHERE a = ?";
        assertTrue(explain(byA, 1).contains("INDEX T_A"), explain(byA, 1));
        for (int i = 0; i < 4; i++) {
            int a = r.nextInt(24);
            assertRows(model, row -> Objects.equals(row[2], a), query(byA, a), when + " a = " + a);
            long count = model.values().stream().filter(row -> Objects.equals(row[2], a)).count();
            assertEquals(List.of(List.of(count)), query("SELECT COUNT(*) FROM t WHERE a = ?", a), when);
            String s = "s" + r.nextInt(6);
            assertRows(model, row -> s.equals(row[3]), query("SELECT " + COLUMNS + " FROM t WHERE s = ?", s),
                    when + " s = " + s);
            int u = r.nextInt(3000);
            assertRows(model, row -> Objects.equals(row[4], u), query("SELECT " + COLUMNS + " FROM t WHERE u = ?", u),
                    when + " u = " + u);
        }
        String range = "SELECT " + COLUMNS + " FROM t WHERE a BETWEEN ? AND ?";
        assertTrue(explain(range, 2, 20).contains("INDEX T_A"), explain(range, 2, 20));
        assertRows(model, row -> row[2] != null && (Integer) row[2] >= 2 && (Integer) row[2] <= 20,
                query(range, 2, 20), when + " range"); // long: scanned, not gathered
        String keysOnly = "SELECT id, k, a FROM t WHERE a >= ?";
        assertTrue(explain(keysOnly, 5).contains("INDEX ONLY"), explain(keysOnly, 5));
        List<List<Object>> expected = new ArrayList<>();
        for (Object[] row : model.values()) {
            if (row[2] != null && (Integer) row[2] >= 5) {
                expected.add(List.of(row[0], row[1], row[2]));
            }
        }
        assertEquals(sorted(numbersAsLongs(expected)), sorted(numbersAsLongs(query(keysOnly, 5))),
                when + " index only");
        List<List<Object>> joined = new ArrayList<>();
        for (Object[] row : model.values()) {
            if (row[2] != null && (Integer) row[2] % 3 == 0) {
                joined.add(List.of(row[2], row[0], row[1], row[3] == null ? "-" : row[3]));
            }
        }
        String join = "SELECT p.x, t.id, t.k, COALESCE(t.s, '-') FROM p JOIN t ON t.a = p.x";
        assertTrue(explain(join).contains("INDEX T_A"), explain(join));
        assertEquals(sorted(numbersAsLongs(joined)), sorted(numbersAsLongs(query(
                join))), when + " join");
    }

    private static void assertRows(Map<String, Object[]> model, Predicate<Object[]> where, List<List<Object>> got,
                                   String what) {
        List<List<Object>> expected = new ArrayList<>();
        for (Object[] row : model.values()) {
            if (where.test(row)) {
                expected.add(java.util.Arrays.asList(row.clone()));
            }
        }
        assertEquals(sorted(numbersAsLongs(expected)), sorted(numbersAsLongs(got)), what);
    }

    /**
     * Each index holds exactly the entries of the model's rows, each with its row key or an empty value (only where
     * the key ends in the row key); whether some index held both old entries (a row key where the key ends in it) and
     * new ones (no value).
     */
    private boolean checkEntries(Map<String, Object[]> model, String when) throws Exception {
        Catalog catalog = Catalog.load(db.engine(), OneColumnRows.FORMAT);
        Table t = catalog.get("T");
        boolean mixed = false;
        for (Index ix : catalog.indexes("T")) {
            IndexKeys keys = new IndexKeys(ix, t);
            int old = 0;
            int empty = 0;
            TreeMap<byte[], Object[]> expected = new TreeMap<>(java.util.Arrays::compareUnsigned);
            for (Object[] row : model.values()) {
                expected.put(keys.entryKey(row, RowKeys.encode(t, row)), row);
            }
            int stored = 0;
            try (LsmIterator it = db.engine().iterator(null, ix.prefix(), ix.prefixEnd())) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    Object[] row = expected.get(it.key());
                    assertTrue(row != null, when + ": " + ix.name() + " has an entry of no row");
                    byte[] rowKey = RowKeys.encode(t, row);
                    if (it.value().length != 0 || keys.enforcesUniqueness(row)) {
                        assertArrayEquals(rowKey, it.value(), when + ": " + ix.name());
                        old += keys.enforcesUniqueness(row) ? 0 : 1;
                    } else {
                        empty++;
                    }
                    stored++;
                }
            }
            assertEquals(expected.size(), stored, when + ": " + ix.name() + " entries");
            mixed |= old > 0 && empty > 0;
        }
        return mixed;
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing(Object::toString));
        return out;
    }
}
