package lsmdb.replication;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import lsmdb.core.CommitRoute;
import lsmdb.core.Snapshot;
import lsmdb.core.WriteBatch;
import lsmdb.core.WriteConflictException;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * A node's engine writes, proposed to the Raft log on this (leader) node and acknowledged once the entry is
 * committed by a majority and applied here. A follower refuses at once, naming the leader: it cannot vouch for its
 * in-memory catalog and row-id counters, which only the leader keeps current.
 */
final class RaftCommitRoute implements CommitRoute {

    /** How long a proposal may wait for a majority before its outcome is reported unknown. */
    private static final long COMMIT_TIMEOUT_SECONDS = 30;

    private final ReplicatedNode node;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();

    RaftCommitRoute(ReplicatedNode node) {
        this.node = node;
    }

    @Override
    public void commit(WriteBatch batch, boolean sync, Snapshot readSnapshot) throws IOException {
        if (!node.awaitLeaderReady()) {
            throw node.notLeader(node.leaderId());
        }
        long snapshotIndex = readSnapshot == null ? TxnEntry.BLIND : node.applier().snapshotIndexOf(readSnapshot);
        byte[] encoded = TxnEntry.of(node.id(), snapshotIndex, batch).encode();
        if (encoded.length > ReplicatedNode.MAX_TRANSACTION_BYTES) {
            throw new TransactionTooLargeIOException("the transaction's writes take " + encoded.length
                    + " bytes in the Raft log, past the cluster's limit of " + ReplicatedNode.MAX_TRANSACTION_BYTES
                    + " bytes per transaction; nothing was written: commit in smaller transactions");
        }
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(node.raftPeerId())
                .setGroupId(node.groupId())
                .setCallId(callIds.incrementAndGet())
                .setMessage(Message.valueOf(ByteString.copyFrom(encoded)))
                .setType(RaftClientRequest.writeRequestType())
                .build();
        RaftClientReply reply;
        try {
            reply = node.server().submitClientRequestAsync(request).get(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the cluster to commit; outcome unknown");
        } catch (ExecutionException e) {
            throw new CommitUnknownIOException("node " + node.id() + " lost the write it put in the Raft log ("
                    + e.getCause() + "); whether it committed is unknown", e.getCause());
        } catch (TimeoutException e) {
            throw new CommitUnknownIOException("no majority acknowledged the write within " + COMMIT_TIMEOUT_SECONDS
                    + " s (node " + node.id() + " cannot reach enough members); whether it committed is unknown "
                    + "until a leader with a majority decides", e);
        }
        if (!reply.isSuccess()) {
            if (reply.getLeaderNotReadyException() != null) {
                throw node.notLeader(null); // refused before it reached the log
            }
            NotLeaderException nle = reply.getNotLeaderException();
            if (nle != null) {
                // This node led when the entry was proposed; it stepped down since (a higher term, or it lost its
                // majority). The entry may be in its log and on others: a later leader may still commit it.
                RaftPeer suggested = nle.getSuggestedLeader();
                throw new CommitUnknownIOException("node " + node.id() + " stopped leading while the write was "
                        + "being replicated" + (suggested == null ? " (no leader is known now)"
                                : " (the leader is now " + suggested.getId() + ")")
                        + "; whether it committed is unknown", nle);
            }
            throw new CommitUnknownIOException("the cluster did not commit the write: " + reply.getException(),
                    reply.getException());
        }
        ApplyResult r = ApplyResult.decode(reply.getMessage().getContent().toByteArray());
        if (r.status() == ApplyResult.Status.CONFLICT) {
            throw new WriteConflictException("write conflict on key " + r.detail() + ": another transaction wrote it"
                    + " after this one's snapshot (log index " + snapshotIndex + "); decided at log index "
                    + reply.getLogIndex());
        }
    }
}
