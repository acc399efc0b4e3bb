package lsmdb.cli.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import lsmdb.cli.Main;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Short versions of the fault, corruption and concurrency campaigns of {@code lsmdb stress}. */
class CampaignsTest {

    @TempDir
    Path tmp;

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, code, out + "\n" + err);
        return out.toString();
    }

    @ParameterizedTest(name = "sync={0}")
    @ValueSource(booleans = {true, false})
    void faultsLeaveExactlyTheAcknowledgedData(boolean sync) {
        String out = run("stress", tmp.toString(), "--campaign", "faults", "--duration", "20s", "--seed",
                sync ? "31" : "32", "--sync", Boolean.toString(sync));
        assertTrue(out.contains(" 0 violations") && out.contains("power losses"), out);
    }

    @org.junit.jupiter.api.Test
    void corruptionIsDetectedOrHarmless() {
        String out = run("stress", tmp.toString(), "--campaign", "corruption", "--duration", "15s", "--seed", "41");
        assertTrue(out.contains("TABLE: ") && out.contains("LOG: ") && out.contains(" 0 violations"), out);
    }

    @org.junit.jupiter.api.Test
    void concurrentTransfersKeepTheInvariants() {
        String out = run("stress", tmp.toString(), "--campaign", "concurrency", "--duration", "10s", "--threads", "8",
                "--seed", "51", "--sync", "false");
        assertTrue(out.contains(" 0 violations"), out);
    }
}
