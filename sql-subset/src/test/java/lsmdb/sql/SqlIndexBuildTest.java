package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.core.Options;
import lsmdb.core.io.FaultInjectingFileSystem;
import lsmdb.core.io.MemFileSystem;
import org.junit.jupiter.api.Test;

/**
 * CREATE INDEX over existing rows (built by bulk ingest): every row findable through the index as a scan finds it,
 * after reopen too; unique violations leave nothing; a crash at any point leaves no index or the whole index; and a
 * CREATE TABLE with constraints is all or nothing.
 */
class SqlIndexBuildTest extends SqlTestBase {

    private static final String[] STATUS = {"new", "paid", "shipped", "a\u0000b", "", null};

    private void load(int n, long seed) throws SQLException {
        exec("CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(10), g INT, u INT)");
        Random r = new Random(seed);
        exec("BEGIN");
        for (int i = 0; i < n; i++) {
            exec("INSERT INTO t VALUES (?, ?, ?, ?)", i * 7 % n, STATUS[r.nextInt(STATUS.length)],
                    r.nextInt(5) == 0 ? null : r.nextInt(20), i);
        }
        exec("COMMIT");
    }

    /** Each value's rows through the index (an index plan) equal those a filter over the table finds. */
    private void checkFindable() throws SQLException {
        for (String s : STATUS) {
            if (s == null) {
                continue;
            }
            String viaIndex = "SELECT id FROM t WHERE s = ?";
            assertTrue(explain(viaIndex, s).contains("INDEX T_S"), explain(viaIndex, s));
            assertEquals(sorted(query("SELECT id FROM t WHERE s || '' = ?", s)), sorted(query(viaIndex, s)), s);
        }
        for (int g = 0; g < 20; g += 3) {
            assertEquals(query("SELECT id FROM t WHERE g + 0 = ? AND s || '' = 'paid' ORDER BY id", g),
                    query("SELECT id FROM t WHERE g = ? AND s = 'paid' ORDER BY id", g));
        }
        assertEquals(query("SELECT COUNT(*) FROM t WHERE s IS NULL AND id >= 0"),
                query("SELECT COUNT(*) FROM t WHERE s IS NULL"));
    }

    private static List<Integer> sorted(List<List<Object>> rows) {
        List<Integer> out = new ArrayList<>();
        rows.forEach(r -> out.add(((Number) r.get(0)).intValue()));
        out.sort(null);
        return out;
    }

    @Test
    void indexOverExistingRowsFindsEveryRowAndSurvivesReopen() throws Exception {
        load(3000, 1);
        exec("CREATE INDEX t_s ON t (s)");
        exec("CREATE INDEX t_gs ON t (g, s)");
        checkFindable();
        exec("INSERT INTO t VALUES (100000, 'paid', 3, -1)");
        exec("DELETE FROM t WHERE id = 7");
        exec("UPDATE t SET s = 'new' WHERE id = 14");
        checkFindable();
        reopen();
        checkFindable();
        db.engine().compactRange(null, null);
        checkFindable();
    }

    @Test
    void uniqueIndexOverDuplicatesIs23505AndLeavesNothing() throws Exception {
        load(500, 2);
        SQLException e = assertThrows(SQLException.class, () -> exec("CREATE UNIQUE INDEX t_s ON t (s)"));
        assertEquals("23505", e.getSQLState(), e.getMessage());
        assertTrue(db.indexes("T").isEmpty());
        assertNoEntriesOutsideTable();
        exec("CREATE UNIQUE INDEX t_u ON t (u)");
        assertEquals(List.of(List.of(12)), query("SELECT u FROM t WHERE u = 12"));
        assertThrows(SQLException.class, () -> exec("INSERT INTO t VALUES (99999, 'x', 1, 12)"));
        exec("UPDATE t SET u = NULL WHERE u < 10");
        exec("CREATE UNIQUE INDEX t_u2 ON t (u, g)"); // NULLs never clash
        reopen();
        assertEquals(List.of(List.of(490L)), query("SELECT COUNT(*) FROM t WHERE u >= 10"));
    }

