package lsmdb.e2e.stress;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import lsmdb.cli.stress.ConcurrencyCampaign;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The concurrency campaign of {@code lsmdb stress} through HikariCP pools of 8 and 16: transfers and snapshot
 * readers borrowing a connection per operation, file-backed; constant total, ledger rows equal commits, no deadlock,
 * bounded heap.
 */
class PooledConcurrencyTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "pool of {0}")
    @CsvSource({"8, 61", "16, 62"})
    void transfersThroughAPoolKeepEveryInvariant(int size, long seed) throws Exception {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:lsm:" + tmp.resolve("db") + "?sync=false&writeBufferSize=64KB");
        cfg.setMaximumPoolSize(size);
        StringWriter out = new StringWriter();
        ConcurrencyCampaign.Result r;
        try (HikariDataSource ds = new HikariDataSource(cfg)) {
            r = new ConcurrencyCampaign(ds::getConnection, size, 8_000, seed).run(new PrintWriter(out, true));
        }
        assertTrue(r.ok(), r + "\n" + out);
        assertTrue(r.commits.get() > 100 && r.snapshots.get() > 10, r.toString());
        assertTrue(r.heapAfterBytes - r.heapBeforeBytes < 128L << 20, "heap grew: " + r);
    }
}
