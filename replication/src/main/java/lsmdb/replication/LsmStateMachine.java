package lsmdb.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import lsmdb.core.CommitRoute;
import lsmdb.core.LsmDb;
import lsmdb.core.Options;
import lsmdb.core.format.DbFiles;
import lsmdb.core.io.FileCopy;
import lsmdb.core.io.FileSystem;
import lsmdb.core.io.RealFileSystem;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;

/**
 * The Ratis state machine of one node: it owns the node's engine and applies committed entries to it in log order
 * through {@link EngineApplier}.
 *
 * <p>The Raft log and the engine's WAL divide the work so: entries are applied without syncing the engine's WAL,
 * and the applied index is written in the same atomic batch as the data. After a restart Ratis replays the log
 * from the newest snapshot; entries at or below the engine's applied index are skipped, so replay is exact. A Raft
 * snapshot is an lsmdb checkpoint cut while applying is held, so it sits exactly at its index; the log is purged
 * only up to it. If the engine ever holds less than the newest checkpoint (its unsynced tail lost with the machine),
 * or a leader sends a checkpoint because this node was away longer than the retained log, the engine is replaced
 * by a copy of that checkpoint.
 */
final class LsmStateMachine extends BaseStateMachine {

    /** What the node hears from its state machine. */
    interface Listener {
        /** A new engine replaced the old one (a checkpoint was installed); the old one is closed. */
        void engineReplaced(EngineApplier applier);

        /** An entry proposed by another node changed the SQL catalog. */
        void catalogChangedElsewhere();

        void leaderChanged(RaftPeerId leader);
    }

    /** Restores write through the file layer: an interrupted Ratis thread would close a channel of their own. */
    private static final FileSystem FS = RealFileSystem.INSTANCE;

    private final Path engineDir;
    private final Options options;
    private final String self;
    private final CommitRoute route;
    private final Listener listener;
    private final CheckpointStorage storage = new CheckpointStorage();
    private volatile EngineApplier applier;
    /** Test seam: passed at each step of a restore; a test throws from it to stop there as a crash would. */
    volatile CrashPoint crashPoint = CrashPoint.NONE;

    interface CrashPoint {
        CrashPoint NONE = () -> { };

        void reached() throws IOException;
    }

    LsmStateMachine(Path engineDir, Options options, String self, CommitRoute route, Listener listener) {
        this.engineDir = engineDir;
        this.options = options;
        this.self = self;
        this.route = route;
        this.listener = listener;
    }

    EngineApplier applier() {
        return applier;
    }

    @Override
    public CheckpointStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public FileListSnapshotInfo getLatestSnapshot() {
        return storage.getLatestSnapshot();
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        // RUNNING once loaded: Ratis pauses a running state machine before it installs a checkpoint into it.
        getLifeCycle().startAndTransition(() -> {
            super.initialize(server, groupId, raftStorage);
            storage.init(raftStorage);
            load();
        });
    }

    /** Opens the engine, first restoring the newest checkpoint if the engine is behind it (or missing). */
    private void load() throws IOException {
        settleRestore();
        FileListSnapshotInfo snap = storage.getLatestSnapshot();
        EngineApplier a = open();
        if (snap != null && a.appliedIndex() < snap.getIndex()) {
            a.engine().close();
            restore(storage.directoryOf(snap));
            a = open();
        }
        setLastAppliedTermIndex(snap == null ? null : snap.getTermIndex());
        applier = a;
    }

