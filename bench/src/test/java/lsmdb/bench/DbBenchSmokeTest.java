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
                new PrintStream(bytes, true, StandardCharsets.UTF_8), 0.5).run();
        String out = bytes.toString(StandardCharsets.UTF_8);
        for (String phase : DbBench.all()) {
            assertTrue(out.contains(phase), phase + " missing from:\n" + out);
        }
        assertTrue(out.contains("all found"), out);
        assertTrue(!out.contains("NOT FOUND") && !out.contains("unexpectedly"), out);
        assertTrue(out.contains("3000 ops"), "readseq saw every key:\n" + out);
    }

    @Test
    void valuesCompressToTheAskedFraction() {
        for (double fraction : new double[] {0.25, 0.5, 1}) {
            // What the benchmark writes: values one after another, as a table's blocks hold them.
            DbBench bench = new DbBench(1, tmp, Options.defaults(), null, false,
                    new PrintStream(java.io.OutputStream.nullOutputStream()), fraction);
            java.util.SplittableRandom r = new java.util.SplittableRandom(5);
            byte[] pool = new byte[1 << 16];
            for (int p = 0; p + 100 <= pool.length; p += 100) {
                System.arraycopy(bench.value(r), 0, pool, p, 100);
            }
            java.util.zip.Deflater d = new java.util.zip.Deflater(9);
            d.setInput(pool);
            d.finish();
            byte[] out = new byte[pool.length * 2];
            double ratio = d.deflate(out) / (double) pool.length;
            assertTrue(ratio > fraction * 0.9 && ratio < fraction * 1.1 + 0.02, fraction + " compressed to " + ratio);
        }
    }
}
