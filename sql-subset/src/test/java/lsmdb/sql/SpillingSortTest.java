package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ORDER BY past maxQueryMemory spills sorted runs to temporary files and merges them (SPEC §2 maxQueryMemory: "spill
 * to disk or fail with 53200"): its rows are exactly those of the sort held in memory, in the same order (NULL
 * placement, DESC, ties in input order), and no run file outlives the statement. Grouping and DISTINCT spill too
 * (SpillingGroupingTest), and so do joins (SpillingJoinTest).
 */
class SpillingSortTest extends SqlTestBase {

    private static final int ROWS = 3000;
    /** A few dozen rows: a sort of every row writes more runs than one merge reads. */
    private static final long TIGHT = 16 << 10;

    private Session roomy;

    @AfterEach
    void closeRoomy() {
        if (roomy != null) {
            roomy.close();
        }
    }

    private static final String[] WORDS = {"apple", "Äpfel", "zebra", "été", "日本語", "naïve", "\uD83D\uDE00 smile",
        "Zürich", "", "a", "ab", "abc", "ÿ", "\u00A0space"};

    private void fill(long seed) throws SQLException {
        exec("CREATE TABLE t (id INT PRIMARY KEY, g INT, s VARCHAR(40), d DECIMAL(12,3), f DOUBLE, b BOOLEAN, "
                + "ts TIMESTAMP, bl VARBINARY(16), tz TIMESTAMP WITH TIME ZONE, u UUID, big BIGINT)");
        Random r = new Random(seed);
        exec("BEGIN");
        Prepared ins = session.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (int i = 0; i < ROWS; i++) {
            Object[] v = {
                i,
                r.nextInt(7),
                WORDS[r.nextInt(WORDS.length)] + (r.nextBoolean() ? "" : " " + r.nextInt(50)),
                BigDecimal.valueOf(r.nextInt(20000) - 10000, r.nextInt(4)),
                r.nextInt(10) == 0 ? -0.0 : (r.nextInt(100) - 50) / 4.0,
                r.nextBoolean(),
                Timestamp.valueOf(LocalDateTime.of(2020 + r.nextInt(3), 1 + r.nextInt(12), 1 + r.nextInt(28),
                        r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1000) * 1000_123)),
                bytes(r),
                // a few instants written with several offsets: equal keys whose rows differ
                OffsetDateTime.of(2024, 5, 1, 12, r.nextInt(3) * 15, 0, 0, ZoneOffset.UTC)
                        .withOffsetSameInstant(ZoneOffset.ofHours(r.nextInt(5) - 2)),
                new UUID(r.nextInt(4) - 2L, r.nextLong()),
                r.nextLong() >> r.nextInt(60),
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

    private static byte[] bytes(Random r) {
        byte[] b = new byte[r.nextInt(5)];
        r.nextBytes(b);
        return b;
    }

    private static final String[] KEYS = {"g", "s", "d", "f", "b", "ts", "bl", "tz", "u", "big", "id",
        "s || 'x'", "d * 2", "g + 0", "CASE WHEN b THEN s END"};

    /** Random ORDER BYs, each run spilling and held in memory: the same rows in the same order. */
    @Test
    void spilledSortsEqualTheSortHeldInMemory() throws Exception {
        fill(42);
        Random r = new Random(7);
        int sorted = 0;
        assertEquals(List.of(), newRunFiles(List.of()));
        for (int q = 0; q < 60; q++) {
            int n = 1 + r.nextInt(3);
            List<String> keys = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                keys.add(KEYS[r.nextInt(KEYS.length)] + (r.nextBoolean() ? " DESC" : "")
                        + switch (r.nextInt(3)) {
                            case 0 -> " NULLS FIRST";
                            case 1 -> " NULLS LAST";
                            default -> "";
                        });
            }
            String select = r.nextBoolean() ? "SELECT * FROM t" : "SELECT id, s, tz FROM t";
            String sql = select + " ORDER BY " + String.join(", ", keys) + switch (r.nextInt(4)) {
                case 0 -> " LIMIT " + (100 + r.nextInt(ROWS));
                case 1 -> " LIMIT " + (100 + r.nextInt(ROWS)) + " OFFSET " + r.nextInt(ROWS);
                case 2 -> " OFFSET " + r.nextInt(ROWS + 10);
                default -> "";
            };
            // the table's key order (ORDER BY id, ...) may need no sort
            String plan = explain(sql);
            boolean sorts = plan.contains("SORT") || plan.contains("TOP-N");
            sorted += sorts ? 1 : 0;
            assertEquals(query(roomy, sql), spilled(sql, sorts), sql);
        }
        assertTrue(sorted >= 50, sorted + " of 60 sorted");
        assertEquals(List.of(), newRunFiles(List.of()), "every run file is deleted with its result");
    }

    /** The rows of {@code sql} in the tight session, asserting whether it wrote runs (seen while it is open). */
    private List<List<Object>> spilled(String sql, boolean sorts) throws Exception {
        List<Path> before = runFiles();
        List<List<Object>> rows = new ArrayList<>();
        try (RowCursor c = session.execute(session.prepare(sql), new Object[0]).rows()) {
            boolean more = c.next();
            assertEquals(sorts, !newRunFiles(before).isEmpty(), "the sort wrote runs: " + sql);
            for (; more; more = c.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < c.columns().size(); i++) {
                    Object v = c.get(i);
                    row.add(v instanceof byte[] b ? java.util.Arrays.toString(b) : v);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Only equal keys (a few groups): the rows of each keep the table's order across runs. */
    @Test
    void equalKeysKeepInputOrderAcrossRuns() throws Exception {
        fill(3);
        List<List<Object>> spilled = query(session, "SELECT g, id FROM t ORDER BY g DESC NULLS LAST");
        assertEquals(ROWS, spilled.size());
        for (int i = 1; i < spilled.size(); i++) {
            List<Object> a = spilled.get(i - 1);
            List<Object> b = spilled.get(i);
            if (a.get(0) != null && a.get(0).equals(b.get(0)) || a.get(0) == null && b.get(0) == null) {
                assertTrue((Integer) a.get(1) < (Integer) b.get(1), a + " before " + b);
            }
        }
        assertEquals(query(roomy, "SELECT g, id FROM t ORDER BY g DESC NULLS LAST"), spilled);
        // a LIMIT whose sum with the OFFSET overflows a long is no limit
        String huge = "SELECT g, id FROM t ORDER BY g DESC NULLS LAST LIMIT 9223372036854775807 OFFSET 7";
        assertEquals(spilled.subList(7, ROWS), query(session, huge));
        assertEquals(spilled.subList(7, ROWS), query(roomy, huge));
    }

    /** The runs are files while the result is read, and gone once it is closed. */
    @Test
    void runFilesExistWhileReadingAndAreDeletedOnClose() throws Exception {
        fill(5);
        List<Path> before = runFiles();
        Result res = session.execute(session.prepare("SELECT id, s FROM t ORDER BY s DESC, id"), new Object[0]);
        RowCursor c = res.rows();
        try {
            assertTrue(c.next());
            assertTrue(newRunFiles(before).size() > 1, "the sort wrote runs: " + newRunFiles(before));
        } finally {
            c.close();
        }
        assertEquals(List.of(), newRunFiles(before), "closed before its end, the result deletes its runs");
    }

    /** A statement cancelled while merging, or failing while gathering its rows, leaves no run file behind. */
    @Test
    void cancelledOrFailedSortsLeaveNoRunFile() throws Exception {
        fill(11);
        List<Path> before = runFiles();
        RowCursor c = session.execute(session.prepare("SELECT * FROM t ORDER BY f, id"), new Object[0]).rows();
        try {
            assertTrue(c.next());
            assertTrue(newRunFiles(before).size() > 1, "the sort wrote runs: " + newRunFiles(before));
            session.cancel();
            SQLException e = assertThrows(SQLException.class, () -> {
                while (c.next()) {
                    c.get(0);
                }
            });
            assertEquals("57014", e.getSQLState(), e.getMessage());
            assertEquals(List.of(), newRunFiles(before), "the cancelled statement deleted its runs");
        } finally {
            c.close();
        }
        // the key fails at id 2500, after runs were written
        fails("22012", "SELECT id FROM t ORDER BY 1 / (id - 2500)");
        assertEquals(List.of(), newRunFiles(before), "the failed statement deleted its runs");
        assertEquals(10, query("SELECT id FROM t WHERE id < 10").size(), "the session goes on");
    }

    /**
     * Sorts run per outer row (correlated subqueries) each give their memory back: the statement needs the budget of
     * one such sort, not of all of them. The first subquery's top-N outgrows the budget and spills; the second, a
     * short top-N, cannot spill and would fail with 53200 once earlier sorts' rows stayed counted.
     */
    @Test
    void sortsPerOuterRowGiveTheirMemoryBack() throws Exception {
        fill(13);
        String sql = "SELECT a.id, (SELECT b.s FROM t b WHERE b.id BETWEEN a.id AND a.id + 400 "
                + "ORDER BY b.s DESC, b.id LIMIT 1 OFFSET 300), (SELECT b.id FROM t b WHERE b.id BETWEEN a.id "
                + "AND a.id + 20 ORDER BY b.f, b.id LIMIT 1) FROM t a WHERE a.id < 200";
        List<Path> before = runFiles();
        List<List<Object>> expected = query(roomy, sql);
        assertEquals(200, expected.size());
        assertEquals(expected, query(session, sql));
        assertEquals(List.of(), newRunFiles(before));
    }

    private static List<Path> runFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("lsmdb-sort-"))
                    .collect(Collectors.toList());
        }
    }

    private static List<Path> newRunFiles(List<Path> before) throws IOException {
        List<Path> now = runFiles();
        now.removeAll(before);
        return now;
    }
}
