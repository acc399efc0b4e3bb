package lsmdb.replication;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import lsmdb.core.Options;
import lsmdb.sql.Result;
import lsmdb.sql.Session;
import org.apache.ratis.util.SizeInBytes;

/** Three nodes in this JVM over loopback, on ports free at the time they are chosen. */
final class TestCluster implements AutoCloseable {

    static final ReplicatedNode.Tuning FAST = new ReplicatedNode.Tuning(0, SizeInBytes.valueOf("1MB"), 1024, 800, 1600, false);
    /** A checkpoint every 40 entries, small log segments purged right after: a node away long needs a checkpoint. */
    static final ReplicatedNode.Tuning SHORT_LOG = new ReplicatedNode.Tuning(40, SizeInBytes.valueOf("2KB"), 1, 800, 1600, false);

    private final Path dir;
    private final ReplicatedNode.Tuning tuning;
    private final String cluster;
    private final ReplicatedNode[] nodes;

    TestCluster(Path dir, int size, ReplicatedNode.Tuning tuning) throws IOException {
        this.dir = dir;
        this.tuning = tuning;
        List<String> members = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            members.add("n" + i + "@127.0.0.1:" + FreePorts.next());
        }
        this.cluster = String.join(",", members);
        this.nodes = new ReplicatedNode[size];
        // Started together, as a cluster comes up: each start binds its port and loads its engine.
        List<java.util.concurrent.CompletableFuture<ReplicatedNode>> starting = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int n = i;
            starting.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return start(n);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        starting.forEach(java.util.concurrent.CompletableFuture::join);
    }

    ReplicatedNode start(int i) throws IOException {
        String id = "n" + (i + 1);
        nodes[i] = ReplicatedNode.start(ClusterConfig.parse(cluster, id), dir.resolve(id),
                Options.defaults().withSync(false), tuning);
        return nodes[i];
    }

    ReplicatedNode node(int i) {
        return nodes[i];
    }

    void stop(int i) throws IOException {
        nodes[i].close();
        nodes[i] = null;
    }

    int indexOf(ReplicatedNode n) {
        return Arrays.asList(nodes).indexOf(n);
    }

    List<ReplicatedNode> running() {
        List<ReplicatedNode> out = new ArrayList<>();
        for (ReplicatedNode n : nodes) {
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }

    /** The leader once the running nodes agree on one. */
    ReplicatedNode leader() {
        ReplicatedNode[] found = new ReplicatedNode[1];
        await("a leader among " + running().size() + " nodes", () -> {
            for (ReplicatedNode n : running()) {
                if (n.isLeader()) {
                    found[0] = n;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    ReplicatedNode follower() {
        ReplicatedNode l = leader();
        return running().stream().filter(n -> n != l).findFirst().orElseThrow();
    }

    /** Waits until every running node has applied everything the leader has. */
    void awaitConverged() {
        ReplicatedNode l = leader();
        long target = l.appliedIndex();
        await("every node applied up to " + target, () -> running().stream().allMatch(n -> n.appliedIndex() >= target));
    }

    void assertSameData() {
        awaitConverged();
        List<ReplicatedNode> r = running();
        byte[] first = Digest.of(r.get(0).applier().engine());
        for (ReplicatedNode n : r.subList(1, r.size())) {
            assertTrue(Arrays.equals(first, Digest.of(n.applier().engine())),
                    "node " + n.id() + " holds different data from node " + r.get(0).id());
        }
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    /**
     * Runs auto-commit statements on whichever node leads, moving to the new leader when one refuses with 40R01 (as
     * a client must: a loaded machine may hold an election at any time). Statements already run are not repeated.
     */
    void write(String... statements) throws SQLException {
        int done = 0;
        for (int attempt = 0; done < statements.length; attempt++) {
            try (Session s = leader().database().openSession()) {
                for (; done < statements.length; done++) {
                    run(s, statements[done]);
                }
            } catch (NotLeaderException e) {
                if (attempt > 20) {
                    throw e;
                }
            }
        }
    }

    static long run(Session s, String sql) throws SQLException {
        Result r = s.execute(s.prepare(sql), new Object[0]);
        if (r.isQuery()) {
            r.rows().close();
        }
        return r.updateCount();
    }

    static Object scalar(Session s, String sql) throws SQLException {
        Result r = s.execute(s.prepare(sql), new Object[0]);
        try (var rows = r.rows()) {
            assertTrue(rows.next(), "no row from " + sql);
            return rows.get(0);
        }
    }

    @Override
    public void close() throws IOException {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null) {
                stop(i);
            }
        }
    }
}
