package lsmdb.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members as separate JVMs, killed with SIGKILL ({@link Process#destroyForcibly()}): nothing closes, nothing
 * flushes, the Raft log and the engine are left as the kernel has them.
 */
class ProcessCrashTest {

    @TempDir
    Path dir;

    private ProcessCluster cluster;

    @AfterEach
    void killAll() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Set<Integer> ids(ProcessCluster c, int node) throws IOException {
        String r = c.call(node, "SQL SELECT id FROM t");
        assertTrue(r.startsWith("OK R"), r);
        Set<Integer> out = new HashSet<>();
        String rows = r.substring(4).trim();
        if (!rows.isEmpty()) {
            for (String row : rows.split(";")) {
                out.add(Integer.parseInt(row));
            }
        }
        return out;
    }

    /**
     * A client's loop: inserts rows with fresh ids on whichever member leads; a reply OK is an acknowledged commit.
     * A refusal (40R01), an unknown outcome or a lost connection is not acknowledged: the client moves to the leader
     * it finds next and goes on with a new id.
     */
    private static void insertUntil(ProcessCluster c, AtomicInteger ids, Set<Integer> acknowledged,
                                    AtomicLong ackedAfterKill, AtomicLong killedAt, long target) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (ackedAfterKill.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("writes did not resume after the leader was killed: " + acknowledged.size()
                        + " acknowledged, " + ackedAfterKill.get() + " of them after the kill");
            }
            int leader;
            try {
                leader = c.awaitLeader(30);
            } catch (IOException e) {
                continue;
            }
            try (ProcessCluster.Client client = c.client(leader)) {
                while (ackedAfterKill.get() < target) {
                    int id = ids.incrementAndGet();
                    boolean afterKill = killedAt.get() != 0; // read before the write: a write begun after the kill
                    String r = client.call("SQL INSERT INTO t VALUES (" + id + ", " + leader + ")");
                    if (!r.startsWith("OK")) {
                        break; // refused or unknown: find the leader again
                    }
                    acknowledged.add(id);
                    if (afterKill) {
                        ackedAfterKill.incrementAndGet();
                    }
                }
            } catch (IOException lost) {
                Thread.sleep(20); // the member died under us: this write's outcome is unknown
            }
        }
    }

    @Test
    void killingTheLeaderMidStreamLosesNoAcknowledgedCommitAndClientsGoOnWithTheNewLeader() throws Exception {
        cluster = new ProcessCluster(dir, 3, 0, "1MB", 1024, false, ProcessCluster.testJvm());
        cluster.startAll();
        cluster.write("CREATE TABLE t (id INT PRIMARY KEY, via INT)");

        AtomicInteger ids = new AtomicInteger();
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicLong ackedAfterKill = new AtomicLong();
        AtomicLong killedAt = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        int old;
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                running.add(clients.submit(() -> {
                    insertUntil(cluster, ids, acknowledged, ackedAfterKill, killedAt, 10);
                    return null;
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() < 30) {
                assertTrue(System.nanoTime() < deadline, "only " + acknowledged.size() + " commits in 60 s");
                Thread.sleep(10);
            }
            old = cluster.awaitLeader(30);
            killedAt.set(System.nanoTime());
            cluster.kill(old); // SIGKILL with commits in flight
            for (Future<?> f : running) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }

        int next = cluster.awaitLeader(30);
        assertNotEquals(old, next, "the killed member cannot lead");
        assertTrue(ackedAfterKill.get() >= 10, "clients went on after the kill");
        List<String> digests = cluster.awaitSameDigest();
        assertEquals(2, digests.size(), digests.toString());
        for (int i = 0; i < 3; i++) {
            if (i == old) {
                continue;
            }
            Set<Integer> present = ids(cluster, i);
            for (int id : acknowledged) {
                assertTrue(present.contains(id), "acknowledged row " + id + " missing on n" + (i + 1));
            }
        }

        // The killed leader comes back as a follower and catches up from the log.
        cluster.start(old);
        cluster.write("INSERT INTO t VALUES (-1, -1)");
        assertEquals(3, cluster.awaitSameDigest().size());
        assertTrue(ids(cluster, old).containsAll(acknowledged), "the restarted member lacks acknowledged rows");
    }

    @Test
    void aKilledFollowerCatchesUpByLogAndAfterThePurgeByCheckpoint() throws Exception {
        // Checkpoints only when asked; 4 KB log segments, purged right after a checkpoint.
        cluster = new ProcessCluster(dir, 3, 0, "4KB", 1, false, ProcessCluster.testJvm());
        cluster.startAll();
        cluster.write("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(100))");
        insert(0, 20);
        int leader = cluster.awaitLeader(30);
        int follower = (leader + 1) % 3;
        cluster.awaitSameDigest();

        // By log: the leader keeps every entry the follower misses.
        cluster.kill(follower);
        insert(20, 50);
        long logStart = cluster.status(cluster.awaitLeader(30)).logStartIndex();
        cluster.start(follower);
        cluster.awaitSameDigest();
        ProcessCluster.Status back = cluster.status(follower);
        assertEquals(0, back.snapshotIndex(), "caught up from the log, no checkpoint installed");
        assertTrue(logStart <= 1, "nothing was purged: the log held everything");
        assertEquals(50, ids(cluster, follower).size());

        // By checkpoint: both running members purge their logs past everything the follower has. Both, not just
        // the leader: leadership may move under load, and a leader that kept its log would send the follower that.
        long appliedBefore = back.appliedIndex();
        cluster.kill(follower);
        insert(50, 120);
        long snapshotIndex = Long.MAX_VALUE;
        long purgedTo = Long.MAX_VALUE;
        for (int member = 0; member < 3; member++) {
            if (member == follower) {
                continue;
            }
            String snap = cluster.call(member, "SNAPSHOT");
            assertTrue(snap.startsWith("OK"), snap);
            snapshotIndex = Math.min(snapshotIndex, Long.parseLong(snap.substring(3)));
            int purging = member;
            purgedTo = Math.min(purgedTo, awaitValue(() -> cluster.status(purging).logStartIndex(),
                    v -> v > appliedBefore + 1, "n" + (member + 1) + " to purge its log past the killed follower"));
        }
        cluster.start(follower);
        insert(120, 125);
        cluster.awaitSameDigest();
        back = cluster.status(follower);
        assertTrue(back.snapshotIndex() >= snapshotIndex,
                "the follower installed a checkpoint at " + snapshotIndex + " or later (logs purged to " + purgedTo
                        + "), it has " + back.snapshotIndex());
        assertEquals(125, ids(cluster, follower).size());
    }

    private void insert(int from, int to) throws Exception {
        String[] rows = new String[to - from];
        for (int i = from; i < to; i++) {
            rows[i - from] = "INSERT INTO t VALUES (" + i + ", 'a row long enough to fill small log segments " + i
                    + "')";
        }
        cluster.write(rows);
    }

    interface IoLong {
        long get() throws IOException;
    }

    private static long awaitValue(IoLong value, java.util.function.LongPredicate ok, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            long v = value.get();
            if (ok.test(v)) {
                return v;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + " (last value " + v + ")");
            }
            Thread.sleep(50);
        }
    }
}
