package lsmdb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.core.Options;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stored row whose bytes pass every checksum but do not decode (a bug, a foreign writer, memory damage) is
 * corruption: every query that meets it fails with XX001, never with an internal exception, and the database stays
 * usable for the rows around it.
 */
class MalformedRowTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"empty", "varints", "truncated", "oneByte", "extended"})
    void aRowThatDoesNotDecodeIsReportedAsXX001(String damage) throws Exception {
        Path dir = tmp.resolve("db");
        String url = "jdbc:lsm:" + dir;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kv (k INT PRIMARY KEY, v VARCHAR(40), n BIGINT, d DECIMAL(10,2))");
            s.execute("CREATE INDEX kv_n ON kv(n)");
            for (int i = 0; i < 50; i++) {
                s.execute("INSERT INTO kv VALUES (" + i + ", 'value-" + i + "-marker', " + (i % 5) + ", " + i + ".25)");
            }
        }
        damageRow(dir, "value-7-marker", damage);
        String[] queries = {
            "SELECT v FROM kv WHERE k = 7",
            "SELECT * FROM kv",
            "SELECT k, v, n, d FROM kv WHERE n = 2",
            "SELECT SUM(d), COUNT(v) FROM kv",
            "SELECT n, MAX(v) FROM kv GROUP BY n",
            "SELECT a.v FROM kv a JOIN kv b ON a.k = b.k WHERE b.n = 2",
            "SELECT v FROM kv ORDER BY d DESC",
            "UPDATE kv SET v = 'x' WHERE k = 7",
        };
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String q : queries) {
                SQLException e = assertThrows(SQLException.class, () -> drain(s, q), q);
                assertEquals("XX001", e.getSQLState(), q + ": " + e);
            }
            try (ResultSet rs = s.executeQuery("SELECT v FROM kv WHERE k = 8")) {
                rs.next();
                assertEquals("value-8-marker", rs.getString(1), "the rows around the damaged one still read");
            }
        }
    }

    private static void drain(Statement s, String q) throws SQLException {
        if (s.execute(q)) {
            try (ResultSet rs = s.getResultSet()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        rs.getObject(i);
                    }
                }
            }
        }
    }

    /** Rewrites the one stored value holding {@code marker} through the engine, so every checksum stays good. */
    private static void damageRow(Path dir, String marker, String damage) throws Exception {
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        try (LsmDb db = LsmDb.open(dir, Options.defaults())) {
            byte[] key = null;
            byte[] value = null;
            try (LsmIterator it = db.iterator()) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    if (indexOf(it.value(), needle) >= 0) {
                        key = it.key();
                        value = it.value();
                    }
                }
            }
            assertNotNull(key, "the row is stored");
            byte[] bad = switch (damage) {
                case "empty" -> new byte[0];
                case "varints" -> filled(value.length, (byte) 0xFF);
                case "truncated" -> Arrays.copyOf(value, indexOf(value, needle) + 3);
                case "oneByte" -> new byte[] {(byte) 0x80};
                case "extended" -> extended(value);
                default -> throw new IllegalArgumentException(damage);
            };
            db.put(key, bad);
            db.flush();
        }
    }

    /** The row with its string's length claiming far more bytes than follow. */
    private static byte[] extended(byte[] value) {
        byte[] copy = value.clone();
        int at = indexOf(copy, "value-7".getBytes(StandardCharsets.UTF_8));
        copy[at - 1] = (byte) 0x7F;
        return copy;
    }

    private static byte[] filled(int n, byte b) {
        byte[] a = new byte[Math.max(n, 1)];
        Arrays.fill(a, b);
        return a;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
