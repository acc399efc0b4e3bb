package lsmdb.replication;

import java.sql.SQLTransactionRollbackException;

/**
 * A write (DML, DDL or COMMIT) on a node that is not the leader: nothing was written and the transaction was
 * rolled back. SQLState {@value #SQLSTATE} (class 40, transaction rollback: run it again), on the leader that
 * {@link #leaderId()} names, or on any node after a moment when no leader is known (null).
 */
public final class NotLeaderException extends SQLTransactionRollbackException {
    private static final long serialVersionUID = 1L;

    public static final String SQLSTATE = "40R01";

    private final String leaderId;
    private final String leaderAddress;

    NotLeaderException(NotLeaderIOException cause) {
        super(cause.getMessage(), SQLSTATE, cause);
        this.leaderId = cause.leaderId();
        this.leaderAddress = cause.leaderAddress();
    }

    /** The leader's node id, or null when no leader is known. */
    public String leaderId() {
        return leaderId;
    }

    /** The leader's Raft address (host:port), or null. */
    public String leaderAddress() {
        return leaderAddress;
    }
}
