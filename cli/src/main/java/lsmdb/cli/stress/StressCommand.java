package lsmdb.cli.stress;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lsmdb stress}: the trust campaign (issue 15). Exit 0 when no violation was found, 1 otherwise. */
@Command(name = "stress", mixinStandardHelpOptions = true,
        description = {"Randomized stress of a database through the driver, with an expected-state journal that is "
                + "verified after every run; optionally in a crash loop (SIGKILL and verify, repeated), or the "
                + "fault, corruption and concurrency campaigns.",
            "Files: DIR/db (the database), DIR/expected-state (the journal)."})
public final class StressCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "working directory (created if missing)")
    Path dir;

    @Option(names = "--seed", description = "random seed (default: random, printed)")
    Long seed;

    @Option(names = "--threads", defaultValue = "4",
            description = "threads of the workload, crash loop and concurrency campaign (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--keys", defaultValue = "1000", description = "rows in the key space (default ${DEFAULT-VALUE})")
    int keys;

    @Option(names = "--accounts", defaultValue = "50", description = "accounts for transfers (default ${DEFAULT-VALUE})")
    int accounts;

    @Option(names = "--sync", defaultValue = "true", arity = "1", description = "commit durability (default ${DEFAULT-VALUE})")
    boolean sync;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
            description = "how long to run, e.g. 90s, 10m, 1h (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--crash-loop", description = "run the workload in a child JVM, SIGKILL it at a random moment, "
            + "verify, repeat on the same directory until --duration is over")
    boolean crashLoop;

    @Option(names = "--rounds", defaultValue = "0",
            description = "crash loop: stop after this many rounds, or at --duration if that comes first (0: no limit)")
    int rounds;

    @Option(names = "--max-run", defaultValue = "3s", converter = DurationConverter.class,
            description = "crash loop: the longest a child runs before it is killed (default ${DEFAULT-VALUE})")
    Duration maxRun;

    @Option(names = "--campaign", defaultValue = "workload",
            description = "workload (default), faults, corruption or concurrency")
    String campaign;

    @Option(names = "--fault-kinds", split = ",", description = "faults: the kinds to inject (default all: "
            + "${COMPLETION-CANDIDATES})")
    java.util.List<FaultCampaign.Kind> faultKinds = java.util.List.of(FaultCampaign.Kind.values());

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (threads < 1 || keys < 10 || accounts < 2 || duration.isNegative() || rounds < 0) {
            throw new IllegalArgumentException("need --threads >= 1, --keys >= 10, --accounts >= 2 and a duration >= 0");
        }
        long s = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        Workload.Config cfg = new Workload.Config(dir, s, threads, keys, accounts, sync, duration.toMillis());
        if (crashLoop) {
            CrashLoop.Result r = new CrashLoop(cfg, maxRun.toMillis(), rounds > 0 ? rounds : Integer.MAX_VALUE, out)
                    .run();
            out.println("crash loop: " + r);
            return r.ok() ? 0 : 1;
        }
        return switch (campaign) {
            case "workload" -> {
                out.println("stress seed=" + s + " threads=" + threads + " sync=" + sync + " dir=" + dir);
                Workload.Result r = new Workload(cfg, out).run();
                if (r.before != null) {
                    out.println("verified the previous run: " + r.before);
                    r.before.violations.forEach(v -> out.println("VIOLATION seed=" + s + " before the run: " + v));
                }
                out.println("stress: " + r);
                if (r.after != null) {
                    out.println("verified: " + r.after);
                    r.after.violations.forEach(v -> out.println("VIOLATION seed=" + s + " after the run: " + v));
                }
                yield r.ok() ? 0 : 1;
            }
            case "faults" -> {
                FaultCampaign.Result r = new FaultCampaign(dir, s, duration.toMillis(), sync, faultKinds, out).run();
                out.println("faults: " + r);
                yield r.ok() ? 0 : 1;
            }
            case "corruption" -> {
                CorruptionCampaign.Result r = new CorruptionCampaign(dir, s, duration.toMillis(), out).run();
                out.println("corruption:" + r);
                yield r.ok() ? 0 : 1;
            }
            case "concurrency" -> {
                String url = "jdbc:lsm:" + dir.resolve("concurrency-db").toAbsolutePath() + "?sync=" + sync;
                out.println("concurrency campaign seed=" + s + " threads=" + threads + " sync=" + sync + " " + url);
                java.sql.Connection keepOpen = java.sql.DriverManager.getConnection(url); // one engine for the run
                try (keepOpen) {
                    ConcurrencyCampaign.Result r = new ConcurrencyCampaign(
                            () -> java.sql.DriverManager.getConnection(url), threads, duration.toMillis(), s).run(out);
                    out.println("concurrency: " + r);
                    yield r.ok() ? 0 : 1;
                }
            }
            default -> throw new IllegalArgumentException("unknown campaign " + campaign
                    + " (workload, faults, corruption, concurrency)");
        };
    }

    /** Parses 90s, 10m, 2h, 500ms or ISO-8601 (PT10M). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String v) {
            String t = v.trim().toLowerCase(java.util.Locale.ROOT);
            if (t.startsWith("pt")) {
                return Duration.parse(t);
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException("bad duration " + v + " (use 90s, 10m, 1h)");
            };
        }
    }
}
