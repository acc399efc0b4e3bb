package lsmdb.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import lsmdb.core.memtable.InternalKey;

/**
 * TEMPORARY in-memory stand-in with the real engine's semantics (sequence numbers, snapshots, iterators), so
 * the SQL layer can be built while the durable engine lands. Replaced by the real write/read paths.
 */
final class DbImpl {

    private final Path dir;
    private final Options options;
    private final ConcurrentSkipListMap<byte[], byte[]> table = new ConcurrentSkipListMap<>(InternalKey.ORDER);
    private final SnapshotList snapshots = new SnapshotList();
    private volatile long lastSequence;
    private volatile boolean closed;

    private DbImpl(Path dir, Options options) {
        this.dir = dir;
        this.options = options;
    }

    static DbImpl open(Path dir, Options options) throws IOException {
        return new DbImpl(dir, options);
    }

    Options options() {
        return options;
    }

    Path directory() {
        return dir;
    }

    synchronized void write(WriteBatch batch, boolean sync, Snapshot readSnapshot) throws IOException {
        checkOpen();
        IOException[] conflict = {null};
        batch.forEach(new WriteBatch.Handler() {
            @Override public void put(byte[] key, byte[] value) { check(key); }
            @Override public void delete(byte[] key) { check(key); }
            @Override public void deleteRange(byte[] s, byte[] e) { }
            private void check(byte[] key) {
                if (conflict[0] == null && changedSince(key, readSnapshot)) {
                    conflict[0] = new WriteConflictException("write conflict on a key written after this transaction's snapshot");
                }
            }
        });
        if (conflict[0] != null) {
            throw conflict[0];
        }
        write(batch, sync);
    }

    boolean changedSince(byte[] key, Snapshot snapshot) {
        Map.Entry<byte[], byte[]> e = table.ceilingEntry(InternalKey.forSeek(key, InternalKey.MAX_SEQUENCE));
        return e != null && InternalKey.hasUserKey(e.getKey(), key) && InternalKey.sequence(e.getKey()) > snapshot.sequence();
    }

    synchronized void write(WriteBatch batch, boolean sync) throws IOException {
        checkOpen();
        long seq = lastSequence + 1;
        long[] next = {seq};
        batch.forEach(new WriteBatch.Handler() {
            @Override
            public void put(byte[] key, byte[] value) {
                table.put(InternalKey.encode(key, next[0]++, InternalKey.KIND_PUT), value);
            }

            @Override
            public void delete(byte[] key) {
                table.put(InternalKey.encode(key, next[0]++, InternalKey.KIND_DELETE), new byte[0]);
            }

            @Override
            public void deleteRange(byte[] startKey, byte[] endKey) {
                long s = next[0]++;
                try (LsmIterator it = iterator(null, startKey, endKey)) {
                    for (it.seekToFirst(); it.isValid(); it.next()) {
                        table.put(InternalKey.encode(it.key(), s, InternalKey.KIND_DELETE), new byte[0]);
                    }
                }
            }
        });
        lastSequence = next[0] - 1;
    }

    byte[] get(byte[] key, Snapshot snapshot) throws IOException {
        checkOpen();
        long seq = snapshot == null ? lastSequence : snapshot.sequence();
        Map.Entry<byte[], byte[]> e = table.ceilingEntry(InternalKey.forSeek(key, seq));
        if (e == null || !InternalKey.hasUserKey(e.getKey(), key) || InternalKey.kind(e.getKey()) == InternalKey.KIND_DELETE) {
            return null;
        }
        return e.getValue();
    }

    Snapshot snapshot() {
        return snapshots.acquire(lastSequence);
    }

    LsmIterator iterator(Snapshot snapshot, byte[] from, byte[] to) {
        long seq = snapshot == null ? lastSequence : snapshot.sequence();
        return new LsmIterator() {
            byte[] key;
            byte[] value;

            private boolean inBounds(byte[] k) {
                return (from == null || Arrays.compareUnsigned(k, from) >= 0)
                        && (to == null || Arrays.compareUnsigned(k, to) < 0);
            }

            /** Newest visible version of the user key of internal key {@code ik}; sets key/value or clears. */
            private boolean load(byte[] userKey) {
                Map.Entry<byte[], byte[]> e = table.ceilingEntry(InternalKey.forSeek(userKey, seq));
                if (e != null && InternalKey.hasUserKey(e.getKey(), userKey) && InternalKey.kind(e.getKey()) == InternalKey.KIND_PUT) {
                    key = userKey;
                    value = e.getValue();
                    return true;
                }
                return false;
            }

            private void forwardFrom(byte[] userKey, boolean inclusive) {
                key = null;
                byte[] probe = inclusive ? InternalKey.forSeek(userKey, InternalKey.MAX_SEQUENCE)
                        : InternalKey.encode(userKey, 0, InternalKey.KIND_DELETE);
                for (byte[] ik = inclusive ? table.ceilingKey(probe) : table.higherKey(probe); ik != null;
                        ik = table.higherKey(InternalKey.encode(InternalKey.userKey(ik), 0, InternalKey.KIND_DELETE))) {
                    byte[] uk = InternalKey.userKey(ik);
                    if (to != null && Arrays.compareUnsigned(uk, to) >= 0) {
                        return;
                    }
                    if (inBounds(uk) && load(uk)) {
                        return;
                    }
                }
            }

            private void backwardFrom(byte[] userKey, boolean inclusive) {
                key = null;
                byte[] probe = userKey == null ? null : inclusive ? InternalKey.encode(userKey, 0, InternalKey.KIND_DELETE)
                        : InternalKey.forSeek(userKey, InternalKey.MAX_SEQUENCE);
                for (byte[] ik = probe == null ? (table.isEmpty() ? null : table.lastKey())
                        : inclusive ? table.floorKey(probe) : table.lowerKey(probe); ik != null;
                        ik = table.lowerKey(InternalKey.forSeek(InternalKey.userKey(ik), InternalKey.MAX_SEQUENCE))) {
                    byte[] uk = InternalKey.userKey(ik);
                    if (from != null && Arrays.compareUnsigned(uk, from) < 0) {
                        return;
                    }
                    if (inBounds(uk) && load(uk)) {
                        return;
                    }
                }
            }

            @Override public boolean isValid() { return key != null; }
            @Override public void seekToFirst() { forwardFrom(from == null ? new byte[0] : from, true); }
            @Override public void seekToLast() { backwardFrom(to, false); }
            @Override public void seek(byte[] k) { forwardFrom(from != null && Arrays.compareUnsigned(k, from) < 0 ? from : k, true); }
            @Override public void next() { forwardFrom(key, false); }
            @Override public void prev() { backwardFrom(key, false); }
            @Override public byte[] key() { return key; }
            @Override public byte[] value() { return value; }
            @Override public void close() { }
        };
    }

    void flush() throws IOException {
        checkOpen();
    }

    void compactRange(byte[] from, byte[] to) throws IOException {
        checkOpen();
    }

    String property(String name) {
        return null;
    }

    void close() {
        closed = true;
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("database is closed: " + dir);
        }
    }
}
