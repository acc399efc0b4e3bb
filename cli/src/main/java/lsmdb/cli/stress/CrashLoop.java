package lsmdb.cli.stress;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The crash loop (after RocksDB's db_crashtest): runs the workload in a child JVM, kills it with SIGKILL at a random
 * moment, verifies every row against the expected-state journal in this process, and repeats on the same directory
 * until the duration is over or a violation is found.
 */
final class CrashLoop {

    /** Totals over all rounds. */
    static final class Result {
        int rounds;
        long committedVerified;
        long cutOffApplied;
        long cutOffAbsent;
        final List<String> violations = new ArrayList<>();

        boolean ok() {
            return violations.isEmpty();
        }

        @Override
        public String toString() {
            return rounds + " rounds, " + committedVerified + " acknowledged transactions verified, "
                    + (cutOffApplied + cutOffAbsent) + " cut off by the kill (" + cutOffApplied + " applied, "
                    + cutOffAbsent + " absent" + (ok() ? ", none partly" : "") + "), " + violations.size()
                    + " violations";
        }
    }

    private final Workload.Config cfg;
    private final long maxRunMillis;
    private final int maxRounds;
    private final PrintWriter out;

    CrashLoop(Workload.Config cfg, long maxRunMillis, PrintWriter out) {
        this(cfg, maxRunMillis, Integer.MAX_VALUE, out);
    }

    /** Stops after {@code maxRounds} rounds or the configured duration, whichever comes first. */
    CrashLoop(Workload.Config cfg, long maxRunMillis, int maxRounds, PrintWriter out) {
        this.cfg = cfg;
        this.maxRunMillis = maxRunMillis;
        this.maxRounds = maxRounds;
        this.out = out;
    }

    Result run() throws Exception {
        Files.createDirectories(cfg.dir());
        Result total = new Result();
        Random rnd = new Random(cfg.seed());
        long deadline = System.currentTimeMillis() + cfg.durationMillis();
        out.println("crash loop seed=" + cfg.seed() + " sync=" + cfg.sync() + " threads=" + cfg.threads() + " dir="
                + cfg.dir());
        out.flush();
        do {
            long roundSeed = cfg.seed() + total.rounds;
            long killAfter = 50 + (long) (rnd.nextDouble() * maxRunMillis);
            List<String> childViolations = runAndKill(roundSeed, killAfter);
            total.rounds++;
            Journal.Verification v;
            try (Connection c = DriverManager.getConnection(cfg.url())) {
                v = Journal.read(cfg.journal()).verify(Schema.read(c));
            }
            total.committedVerified += v.committedVerified;
            total.cutOffApplied += v.pendingApplied;
            total.cutOffAbsent += v.pendingAbsent;
            for (String s : childViolations) {
                total.violations.add("round " + total.rounds + " (seed " + roundSeed + ", killed after " + killAfter
                        + " ms), during the run: " + s);
            }
            for (String s : v.violations) {
                total.violations.add("round " + total.rounds + " (seed " + roundSeed + ", killed after " + killAfter
                        + " ms), after reopening: " + s);
            }
            if (!total.ok()) {
                Path keep = cfg.dir().resolve("expected-state.round-" + total.rounds);
                Files.copy(cfg.journal(), keep);
                total.violations.forEach(s -> out.println("VIOLATION " + s));
                out.println("journal kept as " + keep + "; the database is left as it is");
                break;
            }
            if (total.rounds % 10 == 0) {
                out.println("round " + total.rounds + ": " + total);
                out.flush();
            }
        } while (System.currentTimeMillis() < deadline && total.rounds < maxRounds);
        return total;
    }

    /** Starts the workload in a child JVM and kills it {@code killAfter} ms after it opened; returns its complaints. */
    private List<String> runAndKill(long seed, long killAfter) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "lsmdb.cli.Main", "stress", cfg.dir().toString(), "--seed", Long.toString(seed), "--threads",
                Integer.toString(cfg.threads()), "--keys", Integer.toString(cfg.keys()), "--accounts",
                Integer.toString(cfg.accounts()), "--sync", Boolean.toString(cfg.sync()), "--duration",
                (killAfter + 60_000) + "ms");
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.appendTo(cfg.dir().resolve("child.err").toFile())).start();
        List<String> complaints = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch opened = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.equals("open")) {
                        opened.countDown();
                    } else if (line.startsWith("VIOLATION") || line.startsWith("verified the previous run")
                            && !line.endsWith(" 0 violations")) {
                        complaints.add(line);
                    }
                }
            } catch (java.io.IOException e) {
                // the pipe closes when the child dies
            }
            opened.countDown();
        }, "crash-loop-reader");
        reader.start();
        try {
            if (!opened.await(120, TimeUnit.SECONDS)) {
                complaints.add("the child did not open the database within 120 s");
            } else if (p.isAlive()) {
                p.waitFor(killAfter, TimeUnit.MILLISECONDS);
            }
            if (!p.isAlive() && p.exitValue() != 0) {
                complaints.add("the child exited with " + p.exitValue() + " before it was killed (see "
                        + cfg.dir().resolve("child.err") + ")");
            }
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
            p.waitFor(60, TimeUnit.SECONDS);
            reader.join(10_000);
        }
        return complaints;
    }
}
