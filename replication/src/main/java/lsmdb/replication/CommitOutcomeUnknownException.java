package lsmdb.replication;

import java.sql.SQLTransactionRollbackException;

/**
 * The cluster took a COMMIT (or an auto-committed statement) into its log but could not say whether a majority
 * holds it: the leader lost its majority or its leadership, or no majority answered in time. SQLState
 * {@value #SQLSTATE} (SQL's "statement completion unknown"): the transaction may or may not be committed, and a
 * later leader may still commit it. Read before running it again unless it is idempotent.
 */
public final class CommitOutcomeUnknownException extends SQLTransactionRollbackException {
    private static final long serialVersionUID = 1L;

    public static final String SQLSTATE = "40003";

    CommitOutcomeUnknownException(CommitUnknownIOException cause) {
        super(cause.getMessage(), SQLSTATE, cause);
    }
}
