package lsmdb.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import lsmdb.core.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark runs every phase on a tiny data set and reads back everything it wrote (no timing asserted). */
class DbBenchSmokeTest {

    @TempDir
    Path tmp;

    @Test
    void everyPhaseRunsAndFindsItsKeys() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DbBench(3000, tmp, Options.defaults().withWriteBufferSize(64 << 10), null, true,
                new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        String out = bytes.toString(StandardCharsets.UTF_8);
        for (String phase : DbBench.all()) {
            assertTrue(out.contains(phase), phase + " missing from:\n" + out);
        }
        assertTrue(out.contains("all found"), out);
        assertTrue(!out.contains("NOT FOUND") && !out.contains("unexpectedly"), out);
        assertTrue(out.contains("3000 ops"), "readseq saw every key:\n" + out);
    }
}
