package lsmdb.core.memtable;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import lsmdb.core.iterator.InternalIterator;

/**
 * The in-memory sorted buffer of recent writes, keyed by internal key, so every version of a key is kept until a
 * flush writes them all to a table. One writer at a time (the group-commit leader) and any number of readers
 * without locks: the skiplist publishes each entry atomically.
 */
public final class MemTable {

    /** The newest entry of a user key visible at some sequence. */
    public record Lookup(long sequence, byte kind, byte[] value) {
    }

    /** Per-entry bookkeeping of the skiplist (node, index levels, key/value headers), for flush sizing. */
    private static final int ENTRY_OVERHEAD = 80;

    private final ConcurrentSkipListMap<byte[], byte[]> table = new ConcurrentSkipListMap<>(InternalKey.ORDER);
    private volatile long memoryUsage;
    private volatile long entries;

    /** REQUIRES: one writer at a time; (userKey, sequence) not already present. */
    public void add(long sequence, byte kind, byte[] userKey, byte[] value) {
        table.put(InternalKey.encode(userKey, sequence, kind), value);
        // Single writer: a plain read-modify-write of the volatile is safe.
        memoryUsage = memoryUsage + userKey.length + InternalKey.TRAILER_SIZE + value.length + ENTRY_OVERHEAD;
        entries = entries + 1;
    }

    /** The newest entry for {@code userKey} with sequence at most {@code snapshotSequence}, or null. */
    public Lookup get(byte[] userKey, long snapshotSequence) {
        Map.Entry<byte[], byte[]> e = table.ceilingEntry(InternalKey.forSeek(userKey, snapshotSequence));
        if (e == null || !InternalKey.hasUserKey(e.getKey(), userKey)) {
            return null;
        }
        byte[] k = e.getKey();
        return new Lookup(InternalKey.sequence(k), InternalKey.kind(k), e.getValue());
    }

    public long approximateMemoryUsage() {
        return memoryUsage;
    }

    public long entryCount() {
        return entries;
    }

    public boolean isEmpty() {
        return table.isEmpty();
    }

    public InternalIterator iterator() {
        return new MemTableIterator(table);
    }

    /** Forward steps run on a live skiplist iterator (O(1) each); backward steps and seeks search. */
    private static final class MemTableIterator implements InternalIterator {
        private final ConcurrentSkipListMap<byte[], byte[]> table;
        private Iterator<Map.Entry<byte[], byte[]>> forward;
        private Map.Entry<byte[], byte[]> current;

        MemTableIterator(ConcurrentSkipListMap<byte[], byte[]> table) {
            this.table = table;
        }

        @Override
        public boolean isValid() {
            return current != null;
        }

        @Override
        public void seekToFirst() {
            forward = table.entrySet().iterator();
            current = forward.hasNext() ? forward.next() : null;
        }

        @Override
        public void seekToLast() {
            forward = null;
            current = table.lastEntry();
        }

        @Override
        public void seek(byte[] target) {
            forward = table.tailMap(target, true).entrySet().iterator();
            current = forward.hasNext() ? forward.next() : null;
        }

        @Override
        public void next() {
            if (forward == null) {
                forward = table.tailMap(current.getKey(), false).entrySet().iterator();
            }
            current = forward.hasNext() ? forward.next() : null;
        }

        @Override
        public void prev() {
            forward = null;
            current = table.lowerEntry(current.getKey());
        }

        @Override
        public byte[] key() {
            return current.getKey();
        }

        @Override
        public byte[] value() {
            return current.getValue();
        }
    }
}
