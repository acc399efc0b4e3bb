package lsmdb.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import lsmdb.bench.DbBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The project's benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark: lsmdb bench kv [--num N] [--phases a,b] [--stats] (db_bench style), or "
                + "lsmdb bench jdbc [--rows N] [--phases a,b] (peer-bench's jdbc phases through HikariCP).")
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "which benchmark: kv or jdbc")
    String which;

    @Parameters(index = "1..*", arity = "0..*", description = "arguments of the benchmark")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        switch (which) {
            case "kv" -> DbBench.main(args.toArray(new String[0]));
            case "jdbc" -> lsmdb.bench.JdbcBench.main(args.toArray(new String[0]));
            default -> throw new IllegalArgumentException("unknown benchmark '" + which + "' (use kv or jdbc)");
        }
        return 0;
    }
}
