package lsmdb.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lsmdb.core.Options;
import lsmdb.sql.SqlDatabase;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * One member of a replicated lsmdb cluster: a Raft server (Apache Ratis, gRPC) whose state machine owns this node's
 * engine, and the SQL database over it. Writes go to the leader's log; reads are served from the local engine, so
 * a follower's reads may trail the leader by the entries it has not applied yet.
 *
 * <p>On disk, {@code dir/engine} is the lsmdb database and {@code dir/raft} the Raft log, metadata and checkpoints.
 */
public final class ReplicatedNode implements AutoCloseable {

    /**
     * Knobs a deployment or a test may turn; {@link #defaults()} suits a small cluster on one network.
     *
     * @param snapshotEveryEntries a checkpoint after this many log entries (0: only when asked)
     * @param logSegmentSize the Raft log's segment size: only whole segments are purged
     * @param purgeGap purge the log after a checkpoint only once this many entries can go
     * @param linearizableReads a query first learns the leader's commit index (Raft read index) and waits until this
     *        node applied it, so it sees every write acknowledged before it began; else reads are local and may trail
     */
    public record Tuning(long snapshotEveryEntries, SizeInBytes logSegmentSize, int purgeGap,
                         int electionTimeoutMinMillis, int electionTimeoutMaxMillis, boolean linearizableReads) {
        public static Tuning defaults() {
            return new Tuning(100_000, SizeInBytes.valueOf("8MB"), 1024, 1000, 2000, false);
        }

        public Tuning withLinearizableReads(boolean on) {
            return new Tuning(snapshotEveryEntries, logSegmentSize, purgeGap, electionTimeoutMinMillis,
                    electionTimeoutMaxMillis, on);
        }
    }

    /**
     * The largest transaction the cluster replicates, as its encoded log entry: one Raft entry carries a whole
     * transaction, and Ratis refuses an entry past its appender buffer (4 MB by default, which also made the leader
     * step down). Past this a commit fails with 54000 before anything reaches the log (RaftCommitRoute). Each member
     * holds a direct buffer of this size for its log writes, so it is not larger.
     */
    public static final int MAX_TRANSACTION_BYTES = 32 << 20;
    /** Room in Ratis's limits beyond {@link #MAX_TRANSACTION_BYTES} for the entry's and the RPC's own fields. */
    private static final int ENTRY_SLACK_BYTES = 1 << 20;

    /** How long a new leader may take to commit its first entry and apply the log before it refuses writes. */
    private static final long LEADER_READY_WAIT_NANOS = 10_000_000_000L;
    private static final long READ_BARRIER_TIMEOUT_SECONDS = 10;

    private final ClientId readClientId = ClientId.randomId();
    private final java.util.concurrent.atomic.AtomicLong readCallIds = new java.util.concurrent.atomic.AtomicLong();

    private final ClusterConfig config;
    private final Tuning tuning;
    private final RaftGroupId groupId;
    private final RaftPeerId peerId;
    private final LsmStateMachine stateMachine;
    private final ReplicatedSqlDatabase sql;
    private final RaftServer server;
    private final Path dir;
    private volatile boolean closed;
    private volatile javax.management.ObjectName mbean;
    /** The term in which this node, as leader, had applied everything committed before it took writes. */
    private volatile long caughtUpTerm = -1;

    private ReplicatedNode(ClusterConfig config, Path dir, Options options, Tuning tuning) throws IOException {
        this.config = config;
        this.tuning = tuning;
        this.dir = dir;
        this.groupId = RaftGroupId.valueOf(config.groupId());
        this.peerId = RaftPeerId.valueOf(config.self());
        this.sql = new ReplicatedSqlDatabase(this);
        this.stateMachine = new LsmStateMachine(dir.resolve("engine"), options, config.self(),
                new RaftCommitRoute(this), sql);
        List<RaftPeer> peers = new ArrayList<>();
        for (ClusterConfig.Peer p : config.peers()) {
            peers.add(RaftPeer.newBuilder().setId(p.id()).setAddress(p.address()).build());
        }
        Path raftDir = dir.resolve("raft");
        Files.createDirectories(raftDir);
        boolean fresh = isEmpty(raftDir);
        this.server = RaftServer.newBuilder()
                .setServerId(peerId)
                .setGroup(RaftGroup.valueOf(groupId, peers))
                .setStateMachine(stateMachine)
                .setProperties(properties(raftDir, config.selfPeer().port(), tuning))
                .setOption(fresh ? RaftStorage.StartupOption.FORMAT : RaftStorage.StartupOption.RECOVER)
                .build();
    }

