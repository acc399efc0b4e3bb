package lsmdb.cli.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import lsmdb.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short versions of {@code lsmdb stress}: the workload, and the crash loop with sync on and off. */
class StressWorkloadTest {

    @TempDir
    Path tmp;

    private static String run(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(expectedExit, code, out + "\n" + err);
        return out.toString();
    }

    @Test
    void workloadFindsNoViolationAndASecondRunVerifiesTheFirst() {
        String dir = tmp.resolve("w").toString();
        String first = run(0, "stress", dir, "--duration", "6s", "--threads", "3", "--seed", "7");
        assertTrue(first.contains("0 violations"), first);
        String second = run(0, "stress", dir, "--duration", "3s", "--threads", "3", "--seed", "8", "--sync", "false");
        assertTrue(second.contains("verified the previous run: "), second);
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(1, Main.run(new PrintWriter(out), new PrintWriter(err), "stress", tmp.toString(), "--threads", "0"));
        assertTrue(err.toString().startsWith("lsmdb: need --threads"), err.toString());
        assertEquals(1, Main.run(new PrintWriter(out), new PrintWriter(err), "stress", tmp.toString(), "--campaign",
                "nope"));
    }

    @Test
    void crashLoopWithSync() {
        String out = run(0, "stress", tmp.resolve("c").toString(), "--crash-loop", "--duration", "25s", "--threads",
                "3", "--seed", "21", "--max-run", "2s");
        assertTrue(out.contains(" 0 violations"), out);
    }

    @Test
    void crashLoopWithoutSyncStopsAfterItsRounds() {
        String out = run(0, "stress", tmp.resolve("c").toString(), "--crash-loop", "--duration", "10m", "--rounds", "4",
                "--threads", "3", "--seed", "22", "--sync", "false", "--max-run", "2s");
        assertTrue(out.contains("crash loop: 4 rounds, "), out);
        assertTrue(out.contains(" 0 violations"), out);
    }
}
