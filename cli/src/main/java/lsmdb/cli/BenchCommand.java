package lsmdb.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import lsmdb.bench.DbBench;
import lsmdb.bench.JdbcBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The project's benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run a benchmark in this JVM (the bench module's mains are in the lsmdb jar):",
                "  lsmdb bench kv [--num N] [--phases a,b] [--stats] ...     engine, db_bench style (DbBench)",
                "  lsmdb bench jdbc [--rows R] [--url URL] [--phases a,b] ...  peer-bench's jdbc suite (JdbcBench)"})
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "which benchmark: kv or jdbc")
    String which;

    @Parameters(index = "1..*", arity = "0..*", description = "arguments of the benchmark")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String[] rest = args.toArray(new String[0]);
        switch (which) {
            case "kv" -> DbBench.main(rest);
            case "jdbc" -> JdbcBench.main(rest);
            default -> throw new IllegalArgumentException("unknown benchmark '" + which + "' (use kv or jdbc)");
        }
        return 0;
    }
}
