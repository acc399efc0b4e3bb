package lsmdb.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import lsmdb.core.Options;
import lsmdb.core.WriteBatch;
import lsmdb.core.format.DbFiles;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.SizeInBytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose engine is behind its newest checkpoint replaces the engine with a copy of it. A crash anywhere in that
 * replacement must leave, at the next start, either the old engine (which is then restored again) or the whole
 * copy: never a part of the copy, which could open as a fresh database holding only the copied logs and claiming the
 * checkpoint's applied index without the checkpoint's tables.
 *
 * <p>The checkpoint comes from a source node: entries 1..4 flushed into a table, 5..6 only in its log, cut at 6. The
 * node under test holds entries 1..2 of other data and is given that checkpoint in its state machine directory, as
 * Ratis installs one.
 */
class RestoreCrashTest {

    private static final long SNAPSHOT_INDEX = 6;
    private static final RaftGroupId GROUP = RaftGroupId.randomId();

    @TempDir
    Path dir;

    private byte[] sourceDigest;
    private Path checkpoint;

    /** The crash a test injects: thrown from the restore's crash point. */
    private static final class Crash extends IOException {
        Crash() {
            super("simulated crash");
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static TxnEntry put(String key, String value) {
        return TxnEntry.of("n1", TxnEntry.BLIND, new WriteBatch().put(b(key), b(value)));
    }

    private static RaftServer server() {
        RaftPeerId id = RaftPeerId.valueOf("n1");
        return (RaftServer) Proxy.newProxyInstance(RaftServer.class.getClassLoader(), new Class<?>[] {RaftServer.class},
                (p, m, args) -> {
                    if (m.getName().equals("getId")) {
                        return id;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    /** One start of a node in {@code node}: its Raft storage and a state machine over {@code node/engine}. */
    private static final class Boot implements AutoCloseable {
        final RaftStorage storage;
        final LsmStateMachine sm;

        Boot(Path node, LsmStateMachine.CrashPoint crashPoint) throws IOException {
            Path raft = node.resolve("raft");
            boolean fresh = !Files.exists(raft);
            storage = RaftStorage.newBuilder().setDirectory(raft.toFile())
                    .setOption(fresh ? RaftStorage.StartupOption.FORMAT : RaftStorage.StartupOption.RECOVER)
                    .setStorageFreeSpaceMin(SizeInBytes.ONE_MB)
                    .setLogCorruptionPolicy(RaftServerConfigKeys.Log.CorruptionPolicy.EXCEPTION).build();
            storage.initialize();
            sm = new LsmStateMachine(node.resolve("engine"), Options.defaults().withSync(false), "n1",
                    (batch, sync, snap) -> {
                        throw new AssertionError("the state machine writes through its local writer only");
                    },
                    new LsmStateMachine.Listener() {
                        @Override
                        public void engineReplaced(EngineApplier applier) {
                        }

                        @Override
                        public void catalogChangedElsewhere() {
                        }

                        @Override
                        public void leaderChanged(RaftPeerId leader) {
                        }
                    });
            sm.crashPoint = crashPoint;
            try {
                sm.initialize(server(), GROUP, storage);
            } catch (IOException | RuntimeException e) {
                storage.close(); // the crash: nothing of this start is left open, as after a dead process
                throw e;
            }
        }

        Path smDir() {
            return storage.getStorageDir().getStateMachineDir().toPath();
        }

        @Override
        public void close() throws IOException {
            sm.close();
            storage.close();
        }
    }

    @BeforeEach
    void cutACheckpointOnASourceNode() throws IOException {
        try (Boot source = new Boot(dir.resolve("source"), LsmStateMachine.CrashPoint.NONE)) {
            EngineApplier a = source.sm.applier();
            for (int i = 1; i <= 4; i++) {
                a.apply(1, i, put("table-" + i, "v" + i));
            }
            a.engine().flush(); // entries 1..4 in a table, so a copy holding only the logs is visibly short
            a.apply(1, 5, put("log-5", "v5"));
            a.apply(1, 6, put("log-6", "v6"));
            assertEquals(SNAPSHOT_INDEX, source.sm.takeSnapshot());
            sourceDigest = Digest.of(a.engine());
            checkpoint = source.storage.getStorageDir().getStateMachineDir().toPath()
                    .resolve("checkpoint_1_" + SNAPSHOT_INDEX);
            assertTrue(Files.exists(checkpoint.resolve(DbFiles.CURRENT)));
        }
    }

    /** A node holding entries 1..2 of its own, with the source's checkpoint installed beside its engine. */
    private Path nodeBehindTheCheckpoint(String name) throws IOException {
        Path node = dir.resolve(name);
        try (Boot b = new Boot(node, LsmStateMachine.CrashPoint.NONE)) {
            b.sm.applier().apply(1, 1, put("old-1", "x"));
            b.sm.applier().apply(1, 2, put("old-2", "x"));
            copyTree(checkpoint, b.smDir().resolve(checkpoint.getFileName()));
        }
        assertTrue(Files.isDirectory(installedCheckpoint(node)));
        return node;
    }

    /** Where {@link #nodeBehindTheCheckpoint} installs the checkpoint (this test's Raft storage is node/raft). */
    private Path installedCheckpoint(Path node) {
        return node.resolve("raft").resolve("sm").resolve(checkpoint.getFileName());
    }

    /** Starts the node without faults and checks it holds exactly the checkpoint, at its index. */
    private void assertStartsWithTheCheckpoint(Path node) throws IOException {
        try (Boot b = new Boot(node, LsmStateMachine.CrashPoint.NONE)) {
            EngineApplier a = b.sm.applier();
            assertEquals(SNAPSHOT_INDEX, a.appliedIndex());
            assertArrayEquals(b("v1"), a.engine().get(b("table-1")), "the checkpoint's table data");
            assertArrayEquals(b("v6"), a.engine().get(b("log-6")), "the checkpoint's log data");
            assertNull(a.engine().get(b("old-1")), "nothing of the replaced engine");
            assertArrayEquals(sourceDigest, Digest.of(a.engine()));
        }
        assertLeftoversGone(node);
    }

    private static void assertLeftoversGone(Path node) {
        assertFalse(Files.exists(node.resolve("engine.restoring")), "the unfinished copy is removed");
        assertFalse(Files.exists(node.resolve("engine.old")), "the replaced engine is removed");
    }

    @Test
    void aCrashAtAnyPointOfARestoreLeavesTheOldEngineOrTheWholeCheckpoint() throws IOException {
        boolean sawOld = false;
        boolean sawCheckpoint = false;
        for (int crashAt = 1; ; crashAt++) {
            Path node = nodeBehindTheCheckpoint("node-" + crashAt);
            int[] reached = {0};
            int at = crashAt;
            LsmStateMachine.CrashPoint crash = () -> {
                if (++reached[0] == at) {
                    throw new Crash();
                }
            };
            boolean crashed;
            try {
                new Boot(node, crash).close();
                crashed = false;
            } catch (Crash e) {
                crashed = true;
            }
            if (crashed) {
                long index = assertHoldsTheOldEngineOrTheWholeCheckpoint(node);
                sawOld |= index == 2;
                sawCheckpoint |= index == SNAPSHOT_INDEX;
            }
            assertStartsWithTheCheckpoint(node);
            if (!crashed) {
                assertTrue(sawOld && sawCheckpoint, "crashes before the swap and after it (" + (crashAt - 1) + ")");
                return;
            }
            if (crashAt > 100) {
                fail("the restore kept reaching crash points");
            }
        }
    }

    /**
     * Starts the node with its checkpoint taken away, so nothing is restored again: what a crash left must open as
     * the old engine (entries 1..2) or as the whole checkpoint (6), each at its own applied index. The checkpoint is
     * put back after. Returns the applied index found.
     */
    private long assertHoldsTheOldEngineOrTheWholeCheckpoint(Path node) throws IOException {
        long index;
        Path kept = dir.resolve("kept-" + node.getFileName());
        Files.move(installedCheckpoint(node), kept);
        try (Boot b = new Boot(node, LsmStateMachine.CrashPoint.NONE)) {
            EngineApplier a = b.sm.applier();
            index = a.appliedIndex();
            if (index == 2) {
                assertArrayEquals(b("x"), a.engine().get(b("old-1")), "the old engine's data");
                assertArrayEquals(b("x"), a.engine().get(b("old-2")), "the old engine's data");
                assertNull(a.engine().get(b("log-5")), "nothing of the checkpoint in the old engine");
                assertNull(a.engine().get(b("table-1")), "nothing of the checkpoint in the old engine");
            } else {
                assertEquals(SNAPSHOT_INDEX, a.appliedIndex(), "the old engine's index (2) or the checkpoint's");
                assertArrayEquals(sourceDigest, Digest.of(a.engine()), "the whole checkpoint");
            }
        }
        assertLeftoversGone(node);
        Files.move(kept, installedCheckpoint(node));
        return index;
    }

    /**
     * The restored engine's tables are the checkpoint's own files under a second name (no second copy of the data);
     * its logs and MANIFEST are copies (the engine may have replaced them by the time it is open), so the checkpoint
     * stays byte for byte as it was while the engine writes on.
     */
    @Test
    void theRestoredEngineSharesTheCheckpointsTablesButNotItsLogs() throws IOException {
        Path node = nodeBehindTheCheckpoint("n");
        Path installed = installedCheckpoint(node);
        java.util.Map<String, String> before = contents(installed);
        try (Boot b = new Boot(node, LsmStateMachine.CrashPoint.NONE)) {
            int tables = 0;
            for (String name : before.keySet()) {
                DbFiles.Parsed kind = DbFiles.parse(name);
                Path restored = node.resolve("engine").resolve(name);
                if (kind == null || !Files.exists(restored)) {
                    continue;
                }
                boolean linked = Files.isSameFile(restored, installed.resolve(name));
                if (kind.kind() == DbFiles.Kind.TABLE) {
                    assertTrue(linked, name + " was copied, not linked");
                    tables++;
                } else if (kind.kind() == DbFiles.Kind.LOG || kind.kind() == DbFiles.Kind.MANIFEST) {
                    assertFalse(linked, name + " is shared with the checkpoint, and the engine appends to it");
                }
            }
            assertTrue(tables > 0, "no table of the checkpoint in the restored engine");
            b.sm.applier().apply(1, SNAPSHOT_INDEX + 1, put("after", "v7"));
            b.sm.applier().engine().flush();
        }
        assertEquals(before, contents(installed), "the checkpoint changed under the restored engine");
    }

    private static java.util.Map<String, String> contents(Path d) throws IOException {
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.list(d)) {
            for (Path f : s.toList()) {
                m.put(f.getFileName().toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(f)));
            }
        }
        return m;
    }

    // The states a crash leaves on disk at each step of the swap, prepared by hand.

    /** The copy unfinished (no CURRENT, some files missing), the old engine in place. */
    @Test
    void anUnfinishedCopyBesideTheOldEngineIsDiscardedAndTheRestoreRunsAgain() throws IOException {
        Path node = nodeBehindTheCheckpoint("n");
        Path restoring = node.resolve("engine.restoring");
        copyTree(checkpoint, restoring);
        deleteLogs(restoring);
        Files.delete(restoring.resolve(DbFiles.CURRENT));
        assertStartsWithTheCheckpoint(node);
    }

    /** The old engine moved aside, the copy complete, no engine directory: the copy is the engine. */
    @Test
    void aCompleteCopyWithTheOldEngineMovedAsideBecomesTheEngine() throws IOException {
        Path node = nodeBehindTheCheckpoint("n");
        Files.move(node.resolve("engine"), node.resolve("engine.old"));
        copyTree(checkpoint, node.resolve("engine.restoring"));
        assertStartsWithTheCheckpoint(node);
    }

    /**
     * As above, but the node's own checkpoint is gone (it could not be restored again): the complete copy alone
     * must become the engine, not a fresh empty database.
     */
    @Test
    void aCompleteCopyIsUsedEvenWhenTheCheckpointCannotBeRestoredAgain() throws IOException {
        Path node = nodeBehindTheCheckpoint("n");
        Files.move(node.resolve("engine"), node.resolve("engine.old"));
        copyTree(checkpoint, node.resolve("engine.restoring"));
        deleteTree(installedCheckpoint(node));
        try (Boot b = new Boot(node, LsmStateMachine.CrashPoint.NONE)) {
            assertEquals(SNAPSHOT_INDEX, b.sm.applier().appliedIndex());
            assertArrayEquals(sourceDigest, Digest.of(b.sm.applier().engine()));
        }
        assertLeftoversGone(node);
    }

    /** The old engine moved aside, the copy unfinished, no engine directory: the old engine comes back. */
    @Test
    void anUnfinishedCopyWithTheOldEngineMovedAsideBringsTheOldEngineBack() throws IOException {
        Path node = nodeBehindTheCheckpoint("n");
        Files.move(node.resolve("engine"), node.resolve("engine.old"));
        Path restoring = node.resolve("engine.restoring");
        copyTree(checkpoint, restoring);
        Files.delete(restoring.resolve(DbFiles.CURRENT));
        // Without the checkpoint, the node must find its old engine (index 2), not a fresh empty database.
        Path smCheckpoint = installedCheckpoint(node);
        Path kept = dir.resolve("kept-checkpoint");
        Files.move(smCheckpoint, kept);
        try (Boot b = new Boot(node, LsmStateMachine.CrashPoint.NONE)) {
            assertEquals(2, b.sm.applier().appliedIndex());
            assertArrayEquals(b("x"), b.sm.applier().engine().get(b("old-2")));
        }
        assertLeftoversGone(node);
        // With it back, the next start restores it.
        Files.move(kept, smCheckpoint);
        assertStartsWithTheCheckpoint(node);
    }

    /** The copy in place, the old engine not yet deleted. */
    @Test
    void theOldEngineLeftAsideAfterTheSwapIsDeleted() throws IOException {
        Path node = nodeBehindTheCheckpoint("n");
        Files.move(node.resolve("engine"), node.resolve("engine.old"));
        copyTree(checkpoint, node.resolve("engine"));
        assertStartsWithTheCheckpoint(node);
    }

    private static void deleteLogs(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : s.toList()) {
                if (p.getFileName().toString().endsWith(".log")) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