    /** Starts this node (joining the others as they come up); its SQL database serves once it is started. */
    public static ReplicatedNode start(ClusterConfig config, Path dir, Options options, Tuning tuning)
            throws IOException {
        ReplicatedNode n = new ReplicatedNode(config, dir.toAbsolutePath().normalize(), options, tuning);
        try {
            n.server.start();
        } catch (IOException | RuntimeException e) {
            n.close();
            throw e;
        }
        n.mbean = ClusterMBeans.register(n, n.dir);
        return n;
    }

    private static RaftProperties properties(Path raftDir, int port, Tuning t) {
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(raftDir.toFile()));
        GrpcConfigKeys.Server.setPort(p, port);
        TimeDuration min = TimeDuration.valueOf(t.electionTimeoutMinMillis(), TimeUnit.MILLISECONDS);
        TimeDuration max = TimeDuration.valueOf(t.electionTimeoutMaxMillis(), TimeUnit.MILLISECONDS);
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, min);
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, max);
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, min);
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, max);
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, t.snapshotEveryEntries() > 0);
        if (t.snapshotEveryEntries() > 0) {
            RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, t.snapshotEveryEntries());
        }
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, t.logSegmentSize());
        // An entry of MAX_TRANSACTION_BYTES fits every buffer it passes through: the leader's appender (one entry per
        // AppendEntries at most), the gRPC messages, and the queues of pending writes and log tasks (two at once).
        SizeInBytes entry = SizeInBytes.valueOf(MAX_TRANSACTION_BYTES + ENTRY_SLACK_BYTES);
        SizeInBytes twoEntries = SizeInBytes.valueOf(2L * (MAX_TRANSACTION_BYTES + ENTRY_SLACK_BYTES));
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, entry);
        // the log's direct write buffer holds one whole entry (Ratis requires the appender's limit + 8): it is the
        // memory this limit costs each member
        RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(MAX_TRANSACTION_BYTES + 2 * ENTRY_SLACK_BYTES));
        GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(MAX_TRANSACTION_BYTES + 2 * ENTRY_SLACK_BYTES));
        RaftServerConfigKeys.Write.setByteLimit(p, twoEntries);
        RaftServerConfigKeys.Log.setQueueByteLimit(p, twoEntries);
        // The log is kept only back to the newest checkpoint; a node further behind receives the checkpoint.
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, t.purgeGap());
        // Read requests (sent only with linearizableReads) go through the read index, on followers too.
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        // No commit-index entries in the log: Ratis would append (and fsync) one after nearly every commit, on every
        // member, doubling the log's fsyncs. Raft needs no durable commit index (a restarted member learns it from
        // the leader; the engine keeps its own applied index), and a group of three commits about 1.3x faster.
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
        return p;
    }

    private static boolean isEmpty(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.findAny().isEmpty();
        }
    }

    /** The SQL database of this node: reads are local, writes go through the leader's log. */
    public SqlDatabase database() {
        return sql;
    }

    public String id() {
        return config.self();
    }

    public ClusterConfig config() {
        return config;
    }

    /** Whether this node is the leader and ready to take writes (its term's first entry committed). */
    public boolean isLeader() {
        try {
            DivisionInfo info = division().getInfo();
            return !closed && info.isLeader() && info.isLeaderReady();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits while this node is an elected leader that is not ready yet or has not applied everything committed
     * (the SQL layer's memory must be loaded from an engine that holds every earlier leader's writes).
     *
     * @return whether this node is a ready, caught-up leader; false at once on a follower
     */
    boolean awaitLeaderReady() throws IOException {
        long deadline = System.nanoTime() + LEADER_READY_WAIT_NANOS;
        while (!closed) {
            RaftServer.Division d = division();
            DivisionInfo info = d.getInfo();
            if (!info.isLeader()) {
                return false;
            }
            long term = info.getCurrentTerm();
            if (info.isLeaderReady() && (caughtUpTerm == term
                    || info.getLastAppliedIndex() >= d.getRaftLog().getLastCommittedIndex())) {
                // Once per term: later, commits in flight keep the commit index ahead of the applied one, and
                // they are this leader's own writes, made with SQL memory that is current.
                caughtUpTerm = term;
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted waiting for node " + id() + " to be ready");
            }
        }
        return false;
    }

    /** The leader as this node knows it, or null. */
    public String leaderId() {
        try {
            RaftPeerId l = division().getInfo().getLeaderId();
            return l == null ? null : l.toString();
        } catch (IOException e) {
            return null;
        }
    }

    /** This node's role: LEADER, FOLLOWER, CANDIDATE, or CLOSED. */
    public String role() {
        try {
            return closed ? "CLOSED" : division().getInfo().getCurrentRole().name();
        } catch (IOException e) {
            return "CLOSED";
        }
    }

    public long term() throws IOException {
        return division().getInfo().getCurrentTerm();
    }

    /** The highest log index this node knows is committed. */
    public long commitIndex() throws IOException {
        return division().getRaftLog().getLastCommittedIndex();
    }

    /** The log index of the last transaction applied to this node's engine. */
    public long appliedIndex() {
        return applier().appliedIndex();
    }

    /**
     * SYS.CLUSTER as this node sees it: every member with its role (this node's own, or LEADER for the member this
     * node follows), the term, the commit index (this node's, or what the leader reports for the others) and the
     * applied index (known for this node only).
     */
    List<Object[]> clusterRows() {
        List<Object[]> out = new ArrayList<>();
        try {
            RaftServer.Division d = division();
            DivisionInfo info = d.getInfo();
            String leader = leaderId();
            java.util.Map<String, Long> commits = new java.util.HashMap<>();
            for (var c : d.getCommitInfos()) {
                commits.put(c.getServer().getId().toStringUtf8(), c.getCommitIndex());
            }
            for (ClusterConfig.Peer p : config.peers()) {
                boolean self = p.id().equals(id());
                String role = self ? role() : p.id().equals(leader) ? "LEADER" : "FOLLOWER";
                Long commit = self ? Long.valueOf(d.getRaftLog().getLastCommittedIndex()) : commits.get(p.id());
                out.add(new Object[] {p.id(), p.address(), role, info.getCurrentTerm(), commit,
                    self ? Long.valueOf(appliedIndex()) : null});
            }
        } catch (IOException e) {
            // closed: no rows
        }
        return out;
    }

    /**
     * Why a local read on this node may miss commits acknowledged elsewhere beyond the usual replication lag, or
     * null while it is in touch with a leader that holds a majority: a follower that heard from its leader within
     * the longest election timeout, or a leader that heard from a majority of members within it. Otherwise (a
     * candidate, a follower without a leader, a leader cut off from its majority) the rest of the cluster may have
     * elected another leader and committed writes this node does not have.
     */
    String cutOffReason() {
        // Asked by every local query: Ratis builds its role report afresh, so it is looked at every 50 ms at most.
        long now = System.nanoTime();
        CutOff c = cutOff;
        if (c == null || now - c.atNanos() > 50_000_000L) {
            c = new CutOff(now, findCutOffReason());
            cutOff = c;
        }
        return c.reason();
    }

    private record CutOff(long atNanos, String reason) {
    }

    private volatile CutOff cutOff;

    private String findCutOffReason() {
        if (closed) {
            return "node " + id() + " is closed";
        }
        try {
            DivisionInfo info = division().getInfo();
            var roleInfo = info.getRoleInfoProto();
            long limit = tuning.electionTimeoutMaxMillis();
            switch (info.getCurrentRole()) {
                case LEADER -> {
                    int inTouch = 1; // itself
                    long oldest = 0;
                    for (var f : roleInfo.getLeaderInfo().getFollowerInfoList()) {
                        long ms = f.getLastRpcElapsedTimeMs();
                        if (ms <= limit) {
                            inTouch++;
                        } else {
                            oldest = Math.max(oldest, ms);
                        }
                    }
                    return 2 * inTouch > config.peers().size() ? null : "leader " + id() + " has heard from only "
                            + inTouch + " of " + config.peers().size() + " members in the last " + limit
                            + " ms (no answer for " + oldest + " ms): it may have been replaced";
                }
                case FOLLOWER -> {
                    RaftPeerId leader = info.getLeaderId();
                    long ms = roleInfo.getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs();
                    if (leader != null && ms <= limit) {
                        return null;
                    }
                    return leader == null ? "node " + id() + " knows no leader"
                            : "node " + id() + " has not heard from leader " + leader + " for " + ms + " ms";
                }
                default -> {
                    return "node " + id() + " is " + info.getCurrentRole().name().toLowerCase(java.util.Locale.ROOT)
                            + ": no leader with a majority is known";
                }
            }
        } catch (IOException e) {
            return "node " + id() + " is closed";
        }
    }

    boolean linearizableReads() {
        return tuning.linearizableReads();
    }

    /**
     * Returns once this node has applied everything committed when it was called, as the leader confirms it (a
     * Raft read index: the leader checks with a majority that it still leads).
     *
     * @throws IOException if no leader could confirm it in time
     */
    void readBarrier() throws IOException {
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(readClientId)
                .setServerId(peerId)
                .setGroupId(groupId)
                .setCallId(readCallIds.incrementAndGet())
                .setMessage(Message.EMPTY)
                .setType(RaftClientRequest.readRequestType())
                .build();
        RaftClientReply reply;
        try {
            reply = server.submitClientRequestAsync(request).get(READ_BARRIER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted waiting for the read index");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("node " + id() + " could not learn the leader's commit index: " + e, e);
        }
        if (!reply.isSuccess()) {
            throw new IOException("node " + id() + " could not learn the leader's commit index: "
                    + reply.getException(), reply.getException());
        }
    }

    /** The JMX name of this member's {@link ClusterMXBean}, or null if it could not be registered. */
    public javax.management.ObjectName mbeanName() {
        return mbean;
    }

    /**
     * Cuts a checkpoint now, through Ratis so that the log is then purged up to it (as after an automatic one);
     * returns its index, or -1 if nothing was applied yet.
     */
    public long takeSnapshot() throws IOException {
        var request = org.apache.ratis.protocol.SnapshotManagementRequest.newCreate(readClientId, peerId, groupId,
                readCallIds.incrementAndGet(), 60_000, 1);
        RaftClientReply reply = server.snapshotManagement(request);
        if (!reply.isSuccess()) {
            throw new IOException("node " + id() + " could not cut a checkpoint: " + reply.getException(),
                    reply.getException());
        }
        return reply.getLogIndex() > 0 ? reply.getLogIndex() : stateMachine.getLatestSnapshot() == null ? -1
                : stateMachine.getLatestSnapshot().getIndex();
    }

    EngineApplier applier() {
        return stateMachine.applier();
    }

    RaftServer server() {
        return server;
    }

    RaftServer.Division division() throws IOException {
        return server.getDivision(groupId);
    }

    RaftGroupId groupId() {
        return groupId;
    }

    RaftPeerId raftPeerId() {
        return peerId;
    }

    NotLeaderIOException notLeader(String leader) {
        ClusterConfig.Peer p = leader == null ? null : config.peer(leader);
        return new NotLeaderIOException(config.self(), leader, p == null ? null : p.address());
    }

    /** Stops the Raft server and closes the engine. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        ClusterMBeans.unregister(mbean);
        sql.markClosed();
        server.close(); // closes the state machine, and with it the engine
    }
}
