package lsmdb.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A result set reads its rows through whichever cursor an execution gets (a key range straight from the engine, the
 * operators' rows, rows in memory), and every getter and position answers the same over each of them.
 */
class ResultSetCursorKindsTest {

    private Connection c;

    @BeforeEach
    void open() throws Exception {
        c = DriverManager.getConnection("jdbc:lsm:mem:cursor-kinds-" + System.nanoTime());
    }

    @AfterEach
    void close() throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
        c.close();
    }

    /** The class of the cursor under {@code rs}: which kind of rows this execution got. */
    private static String cursorKind(ResultSet rs) throws Exception {
        java.lang.reflect.Field f = LsmResultSet.class.getDeclaredField("cursor");
        f.setAccessible(true);
        return f.get((LsmResultSet) rs).getClass().getSimpleName();
    }

    private static final String COLUMNS = "k, i, b, d, f, s, x, ts, dt, m, sm";

    /** Every getter's answer (or refusal's SQLState) for every column of the current row, each with wasNull. */
    private static List<String> everyGetter(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
            int i = col;
            List<Getter> getters = List.of(
                    () -> rs.getString(i), () -> rs.getBoolean(i), () -> rs.getByte(i), () -> rs.getShort(i),
                    () -> rs.getInt(i), () -> rs.getLong(i), () -> rs.getFloat(i), () -> rs.getDouble(i),
                    () -> rs.getBigDecimal(i), () -> rs.getBigDecimal(i, 1), () -> show(rs.getBytes(i)),
                    () -> rs.getDate(i), () -> rs.getTimestamp(i), () -> rs.getTime(i), () -> show(rs.getObject(i)),
                    () -> rs.getObject(i, String.class), () -> rs.getObject(i, Long.class),
                    () -> rs.getObject(i, Integer.class), () -> rs.getObject(i, BigDecimal.class),
                    () -> rs.getObject(i, Double.class), () -> rs.getObject(i, Boolean.class),
                    () -> rs.getObject(i, java.time.LocalDate.class),
                    () -> rs.getObject(i, java.time.LocalDateTime.class), () -> show(rs.getObject(i, byte[].class)),
                    () -> rs.getNString(i), () -> rs.getString(rs.getMetaData().getColumnLabel(i)),
                    () -> rs.getLong(rs.getMetaData().getColumnLabel(i)));
            for (int g = 0; g < getters.size(); g++) {
                String answer;
                try {
                    Object v = getters.get(g).get();
                    answer = (v == null ? "null" : v.getClass().getSimpleName() + ":" + v) + " wasNull=" + rs.wasNull();
                } catch (SQLException e) {
                    answer = "refused " + e.getSQLState();
                }
                out.add(rs.getMetaData().getColumnLabel(i) + "#" + g + " " + answer);
            }
        }
        return out;
    }

    private static Object show(Object v) {
        return v instanceof byte[] b ? Arrays.toString(b) : v;
    }

    private interface Getter {
        Object get() throws SQLException;
    }

    @Test
    void everyGetterAnswersAlikeOverAKeyRangeAndOverTheOperatorsRows() throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (k BIGINT PRIMARY KEY, i INT, b BIGINT, d DOUBLE, f BOOLEAN, s VARCHAR(20), "
                    + "x VARBINARY, ts TIMESTAMP, dt DATE, m DECIMAL(10,2), sm SMALLINT)");
            s.execute("INSERT INTO t VALUES (1, 7, 1099511627776, 2.5, TRUE, 'héllo', X'0102FF', "
                    + "TIMESTAMP '2026-11-25 10:00:00.123', DATE '2026-11-25', 12.34, -3)");
            s.execute("INSERT INTO t (k) VALUES (2)"); // every other column NULL
            s.execute("INSERT INTO t VALUES (3, -1, 0, -0.5, FALSE, '42', X'', "
                    + "TIMESTAMP '1999-12-31 23:59:59', DATE '2000-02-29', -0.05, 300)");
            s.execute("INSERT INTO t VALUES (4, 2147483647, -9223372036854775808, 1e300, TRUE, '2026-01-02', X'00', "
                    + "TIMESTAMP '2026-01-02 00:00:00', DATE '1970-01-01', 99999999.99, 0)");
            s.execute("INSERT INTO t (k, s) VALUES (5, 'true')");
        }
        try (PreparedStatement range = c.prepareStatement("SELECT " + COLUMNS + " FROM t WHERE k >= ? ORDER BY k LIMIT 10");
             PreparedStatement point = c.prepareStatement("SELECT " + COLUMNS + " FROM t WHERE k = ?")) {
            range.setLong(1, 1);
            try (ResultSet all = range.executeQuery()) {
                String rangeKind = cursorKind(all);
                for (long k = 1; k <= 5; k++) {
                    assertTrue(all.next());
                    assertEquals(k, all.getLong(1));
                    List<String> overRange = everyGetter(all);
                    point.setLong(1, k);
                    try (ResultSet one = point.executeQuery()) {
                        assertNotEquals(rangeKind, cursorKind(one), "the two statements read through different cursors");
                        assertTrue(one.next());
                        assertEquals(overRange, everyGetter(one), "row " + k);
                        if (k == 1) {
                            assertEquals(12.34, one.getDouble("m"));
                            assertEquals(new BigDecimal("12.34"), one.getBigDecimal(10));
                            assertEquals("12.34", one.getString(10));
                            assertEquals(12, one.getInt(10));
                            assertEquals(1L << 40, one.getLong(3));
                            assertArrayEquals(new byte[] {1, 2, (byte) 255}, one.getBytes(7));
                            assertEquals(Timestamp.valueOf("2026-11-25 10:00:00.123"), one.getTimestamp(8));
                            assertEquals(Date.valueOf("2026-11-25"), one.getDate(9));
                            assertEquals(-3, one.getShort(11));
                            assertTrue(one.getBoolean(5));
                        }
                        assertFalse(one.next());
                    }
                }
                assertFalse(all.next());
            }
        }
    }

    /**
     * One statement whose executions get a key range (whole-number bounds) or the operators' rows (a lower bound with
     * a fraction does not convert into the key exactly), under random maxRows: row numbers, first/before-first and
     * the values follow a model of the table.
     */
    @Test
    void positionsFollowTheRowsServedWhicheverCursorAnExecutionGets() throws Exception {
        Random r = new Random(26);
        TreeMap<Long, String> model = new TreeMap<>();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(10))");
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
            for (int n = 0; n < 60; n++) {
                long k = r.nextInt(100) - 20;
                String v = r.nextInt(5) == 0 ? null : "v" + r.nextInt(1000);
                if (model.containsKey(k)) {
                    continue;
                }
                model.put(k, v);
                ins.setLong(1, k);
                ins.setString(2, v);
                ins.executeUpdate();
            }
        }
        TreeSet<String> kinds = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT k, v FROM kv WHERE k >= ? AND k <= ? ORDER BY k LIMIT 1000")) {
            for (int run = 0; run < 300; run++) {
                long lo = r.nextInt(120) - 25;
                long hi = r.nextInt(3) == 0 ? lo : lo + r.nextInt(30);
                int maxRows = r.nextInt(3) == 0 ? 1 + r.nextInt(4) : 0;
                ps.setMaxRows(maxRows);
                if (r.nextBoolean()) {
                    ps.setLong(1, lo);
                } else {
                    ps.setDouble(1, lo - 0.5);
                }
                ps.setLong(2, hi);
                List<Map.Entry<Long, String>> expected = new ArrayList<>(model.subMap(lo, true, hi, true).entrySet());
                if (maxRows > 0 && expected.size() > maxRows) {
                    expected = expected.subList(0, maxRows);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    kinds.add(cursorKind(rs));
                    assertTrue(rs.isBeforeFirst());
                    assertEquals(0, rs.getRow());
                    for (int n = 1; n <= expected.size(); n++) {
                        assertTrue(rs.next(), "row " + n + " of " + lo + ".." + hi);
                        assertEquals(n, rs.getRow());
                        assertEquals(n == 1, rs.isFirst());
                        assertFalse(rs.isBeforeFirst());
                        assertEquals(expected.get(n - 1).getKey(), rs.getLong(1));
                        assertEquals(expected.get(n - 1).getValue(), rs.getString(2));
                        assertEquals(expected.get(n - 1).getValue() == null, rs.wasNull());
                    }
                    for (int again = 0; again < 2; again++) {
                        assertFalse(rs.next(), "past the last row of " + lo + ".." + hi);
                        assertEquals(0, rs.getRow());
                        assertFalse(rs.isFirst());
                        assertEquals(expected.isEmpty(), rs.isBeforeFirst());
                    }
                }
            }
        }
        assertEquals(2, kinds.size(), "both cursor kinds were met: " + kinds);
    }

    @Test
    void rowsInMemoryAreNumberedAsTheEnginesAre() throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE a (id INT PRIMARY KEY)");
            s.execute("CREATE TABLE b (id INT PRIMARY KEY)");
        }
        try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            assertTrue(rs.isBeforeFirst());
            int n = 0;
            while (rs.next()) {
                n++;
                assertEquals(n, rs.getRow());
                assertEquals(n == 1, rs.isFirst());
            }
            assertEquals(2, n);
            assertFalse(rs.next());
            assertEquals(0, rs.getRow());
            assertFalse(rs.isBeforeFirst());
        }
        try (ResultSet none = c.getMetaData().getTables(null, null, "NO_SUCH_TABLE", null)) {
            assertTrue(none.isBeforeFirst());
            assertFalse(none.next());
            assertFalse(none.next());
            assertTrue(none.isBeforeFirst());
            assertEquals(0, none.getRow());
        }
    }
}
