package lsmdb.e2e.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Identity values after real crashes (SPEC §3.1: never reused, also across crashes): a child JVM inserts rows with
 * an identity key and is killed with SIGKILL, several times over the same directory. After each kill, the values
 * acknowledged are there, and the next value handed out is above every value handed out before.
 */
class IdentityCrashTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "sync={0}")
    @CsvSource({"true, 3", "false, 3"})
    void killedInserterNeverGetsAValueTwice(boolean sync, int rounds) throws Exception {
        Path dir = tmp.resolve("db");
        long highestSeen = 0;
        java.util.Random r = new java.util.Random(sync ? 3 : 4);
        for (int round = 0; round < rounds; round++) {
            long lastAck = runAndKill(dir, sync, 200 + r.nextInt(1200));
            assertTrue(lastAck > highestSeen, "values increase from one process to the next");
            try (Connection c = DriverManager.getConnection("jdbc:lsm:" + dir);
                 Statement s = c.createStatement()) {
                long present;
                try (ResultSet rs = s.executeQuery("SELECT MAX(id), COUNT(*), COUNT(DISTINCT id) FROM t")) {
                    rs.next();
                    present = rs.getLong(1);
                    assertEquals(rs.getLong(2), rs.getLong(3));
                }
                assertTrue(present >= lastAck, "round " + round + ": value " + lastAck + " was acknowledged but the "
                        + "largest present is " + present);
                s.executeUpdate("INSERT INTO t (pad) VALUES ('after')", Statement.RETURN_GENERATED_KEYS);
                long fresh;
                try (ResultSet k = s.getGeneratedKeys()) {
                    k.next();
                    fresh = k.getLong(1);
                }
                assertTrue(fresh > present && fresh > lastAck, "round " + round + ": value " + fresh
                        + " handed out again (largest before the crash " + Math.max(present, lastAck) + ")");
                highestSeen = fresh;
                s.execute("SHUTDOWN");
            }
        }
    }

    /** Starts an inserter, kills it after {@code acks} acknowledgements; returns the last value acknowledged. */
    private static long runAndKill(Path dir, boolean sync, int acks) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), IdentityCrashWriter.class.getName(), dir.toString(),
                Boolean.toString(sync));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long lastAck = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertNotNull(line, "the inserter started");
            assertEquals("open", line);
            int seen = 0;
            while (seen < acks && (line = out.readLine()) != null) {
                if (line.startsWith("ack ")) {
                    long v = Long.parseLong(line.substring(4));
                    assertTrue(v > lastAck, "one process's values increase");
                    lastAck = v;
                    seen++;
                }
            }
            p.destroyForcibly(); // SIGKILL: no close, no shutdown hooks
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the inserter died");
        } finally {
            p.destroyForcibly();
        }
        return lastAck;
    }
}
