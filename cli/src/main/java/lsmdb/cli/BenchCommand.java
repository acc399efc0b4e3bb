package lsmdb.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import lsmdb.bench.DbBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The project's benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run the db_bench-style engine benchmark: lsmdb bench kv [--num N] [--phases a,b] [--stats]. "
                + "The JDBC workloads run through ../shared/peer-bench (see README).")
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "which benchmark: kv")
    String which;

    @Parameters(index = "1..*", arity = "0..*", description = "arguments of the benchmark")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (!which.equals("kv")) {
            throw new IllegalArgumentException("unknown benchmark '" + which + "' (use kv; JDBC workloads: see README)");
        }
        DbBench.main(args.toArray(new String[0]));
        return 0;
    }
}