    /** Every key outside the catalog's and table's ranges belongs to a catalogued index. */
    private void assertNoEntriesOutsideTable() throws IOException {
        LsmDb engine = db.engine();
        List<Integer> ids = new ArrayList<>();
        try (LsmIterator it = engine.iterator(null, new byte[] {1}, new byte[] {2})) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] k = it.key();
                int id = (k[1] & 0xff) << 24 | (k[2] & 0xff) << 16 | (k[3] & 0xff) << 8 | k[4] & 0xff;
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
        }
        assertEquals(1 + db.indexes("T").size(), ids.size(), "key ranges " + ids);
    }

    /** A power loss at every sync point of CREATE INDEX: afterwards the index is whole or absent (and swept). */
    @Test
    void crashDuringBuildLeavesTheWholeIndexOrNone() throws Exception {
        boolean sawIndex = false;
        boolean sawNone = false;
        for (int n = 0; n < 20; n++) { // past the last sync of the build (a table per value and scanner, then the MANIFEST)
            FaultInjectingFileSystem ffs = new FaultInjectingFileSystem(new MemFileSystem());
            Options o = Options.defaults().withFileSystem(ffs).withWriteBufferSize(64 << 10).withSync(true);
            Path dir = Path.of("/crash" + n);
            SqlDatabase d = SqlDatabase.open(LsmDb.open(dir, o));
            Session s = d.openSession();
            exec(s, "CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(10), g INT, u INT)");
            exec(s, "BEGIN");
            for (int i = 0; i < 2000; i++) {
                exec(s, "INSERT INTO t VALUES (?, ?, ?, ?)", i, STATUS[i % STATUS.length], i % 20, i);
            }
            exec(s, "COMMIT");
            ffs.failSyncsAfter(n);
            try {
                exec(s, "CREATE INDEX t_s ON t (s)");
            } catch (SQLException expected) {
                // the power went out part way
            }
            ffs.failWritesAfter(0);
            ffs.dropUnsyncedData();
            try {
                d.close();
            } catch (SQLException expected) {
                // dead
            }
            ffs.reset();
            SqlDatabase again = SqlDatabase.open(LsmDb.open(dir, o));
            Session r = again.openSession();
            boolean has = !again.indexes("T").isEmpty();
            sawIndex |= has;
            sawNone |= !has;
            int entries = 0;
            try (LsmIterator it = again.engine().iterator(null, new byte[] {1}, new byte[] {2})) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    entries++;
                }
            }
            assertEquals(has ? 4000 : 2000, entries, "sync point " + n + ": rows plus entries of a whole index");
            if (has) {
                assertEquals(query(r, "SELECT id FROM t WHERE s || '' = 'paid' ORDER BY id"),
                        query(r, "SELECT id FROM t WHERE s = 'paid' ORDER BY id"));
            } else {
                exec(r, "CREATE INDEX t_s ON t (s)");
                assertEquals(List.of(List.of(334L)), query(r, "SELECT COUNT(*) FROM t WHERE s = 'new'"));
            }
            r.close();
            again.close();
        }
        assertTrue(sawIndex && sawNone, "both outcomes occur across the sync points");
    }

    /** CREATE TABLE with UNIQUE and FOREIGN KEY constraints fails or crashes whole: all its indexes, or no table. */
    @Test
    void createTableWithConstraintsIsAllOrNothing() throws Exception {
        boolean sawTable = false;
        boolean sawNone = false;
        for (int n = 0; n < 6; n++) {
            FaultInjectingFileSystem ffs = new FaultInjectingFileSystem(new MemFileSystem());
            Options o = Options.defaults().withFileSystem(ffs).withSync(true);
            Path dir = Path.of("/ddl" + n);
            SqlDatabase d = SqlDatabase.open(LsmDb.open(dir, o));
            Session s = d.openSession();
            exec(s, "CREATE TABLE p (id INT PRIMARY KEY)");
            ffs.failWritesAfter(n);
            try {
                exec(s, "CREATE TABLE c (id INT PRIMARY KEY, code VARCHAR(5) UNIQUE, pid INT, other INT, "
                        + "CONSTRAINT c_other UNIQUE (other), CONSTRAINT c_p FOREIGN KEY (pid) REFERENCES p (id))");
            } catch (SQLException expected) {
                // the write failed part way
            }
            boolean before = d.table("C") != null;
            if (before) {
                assertEquals(3, d.indexes("C").size(), d.indexes("C").toString());
            }
            ffs.failWritesAfter(0);
            ffs.dropUnsyncedData();
            try {
                d.close();
            } catch (SQLException expected) {
                // dead
            }
            ffs.reset();
            SqlDatabase again = SqlDatabase.open(LsmDb.open(dir, o));
            TableInfo c = again.table("C");
            if (c == null) {
                sawNone = true;
                assertTrue(again.indexes("C").isEmpty());
                assertTrue(again.foreignKeys().isEmpty());
            } else {
                sawTable = true;
                assertEquals(3, again.indexes("C").size(), again.indexes("C").toString());
                assertEquals(1, again.foreignKeys().size());
            }
            again.close();
        }
        assertTrue(sawTable && sawNone, "both outcomes occur");
    }

    /**
     * The model: an index built over existing rows holds exactly the entries (keys after the index id, and values)
     * that the same index maintained by every INSERT, UPDATE and DELETE holds. Covers values the build recognises by
     * their stored bytes (few distinct), DECIMALs stored at several scales (equal values, different bytes), NULLs,
     * columns indexed out of table order and DESC, and a column of more distinct values than the build remembers.
     */
    @Test
    void builtIndexHoldsExactlyTheEntriesMaintainedOneHolds() throws Exception {
        checkBuiltAgainstMaintained();
    }

    /**
     * The same with scanners that hand halves of their ranges to one that ran out after 64 rows (ScanRanges), so
     * the entries come from several ranges per scanner; a small table's index stays exact and findable too.
     */
    @Test
    void builtIndexIsExactWhenScannersTakeHalvesOfEachOthersRanges() throws Exception {
        System.setProperty("lsmdb.indexBuild.splitAfterRows", "64");
        try {
            checkBuiltAgainstMaintained();
            load(20_000, 9);
            for (int i = 0; i < 5; i++) {
                exec("CREATE INDEX t_s" + i + " ON t (s)");
                checkFindable();
                exec("DROP INDEX t_s" + i);
            }
        } finally {
            System.clearProperty("lsmdb.indexBuild.splitAfterRows");
        }
    }

    /** Past maxQueryMemory the build sorts runs to temporary files and merges them into the ingest. */
    @Test
    void spilledBuildHoldsExactlyTheEntriesMaintainedOneHolds() throws Exception {
        ((lsmdb.sql.session.Database) db).setQueryMemory(1);
        checkBuiltAgainstMaintained();
    }

    /** A unique value repeated in rows far apart (in two spilled runs) is 23505, and leaves nothing behind. */
    @Test
    void uniqueRepeatAcrossSpilledRunsIs23505() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(10), g INT, u INT)");
        exec("BEGIN");
        for (int i = 0; i < 5000; i++) {
            exec("INSERT INTO t VALUES (?, 'x', 1, ?)", i, i == 4999 ? 3 : i);
        }
        exec("COMMIT");
        ((lsmdb.sql.session.Database) db).setQueryMemory(1);
        long runFilesBefore = runFiles();
        SQLException e = assertThrows(SQLException.class, () -> exec("CREATE UNIQUE INDEX t_u ON t (u)"));
        assertEquals("23505", e.getSQLState(), e.getMessage());
        assertTrue(db.indexes("T").isEmpty());
        assertNoEntriesOutsideTable();
        assertEquals(runFilesBefore, runFiles(), "the runs' temporary files are deleted");
        exec("UPDATE t SET u = -1 WHERE id = 4999");
        exec("CREATE UNIQUE INDEX t_u ON t (u)");
        assertEquals(List.of(List.of(4999)), query("SELECT id FROM t WHERE u = -1"));
        assertEquals(List.of(List.of(3)), query("SELECT id FROM t WHERE u = 3"));
        assertEquals(List.of(List.of(5000L)), query("SELECT COUNT(*) FROM t WHERE u >= -1"));
    }

    private static long runFiles() throws IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("lsmdb-index-build-")).count();
        }
    }

    /**
     * A column whose values outnumber the streams a scanner writes at once, the extra ones met only at the end of
     * each half of the table: the build gives up streaming, drops what it wrote, and sorts instead.
     */
    @Test
    void streamingGivesWayToSortingWhenValuesOutnumberStreams() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(10), g INT, u INT)");
        exec("CREATE INDEX kept ON t (g)");
        exec("BEGIN");
        int n = 8000;
        for (int i = 0; i < n; i++) {
            boolean late = i % (n / 2) >= n / 2 - 100; // the last rows of each half hold rare values
            exec("INSERT INTO t VALUES (?, 'x', ?, ?)", i, late ? 1000 + i : i % 10, i);
        }
        exec("COMMIT");
        exec("CREATE INDEX built ON t (g)");
        assertEquals(2, db.indexes("T").size());
        List<Integer> ids = indexIds();
        assertEquals(3, ids.size(), "key ranges " + ids);
        assertEquals(entries(ids.get(1)), entries(ids.get(2)));
        assertEquals(n, entries(ids.get(2)).size());
    }

    /**
     * A small table's index is one table file, though it is written while scanned (its values' entries are held
     * until they are worth a file of their own); a larger one mixes values with files of their own and values that
     * share one, and still holds exactly the entries a maintained index holds.
     */
    @Test
    void streamedIndexIsFewFilesAndExactlyTheMaintainedEntries() throws Exception {
        load(3000, 3);
        exec("CREATE INDEX t_s ON t (s)");
        assertEquals(1, lastIngestTables(), "a small table's index in one table");
        checkFindable();

        exec("CREATE TABLE w (id INT PRIMARY KEY, v VARCHAR(10))");
        exec("CREATE INDEX w_kept ON w (v)");
        exec("BEGIN");
        String[] rare = {"a", "c", "e"}; // between and around the common values in key order
        for (int i = 0; i < 60_000; i++) {
            exec("INSERT INTO w VALUES (?, ?)", i, i % 20 == 0 ? rare[i / 20 % 3] : i % 2 == 0 ? "b" : "d");
        }
        exec("COMMIT");
        exec("CREATE INDEX w_built ON w (v)");
        // b and d get a file each per scanner (two with two cores); a, c and e one each, shared by the scanners
        int scanners = Runtime.getRuntime().availableProcessors() > 1 ? 2 : 1;
        assertEquals(2 * scanners + 3, lastIngestTables());
        int kept = -1;
        int built = -1;
        try (LsmIterator it = db.engine().iterator(null, new byte[] {1}, new byte[] {2})) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] k = it.key();
                int id = (k[1] & 0xff) << 24 | (k[2] & 0xff) << 16 | (k[3] & 0xff) << 8 | k[4] & 0xff;
                if (id > built) {
                    kept = built;
                    built = id;
                }
            }
        }
        assertEquals(60_000, entries(built).size());
        assertEquals(entries(kept), entries(built));
    }

    /**
     * Row keys too long for the one-byte length of held entries go straight to their value's part, after the
     * entries it holds; the index still holds exactly the maintained entries, in key order, with both scanners
     * rebalancing their ranges.
     */
    @Test
    void streamedIndexWithLongRowKeysHoldsExactlyTheMaintainedEntries() throws Exception {
        System.setProperty("lsmdb.indexBuild.splitAfterRows", "512");
        try {
            exec("CREATE TABLE k (id VARCHAR(400) PRIMARY KEY, v VARCHAR(10))");
            exec("CREATE INDEX k_kept ON k (v)");
            exec("BEGIN");
            Random r = new Random(11);
            int n = 20_000;
            for (int i = 0; i < n; i++) {
                String id = String.format("%08d", i) + (r.nextInt(40) == 0 ? "x".repeat(300) : "");
                exec("INSERT INTO k VALUES (?, ?)", id, i % 3 == 0 ? "p" : r.nextInt(500) == 0 ? "o" : "q");
            }
            exec("COMMIT");
            exec("CREATE INDEX k_built ON k (v)");
            List<Integer> ids = indexIds();
            assertEquals(3, ids.size(), "key ranges " + ids);
            List<String> built = entries(ids.get(2));
            assertEquals(n, built.size());
            assertEquals(entries(ids.get(1)), built);
            // an entry's key ends in its row key (its value is empty): hex of over 300 bytes
            assertTrue(built.stream().anyMatch(e -> e.length() > 2 * 300), "some row keys are long");
        } finally {
            System.clearProperty("lsmdb.indexBuild.splitAfterRows");
        }
    }

    /** How many tables the last bulk ingest added, from the engine's LOG. */
    private int lastIngestTables() throws IOException {
        lsmdb.core.io.ReadableFile f = fs.openForRead(Path.of("/db/LOG"));
        byte[] b = new byte[(int) f.size()];
        f.read(0, b, 0, b.length);
        f.close();
        String log = new String(b, java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("ingested (\\d+) tables").matcher(log);
        int last = -1;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    /** The ids of the key ranges holding entries (table first, then indexes in creation order). */
    private List<Integer> indexIds() {
        List<Integer> ids = new ArrayList<>();
        try (LsmIterator it = db.engine().iterator(null, new byte[] {1}, new byte[] {2})) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] k = it.key();
                int id = (k[1] & 0xff) << 24 | (k[2] & 0xff) << 16 | (k[3] & 0xff) << 8 | k[4] & 0xff;
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    private void checkBuiltAgainstMaintained() throws Exception {
        exec("CREATE TABLE m (id INT PRIMARY KEY, s VARCHAR(10), d DECIMAL(12,4), w INT, g INT)");
        String[][] defs = {{"s"}, {"d"}, {"w"}, {"g DESC, s"}, {"s, d, g"}};
        for (int i = 0; i < defs.length; i++) {
            exec("CREATE INDEX kept" + i + " ON m (" + defs[i][0] + ")");
        }
        exec("CREATE UNIQUE INDEX kept_u ON m (w, s)");
        Random r = new Random(5);
        String[] decimals = {"1.5", "1.50", "1.5000", "-0.25", "10", "10.0", null};
        exec("BEGIN");
        for (int i = 0; i < 6000; i++) {
            exec("INSERT INTO m VALUES (?, ?, CAST(? AS DECIMAL(12,4)), ?, ?)", i * 13 % 6000,
                    STATUS[r.nextInt(STATUS.length)], decimals[r.nextInt(decimals.length)], i,
                    r.nextInt(4) == 0 ? null : r.nextInt(9));
        }
        exec("COMMIT");
        exec("UPDATE m SET s = 'moved' WHERE id % 11 = 0");
        exec("DELETE FROM m WHERE id % 17 = 0");
        for (int i = 0; i < defs.length; i++) {
            exec("CREATE INDEX built" + i + " ON m (" + defs[i][0] + ")");
        }
        exec("CREATE UNIQUE INDEX built_u ON m (w, s)");
        // Ids are handed out in creation order: the table's, the kept indexes', then the built ones'.
        List<Integer> ids = new ArrayList<>();
        try (LsmIterator it = db.engine().iterator(null, new byte[] {1}, new byte[] {2})) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] k = it.key();
                int id = (k[1] & 0xff) << 24 | (k[2] & 0xff) << 16 | (k[3] & 0xff) << 8 | k[4] & 0xff;
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
        }
        int n = defs.length + 1;
        assertEquals(1 + 2 * n, ids.size(), "key ranges " + ids);
        for (int i = 0; i < n; i++) {
            List<String> kept = entries(ids.get(1 + i));
            List<String> built = entries(ids.get(1 + n + i));
            assertTrue(kept.size() > 5000, i + ": " + kept.size());
            assertEquals(kept, built, "index " + i);
        }
    }

    /** The entries of index {@code id}: each key without its 5-byte prefix, and its value, as hex. */
    private List<String> entries(int id) {
        byte[] from = {1, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
        byte[] to = from.clone();
        to[4]++;
        List<String> out = new ArrayList<>();
        try (LsmIterator it = db.engine().iterator(null, from, to)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] k = it.key();
                out.add(java.util.HexFormat.of().formatHex(k, 5, k.length) + "=" + java.util.HexFormat.of().formatHex(it.value()));
            }
        }
        return out;
    }

    @Test
    void emptyTableIndexAndUnknownNames() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(10), g INT, u INT)");
        exec("CREATE INDEX t_s ON t (s)");
        assertThrows(SQLException.class, () -> exec("CREATE INDEX t_s ON t (g)"));
        exec("CREATE INDEX IF NOT EXISTS t_s ON t (g)");
        exec("INSERT INTO t VALUES (1, 'x', 1, 1)");
        assertEquals(List.of(List.of(1)), query("SELECT id FROM t WHERE s = 'x'"));
        assertNull(db.table("NOPE"));
    }
}
