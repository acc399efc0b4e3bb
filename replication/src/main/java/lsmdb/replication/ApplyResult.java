package lsmdb.replication;

import java.nio.charset.StandardCharsets;

/**
 * What applying one entry decided, the same on every node; the leader sends it back to the writer as the reply.
 *
 * @param status committed, or aborted by first-committer-wins, or already applied before (a replay after restart)
 * @param detail for a conflict, the key that lost (as text), else empty
 * @param touchedCatalog whether the entry wrote the SQL catalog's key space (nodes that did not propose it reload)
 */
record ApplyResult(Status status, String detail, boolean touchedCatalog) {

    enum Status { COMMITTED, CONFLICT, ALREADY_APPLIED }

    static final ApplyResult ALREADY = new ApplyResult(Status.ALREADY_APPLIED, "", false);

    byte[] encode() {
        byte[] d = detail.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[1 + d.length];
        out[0] = (byte) status.ordinal();
        System.arraycopy(d, 0, out, 1, d.length);
        return out;
    }

    static ApplyResult decode(byte[] reply) {
        Status s = Status.values()[reply[0]];
        return new ApplyResult(s, new String(reply, 1, reply.length - 1, StandardCharsets.UTF_8), false);
    }
}
