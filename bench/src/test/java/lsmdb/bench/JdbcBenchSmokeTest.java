package lsmdb.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC suite runs every phase on a tiny table without misses or errors (no timing asserted). */
class JdbcBenchSmokeTest {

    @TempDir
    Path tmp;

    @Test
    void everyPhaseRunsWithoutMissesOrErrors() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JdbcBench(2000, tmp, "jdbc:lsm:{dir}?sync=false", "jdbc:lsm:{dir}?sync=true", null,
                new PrintStream(bytes, true, StandardCharsets.UTF_8), 0).run();
        String out = bytes.toString(StandardCharsets.UTF_8);
        for (String phase : JdbcBench.all()) {
            assertTrue(out.contains(phase + " "), phase + " missing from:\n" + out);
        }
        assertFalse(out.contains("misses="), out);
        assertFalse(out.contains("errors="), out);
        assertFalse(out.contains("error:") || out.contains("unsupported"), out);
        assertTrue(out.matches("(?s).*insert_batch\\s+2000\\s.*"), "insert_batch loaded every row:\n" + out);
    }
}
