package lsmdb.replication;

import java.io.IOException;

/**
 * A write was handed to the Raft log but no answer came whether a majority holds it: the leader stepped down (a
 * higher term, or it lost the majority) or no majority answered in time. A later leader may still commit it, so
 * the client must not assume either outcome.
 */
final class CommitUnknownIOException extends IOException {
    private static final long serialVersionUID = 1L;

    CommitUnknownIOException(String message, Throwable cause) {
        super(message, cause);
    }
}
