package lsmdb.replication.bench;

import lsmdb.replication.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Replication figures beside the single-node ones, measured in one sitting. Every database runs in a JVM of its
 * own ({@link BenchNode}), opened through its {@code jdbc:lsm:} URL; the load runs inside the node that serves it:
 * <ol>
 * <li>single node, {@code jdbc:lsm:DIR?sync=true}: durable single-row INSERTs (auto-commit) from 4 threads, then
 *     point reads;</li>
 * <li>three members on loopback, {@code jdbc:lsm:DIR?cluster=...&node=nX&sync=true}: the same INSERTs on the
 *     leader, local point reads on the leader and on a follower;</li>
 * <li>the members restarted with {@code reads=linearizable}: point reads on the leader and on a follower;</li>
 * <li>failover: SIGKILL of the leader while a client commits, time until the first commit a new leader accepts;
 *     the killed member is restarted and caught up between rounds; the median of the rounds.</li>
 * </ol>
 *
 * <pre>
 * java -cp TEST_CLASSPATH lsmdb.replication.bench.ReplicationBench [--dir D] [--seconds 10] [--threads 4] [--rounds 5]
 *     [--commits-only true]   (only the commit path: a single node, a group of one member, three members)
 * </pre>
 */
public final class ReplicationBench {

    /** Rows loaded before the timed phases: point reads draw from ids 0..KEYS-1. */
    private static final long KEYS = 20_000;

    private final Path dir;
    private final int seconds;
    private final int threads;
    private final List<Process> processes = new ArrayList<>();

    private ReplicationBench(Path dir, int seconds, int threads) {
        this.dir = dir;
        this.seconds = seconds;
        this.threads = threads;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("repl-bench");
        int seconds = 10;
        int threads = 4;
        int rounds = 5;
        boolean commitsOnly = false;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--commits-only" -> commitsOnly = Boolean.parseBoolean(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        ReplicationBench b = new ReplicationBench(dir, seconds, threads);
        try {
            if (commitsOnly) {
                b.commitPath();
                return;
            }
            b.single();
            b.cluster(rounds);
        } finally {
            b.killAll();
        }
    }

    // ---- a node and its control connection ----

    private record Node(String url, int port, Process process) {
    }

