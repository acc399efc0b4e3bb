package lsmdb.replication;

import java.io.IOException;

/** A write reached a node that is not the leader; it carries the leader as far as this node knows it. */
final class NotLeaderIOException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String leaderId;
    private final String leaderAddress;

    NotLeaderIOException(String self, String leaderId, String leaderAddress) {
        super(message(self, leaderId, leaderAddress));
        this.leaderId = leaderId;
        this.leaderAddress = leaderAddress;
    }

    private static String message(String self, String leaderId, String leaderAddress) {
        if (self.equals(leaderId)) {
            return "node " + self + " was elected leader but is not ready to take writes yet (its first entry is not "
                    + "committed or it has not applied the log): retry shortly";
        }
        return "node " + self + " is not the leader, so it takes no writes; "
                + (leaderId == null ? "no leader is elected right now: retry shortly"
                        : "the leader is " + leaderId + " at " + leaderAddress + ": run the transaction there");
    }

    String leaderId() {
        return leaderId;
    }

    String leaderAddress() {
        return leaderAddress;
    }
}
