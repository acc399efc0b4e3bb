package lsmdb.e2e.crash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.core.Options;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real crashes: a child JVM writes (with flushes and compactions under way) and is killed with SIGKILL at a random
 * moment, several times over the same directory. Every acknowledged write must be there after each reopen, batches
 * are never half there, and the keys present are exactly a prefix of the keys written.
 */
class CrashTest {

    @TempDir
    Path tmp;

    static byte[] key(long i) {
        return CrashWriter.bytes(String.format("key-%09d", i));
    }

    static byte[] companion(long i) {
        return CrashWriter.bytes(String.format("zzz-%09d", i));
    }

    static byte[] value(long i) {
        return CrashWriter.bytes("value-" + i + "-" + "x".repeat((int) (i % 97)));
    }

    @ParameterizedTest(name = "sync={0}")
    @CsvSource({"true, 3", "false, 3"})
    void killedWriterLosesNothingAcknowledged(boolean sync, int rounds) throws Exception {
        Path dir = tmp.resolve("db");
        long next = 0;
        java.util.Random r = new java.util.Random(sync ? 1 : 2);
        for (int round = 0; round < rounds; round++) {
            long lastAck = runAndKill(dir, sync, next, sync ? 300 + r.nextInt(700) : 2000 + r.nextInt(20_000), 0,
                    null);
            try (LsmDb db = LsmDb.open(dir, Options.defaults())) {
                long present = verifyPrefix(db);
                assertTrue(present - 1 >= lastAck, "round " + round + ": acknowledged up to " + lastAck
                        + " but only keys below " + present + " survived");
                next = present;
            }
        }
        assertTrue(next > 0, "the writer made progress");
    }

    /**
     * The same with the writer pausing past the engine's idle time now and then, so that memtables are flushed for
     * being idle (and their logs dropped) while it lives, and the kill lands before, during or after such a flush.
     */
    @ParameterizedTest(name = "sync={0}")
    @CsvSource({"true, 2, 200", "false, 2, 3000"})
    void killedWriterPausingForIdleFlushesLosesNothingAcknowledged(boolean sync, int rounds, int pauseEvery)
            throws Exception {
        Path dir = tmp.resolve("idle");
        long next = 0;
        java.util.Random r = new java.util.Random(sync ? 3 : 4);
        long[] idleFlushes = new long[1];
        for (int round = 0; round < rounds; round++) {
            int acks = sync ? 400 + r.nextInt(600) : 4000 + r.nextInt(8000);
            long lastAck = runAndKill(dir, sync, next, acks, pauseEvery, idleFlushes);
            try (LsmDb db = LsmDb.open(dir, Options.defaults())) {
                long present = verifyPrefix(db);
                assertTrue(present - 1 >= lastAck, "round " + round + ": acknowledged up to " + lastAck
                        + " but only keys below " + present + " survived");
                next = present;
            }
        }
        assertTrue(idleFlushes[0] > 0, "the writer's pauses should have flushed idle memtables");
    }

    /** Checks keys 0..n-1 and their companions are all there with the right values and nothing else is; returns n. */
    private static long verifyPrefix(LsmDb db) throws Exception {
        long n = 0;
        try (LsmIterator it = db.iterator()) {
            for (it.seekToFirst(); it.isValid() && new String(it.key(), StandardCharsets.UTF_8).startsWith("key-");
                    it.next()) {
                assertArrayEquals(key(n), it.key(), "keys present must be a prefix of those written");
                assertArrayEquals(value(n), it.value());
                n++;
            }
            long m = 0;
            for (; it.isValid(); it.next()) {
                assertArrayEquals(companion(m), it.key(), "a batch is never half recovered");
                m++;
            }
            assertEquals(n, m, "every key has its companion from the same batch");
        }
        return n;
    }

    /**
     * Starts a writer from key {@code first} (pausing after every {@code pauseEvery} keys if that is not 0), kills it
     * after {@code acks} acknowledgements; returns the last one. Adds the idle flushes it reported to
     * {@code idleFlushes[0]} when given.
     */
    private static long runAndKill(Path dir, boolean sync, long first, int acks, int pauseEvery, long[] idleFlushes)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CrashWriter.class.getName());
        cmd.add(dir.toString());
        cmd.add(Boolean.toString(sync));
        cmd.add(Long.toString(first));
        cmd.add(Integer.toString(pauseEvery));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long lastAck = first - 1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertNotNull(line, "the writer started");
            assertEquals("open", line);
            int seen = 0;
            long idle = 0;
            while (seen < acks && (line = out.readLine()) != null) {
                if (line.startsWith("ack ")) {
                    lastAck = Long.parseLong(line.substring(4));
                    seen++;
                } else if (line.startsWith("idle ")) {
                    idle = Long.parseLong(line.substring(5));
                }
            }
            if (idleFlushes != null) {
                idleFlushes[0] += idle;
            }
            // SIGKILL: no shutdown hooks, no close. Acknowledgements still in the pipe are lost to us (destroy
            // closes it), so lastAck is a lower bound of what the writer had acknowledged.
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the writer died");
        } finally {
            p.destroyForcibly();
        }
        return lastAck;
    }
}
