package lsmdb.replication;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Cluster members as child JVMs ({@link ProcessNode}) on loopback, each driven through its control port. Killing
 * one is {@link Process#destroyForcibly()}: SIGKILL on Linux, no shutdown hook, no close. {@link #close()} kills
 * whatever still runs, so no child outlives the test.
 */
final class ProcessCluster implements AutoCloseable {

    /** What a STATUS command reports. */
    record Status(String role, boolean ready, String leader, long term, long commitIndex, long appliedIndex,
                  long snapshotIndex, long logStartIndex) {
        static Status parse(String reply) {
            String[] f = reply.split(" ");
            return new Status(f[1], Boolean.parseBoolean(f[2]), f[3], Long.parseLong(f[4]), Long.parseLong(f[5]),
                    Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]));
        }
    }

    /** One control connection (one SQL session on that node). */
    static final class Client implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final PrintWriter out;

        Client(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000); // above the node's commit timeout: a reply, not a guess
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = new PrintWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
        }

        /** Sends one command; the reply line ("OK ..." or "ERR sqlstate message"). */
        String call(String command) throws IOException {
            out.println(command);
            out.flush();
            String r = in.readLine();
            if (r == null) {
                throw new IOException("the node closed the control connection");
            }
            return r;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** How a retried statement whose first attempt took effect is answered: duplicate key, table exists. */
    private static final Set<String> ALREADY_DONE = Set.of("ERR 23505", "ERR 42S01");

    /** Enough for a stack trace and what led to it. */
    private static final int LOG_LINES_SHOWN = 40;

    private final Path dir;
    private final String cluster;
    /** Each member's control port as it reported it; 0 while it is not known (not started, or killed). */
    private final AtomicIntegerArray controlPorts;
    private final Process[] processes;
    private final String snapshotEvery;
    private final String segmentSize;
    private final String purgeGap;
    private final boolean sync;
    private final List<String> jvmOptions;

    ProcessCluster(Path dir, int size, long snapshotEvery, String segmentSize, int purgeGap, boolean sync,
                   List<String> jvmOptions) throws IOException {
        this.dir = dir;
        this.snapshotEvery = Long.toString(snapshotEvery);
        this.segmentSize = segmentSize;
        this.purgeGap = Integer.toString(purgeGap);
        this.sync = sync;
        this.jvmOptions = List.copyOf(jvmOptions);
        List<String> members = new ArrayList<>();
        controlPorts = new AtomicIntegerArray(size);
        for (int i = 0; i < size; i++) {
            members.add("n" + (i + 1) + "@127.0.0.1:" + FreePorts.next());
        }
        cluster = String.join(",", members);
        processes = new Process[size];
    }

    /** Small, quickly started test JVMs. */
    static List<String> testJvm() {
        return List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }

    int size() {
        return processes.length;
    }

    /** Launches every member at once and waits until each answers on its control port. */
    void startAll() throws IOException, InterruptedException {
        for (int i = 0; i < processes.length; i++) {
            launch(i);
        }
        for (int i = 0; i < processes.length; i++) {
            awaitControl(i);
        }
    }

    /** Launches member i (again, on its own directory) and waits until it answers. */
    void start(int i) throws IOException, InterruptedException {
        launch(i);
        awaitControl(i);
    }

    private void launch(int i) throws IOException {
        if (processes[i] != null && processes[i].isAlive()) {
            throw new IllegalStateException("n" + (i + 1) + " is running");
        }
        String id = "n" + (i + 1);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ProcessNode.class.getName());
        cmd.add(dir.resolve(id).toString());
        cmd.add(cluster);
        cmd.add(id);
        cmd.add(controlPortFile(i).toString());
        cmd.add(snapshotEvery);
        cmd.add(segmentSize);
        cmd.add(purgeGap);
        cmd.add(Boolean.toString(sync));
        Files.createDirectories(dir);
        controlPorts.set(i, 0);
        Files.deleteIfExists(controlPortFile(i)); // a new one is the sign of this run's bound port
        processes[i] = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(i).toFile())).start();
    }

    /** Member i's standard output and error, every run of it appended. */
    private Path log(int i) {
        return dir.resolve("n" + (i + 1) + ".out");
    }

    /** Where member i writes the control port it bound. */
    private Path controlPortFile(int i) {
        return dir.resolve("n" + (i + 1) + ".port");
    }

    private void awaitControl(int i) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (!processes[i].isAlive()) {
                throw new IOException("n" + (i + 1) + " exited with " + processes[i].exitValue() + "; "
                        + LogTail.of(log(i), LOG_LINES_SHOWN));
            }
            if (Files.exists(controlPortFile(i))) {
                int port = Integer.parseInt(Files.readString(controlPortFile(i)).trim());
                try (Client c = new Client(port)) {
                    if (c.call("STATUS").startsWith("OK")) {
                        controlPorts.set(i, port);
                        return;
                    }
                } catch (IOException notYet) {
                    // accepting, but not answering yet
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("n" + (i + 1) + " did not start in 60 s; "
                        + LogTail.of(log(i), LOG_LINES_SHOWN));
            }
            Thread.sleep(100);
        }
    }

    /** SIGKILL: the member dies at once, mid-write, without closing anything. */
    void kill(int i) throws InterruptedException {
        Process p = processes[i];
        if (p != null) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        controlPorts.set(i, 0); // the port is free now and may go to another process
    }

    boolean alive(int i) {
        return processes[i] != null && processes[i].isAlive();
    }

    Client client(int i) throws IOException {
        int port = controlPorts.get(i);
        if (port == 0) {
            throw new ConnectException("n" + (i + 1) + " is not running");
        }
        return new Client(port);
    }

    /** One command on a fresh connection to member i. */
    String call(int i, String command) throws IOException {
        try (Client c = client(i)) {
            return c.call(command);
        }
    }

    Status status(int i) throws IOException {
        String r = call(i, "STATUS");
        if (!r.startsWith("OK")) {
            throw new IOException("STATUS on n" + (i + 1) + ": " + r);
        }
        return Status.parse(r);
    }

    /** The index of the member that is a ready leader, waiting up to {@code seconds} for one. */
    int awaitLeader(int seconds) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < processes.length; i++) {
                if (!alive(i)) {
                    continue;
                }
                try {
                    if (status(i).ready()) {
                        return i;
                    }
                } catch (IOException e) {
                    // dying or starting
                }
            }
            Thread.sleep(50);
        }
        throw new IOException("no leader among the running members in " + seconds + " s; " + statuses());
    }

    /** Each member's STATUS reply, or why there is none: tells a slow election from a member that hangs. */
    private String statuses() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < processes.length; i++) {
            b.append(i > 0 ? "; " : "").append('n').append(i + 1).append(": ");
            if (!alive(i)) {
                b.append("not running");
                continue;
            }
            try {
                b.append(call(i, "STATUS"));
            } catch (IOException e) {
                b.append(e);
            }
        }
        return b.toString();
    }

    /**
     * Runs statements on whichever member leads, each to effect once. A refusal (40R01: nothing written) goes to the
     * next leader as it is; so does a statement whose outcome is unknown (40003, or the connection lost while it
     * ran), as a client must when leadership moves under load. If that first attempt committed after all, the retry
     * meets its effect ({@link #ALREADY_DONE}), which counts as done: the tests write keyed rows and named tables.
     */
    void write(String... statements) throws IOException, InterruptedException {
        int done = 0;
        boolean outcomeUnknown = false; // of an earlier attempt at statements[done]
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (done < statements.length) {
            int l = awaitLeader(30);
            boolean inFlight = false;
            try (Client c = client(l)) {
                for (; done < statements.length; done++) {
                    inFlight = true;
                    String r = c.call("SQL " + statements[done]);
                    inFlight = false;
                    if (r.startsWith("ERR 40R01")) {
                        break;
                    }
                    if (r.startsWith("ERR 40003")) {
                        outcomeUnknown = true;
                        break;
                    }
                    if (!r.startsWith("OK") && !(outcomeUnknown && ALREADY_DONE.stream().anyMatch(r::startsWith))) {
                        throw new IOException(statements[done] + " failed on n" + (l + 1) + ": " + r);
                    }
                    outcomeUnknown = false;
                }
            } catch (java.net.SocketException e) {
                outcomeUnknown |= inFlight; // the leader went away, maybe after committing the statement
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("could not write in 60 s");
            }
        }
    }

    /** Waits until every running member has applied as far as the leader and holds the same digest. */
    List<String> awaitSameDigest() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> digests = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            long target = status(awaitLeader(30)).appliedIndex();
            digests.clear();
            boolean caughtUp = true;
            for (int i = 0; i < processes.length; i++) {
                if (alive(i)) {
                    caughtUp &= status(i).appliedIndex() >= target;
                }
            }
            if (caughtUp) {
                for (int i = 0; i < processes.length; i++) {
                    if (alive(i)) {
                        digests.add("n" + (i + 1) + "=" + call(i, "DIGEST").substring(3));
                    }
                }
                if (digests.stream().map(d -> d.substring(d.indexOf('=') + 1)).distinct().count() == 1) {
                    return digests;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the running members did not converge to one digest: " + digests);
    }

    /** Kills every member still running and waits for each to be gone. */
    @Override
    public void close() {
        for (Process p : processes) {
            if (p != null) {
                p.destroyForcibly();
            }
        }
        for (Process p : processes) {
            if (p != null) {
                try {
                    p.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
