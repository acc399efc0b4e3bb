package lsmdb.bench;

import java.util.Arrays;

/**
 * {@code lsmdb bench kv|jdbc ...}: the launcher of the benchmark jar ({@code bench/target/lsmdb-bench.jar}), kept out
 * of the shipped {@code lsmdb} command so that JMH and HikariCP do not ship with it. {@code bin/lsmdb bench} runs it.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** Runs the benchmark; returns the exit code (2 for a usage error, as picocli's commands do). */
    public static int run(String... args) throws Exception {
        String which = args.length == 0 ? "" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (which) {
            case "kv" -> DbBench.main(rest);
            case "jdbc" -> JdbcBench.main(rest);
            default -> {
                System.err.println("lsmdb bench: unknown benchmark '" + which + "' (use kv or jdbc)\n"
                        + "  lsmdb bench kv [--num N] [--phases a,b] [--stats] ...     engine, db_bench style (DbBench)\n"
                        + "  lsmdb bench jdbc [--rows R] [--url URL] [--phases a,b] ...  peer-bench's jdbc suite (JdbcBench)");
                return 2;
            }
        }
        return 0;
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }
}