    private EngineApplier open() throws IOException {
        LsmDb engine = LsmDb.open(engineDir, options.withCreateIfMissing(true));
        try {
            return new EngineApplier(engine, engine.routeCommits(route));
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** Where a restore builds the copy of a checkpoint; complete once it holds CURRENT (written last). */
    private Path restoring() {
        return engineDir.resolveSibling(engineDir.getFileName() + ".restoring");
    }

    /** Where a restore moves the replaced engine until the copy is in its place. */
    private Path replaced() {
        return engineDir.resolveSibling(engineDir.getFileName() + ".old");
    }

    /**
     * Replaces the engine's directory with a copy of {@code checkpoint}: tables hard-linked where the file system
     * allows (they never change, and a link costs no space or copying), logs and MANIFEST copied (the engine appends to
     * them).
     *
     * <p>A crash at any point must leave the old engine or the whole copy, never a part: a copy without CURRENT opens
     * as a fresh database that replays the copied logs, so it claims the checkpoint's applied index without its
     * tables and is never restored again. So the copy is built aside, every file and name synced, CURRENT last, and
     * only then swapped in by two renames; {@link #settleRestore} finishes or undoes a swap a crash interrupted.
     */
    private void restore(Path checkpoint) throws IOException {
        Path tmp = restoring();
        Path old = replaced();
        Path parent = engineDir.toAbsolutePath().getParent();
        CheckpointStorage.deleteTree(tmp);
        FS.createDirectories(tmp);
        Path current = null;
        try (Stream<Path> s = Files.list(checkpoint)) {
            for (Path f : s.toList()) {
                if (f.getFileName().toString().equals(DbFiles.CURRENT)) {
                    current = f;
                } else if (Files.isRegularFile(f) && !f.toString().endsWith(CheckpointStorage.DIGEST_SUFFIX)) {
                    if (isTable(f)) {
                        FileCopy.linkOrCopySynced(FS, f, tmp.resolve(f.getFileName())); // tables never change
                    } else {
                        copySynced(f, tmp.resolve(f.getFileName())); // the engine appends to logs and MANIFEST
                    }
                    crashPoint.reached();
                }
            }
        }
        if (current == null) {
            throw new IOException(checkpoint + " holds no CURRENT: not a complete checkpoint");
        }
        FS.syncDirectory(tmp); // every name durable before CURRENT marks the copy complete
        Path currentTmp = tmp.resolve(DbFiles.CURRENT + ".tmp");
        copySynced(current, currentTmp);
        FS.rename(currentTmp, tmp.resolve(DbFiles.CURRENT)); // atomic: no torn CURRENT marks a copy complete
        FS.syncDirectory(tmp);
        crashPoint.reached();
        // The swap. Each rename is synced before the next step, so a crash finds the directories in one of the
        // states settleRestore expects: (engine, copy), (old, copy), (old, engine) or (engine).
        if (Files.exists(engineDir)) {
            FS.rename(engineDir, old);
            FS.syncDirectory(parent);
            crashPoint.reached();
        }
        FS.rename(tmp, engineDir);
        FS.syncDirectory(parent);
        crashPoint.reached();
        CheckpointStorage.deleteTree(old);
    }

    /**
     * Finishes or undoes a restore a crash interrupted (see {@link #restore}), before the engine is opened: with
     * the engine directory missing, a complete copy becomes the engine, else the old engine moved aside comes back.
     * What is left beside the engine then is garbage: an unfinished copy, or the engine a finished swap replaced.
     */
    private void settleRestore() throws IOException {
        Path tmp = restoring();
        Path old = replaced();
        if (!Files.exists(engineDir)) {
            if (Files.isRegularFile(tmp.resolve(DbFiles.CURRENT))) {
                FS.rename(tmp, engineDir);
            } else if (Files.isDirectory(old)) {
                FS.rename(old, engineDir);
            }
            if (Files.exists(engineDir)) {
                FS.syncDirectory(engineDir.toAbsolutePath().getParent());
            }
        }
        CheckpointStorage.deleteTree(tmp);
        CheckpointStorage.deleteTree(old);
    }

    private static boolean isTable(Path f) {
        DbFiles.Parsed p = DbFiles.parse(f.getFileName().toString());
        return p != null && p.kind() == DbFiles.Kind.TABLE;
    }

    /** Copies {@code from} to a new file {@code to} and syncs it, through the interrupt-proof file layer. */
    private static void copySynced(Path from, Path to) throws IOException {
        FileCopy.copySynced(FS, from, Files.size(from), FS, to);
    }

    /** Before Ratis installs a leader's checkpoint: no entry is applied until {@link #reinitialize()}. */
    @Override
    public void pause() {
        if (getLifeCycleState() == LifeCycle.State.RUNNING) {
            getLifeCycle().transition(LifeCycle.State.PAUSING);
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    /** After Ratis installed a leader's checkpoint into the state machine directory: switch the engine to it. */
    @Override
    public void reinitialize() throws IOException {
        EngineApplier old = applier;
        if (old != null) {
            old.engine().close();
        }
        load();
        listener.engineReplaced(applier);
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto e = trx.getLogEntry();
        try {
            TxnEntry entry = TxnEntry.decode(e.getStateMachineLogEntry().getLogData().toByteArray());
            ApplyResult r = applier.apply(e.getTerm(), e.getIndex(), entry);
            updateLastAppliedTermIndex(e.getTerm(), e.getIndex());
            if (r.touchedCatalog() && !entry.origin().equals(self)) {
                listener.catalogChangedElsewhere();
            }
            return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(r.encode())));
        } catch (IOException | RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    /** A read index request: Ratis calls this once this node applied the leader's commit index; nothing to return. */
    @Override
    public CompletableFuture<Message> query(Message request) {
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    /** Cuts a checkpoint at exactly the engine's applied index (applying waits meanwhile). */
    @Override
    public long takeSnapshot() throws IOException {
        EngineApplier a = applier;
        a.lock();
        TermIndex at;
        Path tmp;
        try {
            at = TermIndex.valueOf(a.appliedTerm(), a.appliedIndex());
            // SHUTDOWN closes the engine before the node stops, and Ratis's updater may still ask for a snapshot.
            if (at.getIndex() <= 0 || a.engine().isClosed()) {
                return RaftLog.INVALID_LOG_INDEX;
            }
            if (Files.isDirectory(storage.checkpointDir(at.getTerm(), at.getIndex()))) {
                return at.getIndex();
            }
            tmp = storage.directory().resolve("checkpoint_" + at.getTerm() + "_" + at.getIndex() + ".tmp");
            CheckpointStorage.deleteTree(tmp);
            a.engine().checkpoint(tmp);
        } finally {
            a.unlock();
        }
        FS.rename(tmp, storage.checkpointDir(at.getTerm(), at.getIndex()));
        // Ratis purges its log up to the returned index: the checkpoint's name must survive a power loss first.
        FS.syncDirectory(storage.directory());
        storage.cleanupOldSnapshots(null);
        return at.getIndex();
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId leader) {
        listener.leaderChanged(leader);
    }

    @Override
    public void close() throws IOException {
        super.close();
        EngineApplier a = applier;
        if (a != null) {
            a.engine().close();
        }
    }
}
