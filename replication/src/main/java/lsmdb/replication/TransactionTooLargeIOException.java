package lsmdb.replication;

import java.io.IOException;

/**
 * A transaction too large for one Raft log entry ({@link ReplicatedNode#MAX_TRANSACTION_BYTES}), refused before it was
 * proposed: nothing was written, on any member.
 */
final class TransactionTooLargeIOException extends IOException {
    private static final long serialVersionUID = 1L;

    TransactionTooLargeIOException(String message) {
        super(message);
    }
}
