package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * GROUP BY, DISTINCT, UNION and COUNT(DISTINCT) past maxQueryMemory spill to temporary files instead of failing with
 * 53200 (SPEC §2 maxQueryMemory): each answers the same multiset of rows as within the default budget, wrote spill
 * files while it ran, and leaves none behind when it ends, is closed early, fails or is cancelled.
 */
class SpillingGroupingTest extends SqlTestBase {

    private static final int ROWS = 3000;
    private static final long TIGHT = 16 << 10;
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));
    /** What the spill files' names start with (exec.SortRuns.PREFIX). */
    private static final String PREFIX = "lsmdb-sort-";
    private static final String[] WORDS = {"apple", "Äpfel", "zebra", "été", "日本語", "naïve", "", "a", "ab", "ÿ"};
    /** Group keys of many values (a table of them outgrows 16 KB), of each type the spill files hold. */
    private static final String[] KEYS = {"s", "d", "f", "ts", "bl", "tz", "u", "big", "id + 0", "s || 'x'", "d * 2"};
    /** Group keys of few values, paired with the others. */
    private static final String[] FEW = {"g", "b", "CASE WHEN b THEN g END"};
    private static final String[] CALLS = {"COUNT(*)", "COUNT(s)", "SUM(d)", "SUM(f)", "AVG(d)", "AVG(f)", "MIN(s)",
        "MAX(ts)", "MIN(tz)", "SUM(big)", "COUNT(DISTINCT s)", "COUNT(DISTINCT g)", "SUM(DISTINCT d)",
        "AVG(DISTINCT f)", "COUNT(DISTINCT tz)", "MAX(DISTINCT u)"};

    private Session roomy;

    @AfterEach
    void closeRoomy() {
        if (roomy != null) {
            roomy.close();
        }
    }

    private void fill(long seed) throws SQLException {
        exec("CREATE TABLE t (id INT PRIMARY KEY, g INT, s VARCHAR(40), d DECIMAL(12,3), f DOUBLE, b BOOLEAN, "
                + "ts TIMESTAMP, bl VARBINARY(16), tz TIMESTAMP WITH TIME ZONE, u UUID, big BIGINT)");
        Random r = new Random(seed);
        exec("BEGIN");
        Prepared ins = session.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (int i = 0; i < ROWS; i++) {
            byte[] bl = new byte[r.nextInt(4)];
            r.nextBytes(bl);
            Object[] v = {
                i,
                r.nextInt(7),
                WORDS[r.nextInt(WORDS.length)] + (r.nextBoolean() ? "" : " " + r.nextInt(200)),
                BigDecimal.valueOf(r.nextInt(4000) - 2000, r.nextInt(4)),
                r.nextInt(10) == 0 ? -0.0 : (r.nextInt(2000) - 1000) / 4.0,
                r.nextBoolean(),
                Timestamp.valueOf(LocalDateTime.of(2020 + r.nextInt(2), 1 + r.nextInt(12), 1 + r.nextInt(28),
                        r.nextInt(24), r.nextInt(60), 0, r.nextInt(3) * 1_000_123)),
                bl,
                // equal instants written with several offsets: one group, whichever offset it shows
                OffsetDateTime.of(2024, 5, 1, r.nextInt(24), r.nextInt(60), 0, 0, ZoneOffset.UTC)
                        .withOffsetSameInstant(ZoneOffset.ofHours(r.nextInt(5) - 2)),
                new UUID(r.nextInt(4), r.nextInt(500)),
                r.nextLong() >> (20 + r.nextInt(40)),
            };
            for (int c = 1; c < v.length; c++) {
                if (r.nextInt(8) == 0) {
                    v[c] = null;
                }
            }
            session.execute(ins, v).rows();
        }
        exec("COMMIT");
        roomy = db.openSession();
        session.setQueryMemory(TIGHT);
    }

    /** Random GROUP BYs (with HAVING, ORDER BY, LIMIT over them) spilled and held in memory: the same rows. */
    @Test
    void spilledGroupingsEqualTheGroupingHeldInMemory() throws Exception {
        fill(42);
        Random r = new Random(7);
        for (int q = 0; q < 50; q++) {
            List<String> keys = new ArrayList<>();
            keys.add(KEYS[r.nextInt(KEYS.length)]);
            if (r.nextBoolean()) {
                keys.add(r.nextBoolean() ? FEW[r.nextInt(FEW.length)] : KEYS[r.nextInt(KEYS.length)]);
            }
            List<String> calls = new ArrayList<>();
            for (int n = 1 + r.nextInt(4); calls.size() < n; ) {
                calls.add(CALLS[r.nextInt(CALLS.length)]);
            }
            String sql = "SELECT " + String.join(", ", keys) + ", " + String.join(", ", calls) + " FROM t"
                    + (r.nextInt(4) == 0 ? " WHERE id % 3 <> 1" : "") + " GROUP BY " + String.join(", ", keys)
                    + (r.nextInt(3) == 0 ? " HAVING " + (r.nextBoolean() ? "COUNT(*) < 3" : "MIN(id) % 2 = 0") : "");
            if (r.nextInt(3) == 0) {
                // the group keys order the groups totally, so a LIMIT takes the same ones either way
                sql += " ORDER BY " + (keys.size() == 1 ? "1" : "1, 2") + (r.nextBoolean() ? " DESC" : "")
                        + " LIMIT " + r.nextInt(ROWS / 2);
                assertEquals(query(roomy, sql), spilled(sql), sql);
            } else {
                assertSameRows(query(roomy, sql), spilled(sql), sql);
            }
        }
        assertEquals(List.of(), spillFiles(), "every spill file is deleted with its result");
    }

    /** SELECT DISTINCT and UNION spilled and held in memory: the same rows. */
    @Test
    void spilledDistinctAndUnionEqualThemHeldInMemory() throws Exception {
        fill(5);
        Random r = new Random(11);
        String[] cols = {"s", "d", "f", "ts", "bl", "tz", "u", "id", "g", "b"};
        for (int q = 0; q < 30; q++) {
            List<String> picked = new ArrayList<>();
            picked.add(cols[r.nextInt(8)]); // at least one column of many values
            for (int n = r.nextInt(3); n > 0; n--) {
                picked.add(cols[r.nextInt(cols.length)]);
            }
            String list = String.join(", ", picked);
            String sql = switch (q % 3) {
                case 0 -> "SELECT DISTINCT " + list + " FROM t";
                case 1 -> "SELECT " + list + " FROM t WHERE id < 2000 UNION SELECT " + list + " FROM t WHERE id >= "
                        + r.nextInt(2000);
                default -> "SELECT " + list + " FROM t UNION ALL SELECT " + list + " FROM t UNION SELECT "
                        + list + " FROM t WHERE g = 1";
            };
            assertSameRows(query(roomy, sql), spilled(sql), sql);
        }
        // a LIMIT over a DISTINCT that spilled after handing out rows: no row twice, none lost
        String sql = "SELECT DISTINCT s, g FROM t";
        List<List<Object>> all = spilled(sql);
        assertSameRows(query(roomy, sql), all, sql);
        assertEquals(all.subList(0, 1000), query(session, sql + " LIMIT 1000"));
        assertEquals(List.of(), spillFiles(), "every spill file is deleted with its result");
    }

    /** COUNT/SUM/AVG(DISTINCT) over the whole table: one group whose sets of values outgrow the budget. */
    @Test
    void distinctAggregatesOfOneGroupSpill() throws Exception {
        fill(9);
        for (String sql : new String[] {
            "SELECT COUNT(DISTINCT id), COUNT(DISTINCT s), SUM(DISTINCT d), AVG(DISTINCT f), COUNT(*) FROM t",
            "SELECT COUNT(DISTINCT ts), MIN(DISTINCT bl), COUNT(DISTINCT tz), SUM(big) FROM t",
            "SELECT g, COUNT(DISTINCT id), SUM(DISTINCT d) FROM t GROUP BY g",
        }) {
            assertSameRows(query(roomy, sql), spilled(sql), sql);
        }
        String none = "SELECT COUNT(DISTINCT id), SUM(d) FROM t WHERE id > 100000"; // no rows: still one row
        assertEquals(List.of(row(0L, null)), query(session, none));
        assertEquals(List.of(), spillFiles());
    }

    /** A grouping result closed early, cancelled while read, or failing while grouping leaves no spill file. */
    @Test
    void closedCancelledOrFailedGroupingsLeaveNoFile() throws Exception {
        fill(13);
        List<Path> before = spillFiles();
        String grouping = "SELECT id + 0, COUNT(*) FROM t GROUP BY id + 0";
        RowCursor c = session.execute(session.prepare(grouping), new Object[0]).rows();
        try {
            assertTrue(c.next());
            assertTrue(!spillFiles().isEmpty(), "the grouping spilled");
        } finally {
            c.close();
        }
        assertEquals(before, spillFiles(), "closed before its end, the result deletes its files");

        c = session.execute(session.prepare("SELECT DISTINCT s, ts FROM t"), new Object[0]).rows();
        try {
            for (int i = 0; i < 300; i++) {
                assertTrue(c.next());
            }
            assertTrue(!spillFiles().isEmpty(), "the distinct spilled");
            session.cancel();
            RowCursor cancelled = c;
            SQLException e = assertThrows(SQLException.class, () -> {
                while (cancelled.next()) {
                    cancelled.get(0);
                }
            });
            assertEquals("57014", e.getSQLState(), e.getMessage());
            assertEquals(before, spillFiles(), "the cancelled statement deleted its files");
        } finally {
            c.close();
        }
        // the sum fails at id 2500, after the grouping spilled
        fails("22012", "SELECT s, ts, SUM(1 / (id - 2500)) FROM t GROUP BY s, ts");
        fails("22012", "SELECT s, COUNT(DISTINCT 1 / (id - 2500)) FROM t GROUP BY s");
        assertEquals(before, spillFiles(), "the failed statements deleted their files");
        assertEquals(10, query("SELECT id FROM t WHERE id < 10").size(), "the session goes on");
    }

    /**
     * The rows of {@code sql} in the tight session, asserting that it wrote spill files: their creation is watched
     * for (a one-row result is read to its end, and its files deleted, by the first next()).
     */
    private List<List<Object>> spilled(String sql) throws Exception {
        List<Path> before = spillFiles();
        List<List<Object>> rows = new ArrayList<>();
        try (WatchService watch = TMP.getFileSystem().newWatchService()) {
            TMP.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            try (RowCursor c = session.execute(session.prepare(sql), new Object[0]).rows()) {
                while (c.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 0; i < c.columns().size(); i++) {
                        Object v = c.get(i);
                        row.add(v instanceof byte[] b ? java.util.Arrays.toString(b) : v);
                    }
                    rows.add(row);
                }
            }
            assertTrue(createdSpillFile(watch), "spilled: " + sql);
        }
        assertEquals(before, spillFiles(), "no spill file outlives its result: " + sql);
        return rows;
    }

    private static boolean createdSpillFile(WatchService watch) throws InterruptedException {
        for (WatchKey k; (k = watch.poll(2, TimeUnit.SECONDS)) != null; k.reset()) {
            for (WatchEvent<?> e : k.pollEvents()) {
                if (e.context() instanceof Path p && p.getFileName().toString().startsWith(PREFIX)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Equal as multisets: the same rows, in any order. */
    private static void assertSameRows(List<List<Object>> expected, List<List<Object>> actual, String sql) {
        assertTrue(!expected.isEmpty(), "rows to compare: " + sql);
        assertEquals(sorted(expected), sorted(actual), sql);
    }

    private static List<String> sorted(List<List<Object>> rows) {
        return rows.stream().map(row -> row.stream().map(v -> v == null ? "null" : v.getClass().getSimpleName()
                + ":" + v).collect(Collectors.joining("|"))).sorted(Comparator.naturalOrder()).toList();
    }

    private static List<Path> spillFiles() throws IOException {
        try (Stream<Path> files = Files.list(TMP)) {
            return files.filter(p -> p.getFileName().toString().startsWith(PREFIX)).sorted()
                    .collect(Collectors.toList());
        }
    }
}
