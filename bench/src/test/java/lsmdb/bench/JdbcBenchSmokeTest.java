package lsmdb.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC benchmark runs every phase on a tiny data set (it fails if a point select misses; no time asserted). */
class JdbcBenchSmokeTest {

    @TempDir
    Path tmp;

    @Test
    void everyPhaseRuns() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JdbcBench(5000, tmp.resolve("b"), null, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        String out = bytes.toString(StandardCharsets.UTF_8);
        for (String phase : JdbcBench.all()) {
            assertTrue(out.contains(phase), phase + " missing from:\n" + out);
        }
    }
}
