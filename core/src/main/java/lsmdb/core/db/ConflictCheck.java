package lsmdb.core.db;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import lsmdb.core.WriteBatch;
import lsmdb.core.WriteConflictException;
import lsmdb.core.util.Hex;

/**
 * Optimistic transactions' check at commit: a batch conflicts if any key it writes changed after the snapshot it
 * read at, or is written by a member of the same group committing before it.
 */
public final class ConflictCheck {

    /** Whether a key's newest version has a sequence above the given one ({@link ReadPath#changedAfter}). */
    public interface ChangeProbe {
        boolean changedAfter(byte[] key, long sequence) throws IOException;
    }

    /** The keys written by the members of a group accepted so far. */
    public static final class GroupKeys {
        private final Set<ByteBuffer> keys = new HashSet<>();

        public void add(WriteBatch batch) {
            batch.forEach(new WriteBatch.Handler() {
                @Override
                public void put(byte[] key, byte[] value) {
                    keys.add(ByteBuffer.wrap(key));
                }

                @Override
                public void delete(byte[] key) {
                    keys.add(ByteBuffer.wrap(key));
                }

                @Override
                public void deleteRange(byte[] startKey, byte[] endKey) {
                }
            });
        }

        public boolean contains(byte[] key) {
            return keys.contains(ByteBuffer.wrap(key));
        }

        boolean isEmpty() {
            return keys.isEmpty();
        }
    }

    private final ChangeProbe reads;
    /** The last committed sequence: every write, whatever its path, raises it before a later check runs. */
    private final LongSupplier lastSequence;
    /** Guarded by the mutex: only a group's leader checks. */
    private final KeyCheck keyCheck = new KeyCheck();

    public ConflictCheck(ChangeProbe reads, LongSupplier lastSequence) {
        this.reads = reads;
        this.lastSequence = lastSequence;
    }

    public GroupKeys newGroup() {
        return new GroupKeys();
    }

    /**
     * The conflict of {@code batch} read at {@code sequence}: its first key written after that sequence or also in
     * {@code pending} (may be null), or null if none. REQUIRES: mutex held, as the group's leader.
     */
    public WriteConflictException check(WriteBatch batch, long sequence, GroupKeys pending) throws IOException {
        boolean committedSince = lastSequence.getAsLong() > sequence;
        if (!committedSince && (pending == null || pending.isEmpty())) {
            // Nothing committed after the sequence, none of the group before this batch: no key can have changed.
            // A lone writer's every statement ends here, without a filter probe or memtable search per key.
            return null;
        }
        KeyCheck k = keyCheck;
        k.sequence = sequence;
        k.committedSince = committedSince;
        k.pending = pending;
        try {
            batch.forEach(k);
            if (k.error != null) {
                throw k.error;
            }
            byte[] found = k.found;
            return found == null ? null : new WriteConflictException("write conflict: key " + Hex.of(found)
                    + " was written by another transaction after this one's snapshot");
        } finally {
            k.pending = null;
            k.found = null;
            k.error = null;
        }
    }

    /** Checks each key of a batch until the first conflict; one instance, reused by the leader of each group. */
    private final class KeyCheck implements WriteBatch.Handler {
        long sequence;
        boolean committedSince;
        GroupKeys pending;
        byte[] found;
        IOException error;

        @Override
        public void put(byte[] key, byte[] value) {
            check(key);
        }

        @Override
        public void delete(byte[] key) {
            check(key);
        }

        @Override
        public void deleteRange(byte[] startKey, byte[] endKey) {
        }

        private void check(byte[] key) {
            if (found != null || error != null) {
                return;
            }
            try {
                if ((pending != null && pending.contains(key)) || (committedSince && reads.changedAfter(key, sequence))) {
                    found = key;
                }
            } catch (IOException e) {
                error = e;
            }
        }
    }
}
