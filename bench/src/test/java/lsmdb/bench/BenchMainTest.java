package lsmdb.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lsmdb bench kv|jdbc} through the bench jar's launcher: arguments pass to each benchmark untouched. */
class BenchMainTest {

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) throws Exception {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = BenchMain.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    @Test
    void kvAndJdbcRunWithTheirOwnOptions() throws Exception {
        Run kv = run("kv", "--num", "2000", "--warmup", "0", "--phases", "fillseq,readrandom",
                "--db", tmp.resolve("kv").toString());
        assertEquals(0, kv.code(), kv.err());
        assertTrue(kv.out().contains("fillseq") && kv.out().contains("readrandom"), kv.out());
        assertFalse(kv.out().contains("overwrite"), "only the asked phases are reported:\n" + kv.out());
        Run jdbc = run("jdbc", "--rows", "1000", "--warmup", "0", "--phases", "point_select_1t,range_scan",
                "--dbroot", tmp.resolve("jdbc").toString());
        assertEquals(0, jdbc.code(), jdbc.err());
        assertTrue(jdbc.out().contains("point_select_1t") && jdbc.out().contains("range_scan"), jdbc.out());
        assertFalse(jdbc.out().contains("misses=") || jdbc.out().contains("error"), jdbc.out());
    }

    @Test
    void anUnknownBenchmarkIsAUsageError() throws Exception {
        Run r = run("tpcc");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("lsmdb bench: unknown benchmark 'tpcc'"), r.err());
    }
}