    private Node launch(String url) throws Exception {
        int port = FreePorts.next();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                BenchNode.class.getName(), url, Integer.toString(port)));
        Files.createDirectories(dir);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node-" + port + ".out").toFile()))
                .start();
        processes.add(p);
        Node n = new Node(url, port, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                call(n, "SQL SELECT 1");
                return n;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("node " + url + " did not start", notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    private static String call(Node n, String command) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), n.port())) {
            s.setSoTimeout(600_000);
            PrintWriter out = new PrintWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out.println(command);
            out.flush();
            String r = in.readLine();
            if (r == null) {
                throw new IOException("no reply");
            }
            return r;
        }
    }

    private static String ok(Node n, String command) throws IOException {
        String r = call(n, command);
        if (!r.startsWith("OK")) {
            throw new IOException(command + ": " + r);
        }
        return r.substring(3);
    }

    private void kill(Node n) throws InterruptedException {
        n.process().destroyForcibly();
        n.process().waitFor(30, TimeUnit.SECONDS);
    }

    private void killAll() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    // ---- the phases ----

    /** Runs a load command; prints and returns ops/s. */
    private long measure(String label, Node n, String command) throws IOException {
        String[] f = ok(n, command).split(" ");
        long ops = Long.parseLong(f[0]);
        long perSecond = ops / seconds;
        System.out.printf("%-48s %9d ops/s  p50 %6d us  p99 %7d us  errors %s%s%n", label, perSecond,
                Long.parseLong(f[2]), Long.parseLong(f[3]), f[1], f.length > 4 ? "  " + f[4] : "");
        return perSecond;
    }

    private void single() throws Exception {
        Node n = launch("jdbc:lsm:" + dir.resolve("single") + "?sync=true");
        ok(n, "SQL CREATE TABLE b (id BIGINT PRIMARY KEY, v VARCHAR(40))");
        ok(n, "LOAD " + KEYS);
        ok(n, "INSERTS " + threads + " 2000 2000000000"); // warm-up, ids out of the read range
        measure("single node, sync=true: INSERT (" + threads + " threads)", n,
                "INSERTS " + threads + " " + seconds * 1000 + " 1000000000");
        long keys = KEYS;
        measure("single node: point SELECT (" + threads + " threads)", n,
                "READS " + threads + " " + seconds * 1000 + " " + keys);
        kill(n);
    }

    /**
     * Where a replicated commit's time goes: the same durable INSERTs on a single node, on a group of one member
     * (the Raft log, its fsync and the apply, with no network) and on three members (plus the round trip to a
     * follower and its fsync).
     */
    private void commitPath() throws Exception {
        Node single = launch("jdbc:lsm:" + dir.resolve("path-single") + "?sync=true");
        insertPhase("single node, sync=true: INSERT", single);
        kill(single);
        String one = "n1@127.0.0.1:" + FreePorts.next();
        Node member = launch("jdbc:lsm:" + dir.resolve("path-one") + "?cluster=" + one + "&node=n1&sync=true");
        insertPhase("1 member, sync=true: INSERT", member);
        kill(member);
        Node[] nodes = startCluster(clusterSpec(), "");
        int l = onLeader(nodes, "SQL CREATE TABLE b (id BIGINT PRIMARY KEY, v VARCHAR(40))");
        l = onLeader(nodes, "INSERTS " + threads + " 2000 2000000000");
        measure("3 members, sync=true: INSERT on the leader (" + threads + " threads)", nodes[l],
                "INSERTS " + threads + " " + seconds * 1000 + " 1000000000");
        for (Node n : nodes) {
            kill(n);
        }
    }

    private void insertPhase(String label, Node n) throws Exception {
        if (n.url().contains("cluster=")) {
            leader(new Node[] {n}); // a group of one elects itself
        }
        ok(n, "SQL CREATE TABLE b (id BIGINT PRIMARY KEY, v VARCHAR(40))");
        ok(n, "INSERTS " + threads + " 2000 2000000000");
        measure(label + " (" + threads + " threads)", n, "INSERTS " + threads + " " + seconds * 1000 + " 1000000000");
    }

    private String clusterSpec() throws IOException {
        return "n1@127.0.0.1:" + FreePorts.next() + ",n2@127.0.0.1:" + FreePorts.next() + ",n3@127.0.0.1:" + FreePorts.next();
    }

    private String memberUrl(String cluster, int i, String extra) {
        return "jdbc:lsm:" + dir.resolve("n" + (i + 1)) + "?cluster=" + cluster + "&node=n" + (i + 1) + "&sync=true"
                + extra;
    }

    private Node[] startCluster(String cluster, String extra) throws Exception {
        Node[] nodes = new Node[3];
        List<Thread> starting = new ArrayList<>();
        Exception[] failed = new Exception[1];
        for (int i = 0; i < 3; i++) {
            int k = i;
            Thread t = new Thread(() -> {
                try {
                    nodes[k] = launch(memberUrl(cluster, k, extra));
                } catch (Exception e) {
                    failed[0] = e;
                }
            });
            starting.add(t);
            t.start();
        }
        for (Thread t : starting) {
            t.join();
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        return nodes;
    }

    /** The index of the member whose own SYS.CLUSTER row says LEADER and that takes a write. */
    private static int leader(Node[] nodes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < nodes.length; i++) {
                if (nodes[i] == null || !nodes[i].process().isAlive()) {
                    continue;
                }
                try {
                    String r = ok(nodes[i], "SQL SELECT ROLE FROM SYS.CLUSTER WHERE NODE = 'n" + (i + 1) + "'");
                    if (r.equals("R LEADER")) {
                        return i;
                    }
                } catch (IOException e) {
                    // starting or dying
                }
            }
            Thread.sleep(20);
        }
        throw new IOException("no leader in 60 s");
    }

    private void awaitRows(Node n, long rows) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try {
                if (ok(n, "SQL SELECT COUNT(*) FROM b").equals("R " + rows)) {
                    return;
                }
            } catch (IOException e) {
                // the table is not there yet
            }
            Thread.sleep(100);
        }
        throw new IOException(n.url() + " did not reach " + rows + " rows");
    }

    /** Runs a write on whichever member leads, again while it is refused with 40R01 (an election under way). */
    private static int onLeader(Node[] nodes, String command) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            int l = leader(nodes);
            String r = call(nodes[l], command);
            if (r.startsWith("OK")) {
                return l;
            }
            if (!r.startsWith("ERR 40R01") || System.nanoTime() > deadline) {
                throw new IOException(command + ": " + r);
            }
            Thread.sleep(100);
        }
    }

    private void cluster(int rounds) throws Exception {
        String cluster = clusterSpec();
        Node[] nodes = startCluster(cluster, "");
        int l = onLeader(nodes, "SQL CREATE TABLE b (id BIGINT PRIMARY KEY, v VARCHAR(40))");
        l = onLeader(nodes, "LOAD " + KEYS);
        l = onLeader(nodes, "INSERTS " + threads + " 2000 2000000000");
        measure("3 members, sync=true: INSERT on the leader (" + threads + " threads)", nodes[l],
                "INSERTS " + threads + " " + seconds * 1000 + " 1000000000");
        long keys = KEYS;
        long all = Long.parseLong(ok(nodes[l], "SQL SELECT COUNT(*) FROM b").substring(2));
        int f = (l + 1) % 3;
        awaitRows(nodes[f], all);
        measure("3 members: local point SELECT on the leader", nodes[l],
                "READS " + threads + " " + seconds * 1000 + " " + keys);
        measure("3 members: local point SELECT on a follower", nodes[f],
                "READS " + threads + " " + seconds * 1000 + " " + keys);
        for (Node n : nodes) {
            kill(n);
        }

        nodes = startCluster(cluster, "&reads=linearizable");
        l = leader(nodes);
        f = (l + 1) % 3;
        awaitRows(nodes[f], all);
        measure("3 members: linearizable point SELECT on the leader", nodes[l],
                "READS " + threads + " " + seconds * 1000 + " " + keys);
        measure("3 members: linearizable point SELECT on a follower", nodes[f],
                "READS " + threads + " " + seconds * 1000 + " " + keys);

        long[] millis = new long[rounds];
        long id = 3_000_000_000L;
        for (int r = 0; r < rounds; r++) {
            l = onLeader(nodes, "SQL INSERT INTO b VALUES (" + id++ + ", 'before')");
            long killedAt = System.nanoTime();
            kill(nodes[l]);
            long acceptedAt = 0;
            while (acceptedAt == 0) {
                for (int i = 0; i < 3 && acceptedAt == 0; i++) {
                    if (i == l) {
                        continue;
                    }
                    try {
                        if (call(nodes[i], "SQL INSERT INTO b VALUES (" + id++ + ", 'after')").startsWith("OK")) {
                            acceptedAt = System.nanoTime();
                        }
                    } catch (IOException e) {
                        // not reachable: try the other
                    }
                }
                if (acceptedAt == 0) {
                    Thread.sleep(5);
                }
            }
            millis[r] = (acceptedAt - killedAt) / 1_000_000;
            System.out.printf("failover round %d: leader n%d killed, first commit accepted after %d ms%n", r + 1,
                    l + 1, millis[r]);
            // The killed member returns and catches up before the next round.
            nodes[l] = launch(memberUrl(cluster, l, "&reads=linearizable"));
            long rows = Long.parseLong(ok(nodes[leader(nodes)], "SQL SELECT COUNT(*) FROM b").substring(2));
            awaitRows(nodes[l], rows);
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf("failover: median %d ms over %d rounds (all: %s)%n", sorted[rounds / 2], rounds,
                Arrays.toString(millis));
    }
}
