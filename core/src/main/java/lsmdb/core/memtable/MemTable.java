package lsmdb.core.memtable;

import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;

/**
 * The in-memory sorted buffer of recent writes, keyed by internal key (see {@link InternalKey}).
 *
 * <p>Exactly one thread adds at a time (the group-commit leader; successive writers must be ordered by the
 * write queue's lock); any number of threads read and iterate concurrently without locks, seeing every
 * entry whose add completed before the read started and possibly some added during it.
 *
 * <p>The memtable keeps the arrays it is given: callers must not modify a key or value after adding it.
 */
public final class MemTable {

    /** The newest version of a user key visible at a snapshot; {@code kind} DELETE is a tombstone. */
    public record Lookup(long sequence, byte kind, byte[] value) {
    }

    private static final byte[] EMPTY = new byte[0];
    /** Object headers of the node, its pointer array and its key array, plus the node's fields. */
    private static final int NODE_OVERHEAD = 16 + 16 + 16 + 12;
    private static final int POINTER_SIZE = 4;

    private final SkipList list = new SkipList();
    private final KeyFilter filter;
    /** Written only by the single writer; volatile so readers and the flush decision see current values. */
    private volatile long memoryUsage;
    private volatile long entryCount;

    /** A memtable for the default 4 MiB write buffer. */
    public MemTable() {
        this(4L << 20);
    }

    /** A memtable whose key filter is sized for about {@code expectedBytes} of entries. */
    public MemTable(long expectedBytes) {
        filter = new KeyFilter(expectedBytes);
    }

    public void add(long sequence, byte kind, byte[] userKey, byte[] value) {
        if (sequence < 0 || sequence > InternalKey.MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence " + sequence + " out of range 0.." + InternalKey.MAX_SEQUENCE);
        }
        if (kind != InternalKey.KIND_PUT && kind != InternalKey.KIND_DELETE) {
            throw new IllegalArgumentException("unknown value kind " + kind + " for sequence " + sequence);
        }
        byte[] v = value == null ? EMPTY : value;
        byte[] internalKey = InternalKey.encode(userKey, sequence, kind);
        filter.add(userKey, userKey.length);
        int height = list.insert(internalKey, v);
        memoryUsage = memoryUsage + internalKey.length + v.length + NODE_OVERHEAD + (long) height * POINTER_SIZE;
        entryCount = entryCount + 1;
    }

    /**
     * False only if the memtable holds no entry (value or deletion) for {@code userKey}; one probe of its key filter.
     * Sees every entry whose add completed before the call.
     */
    public boolean mayContain(byte[] userKey) {
        return filter.mayContain(userKey, userKey.length);
    }

    /** The newest entry for {@code userKey} with sequence {@code <= snapshotSequence}, or null if none. */
    public Lookup get(byte[] userKey, long snapshotSequence) {
        if (!filter.mayContain(userKey, userKey.length)) {
            return null;
        }
        long trailer = (snapshotSequence << 8) | (InternalKey.KIND_FOR_SEEK & 0xff);
        int node = list.findGreaterOrEqual(userKey, userKey.length, trailer);
        if (node == SkipList.NONE) {
            return null;
        }
        byte[] key = list.key(node);
        if (!InternalKey.hasUserKey(key, userKey)) {
            return null;
        }
        long nodeTrailer = InternalKey.trailer(key, 0, key.length);
        return new Lookup(nodeTrailer >>> 8, (byte) nodeTrailer, list.value(node));
    }

    /**
     * The position of the first entry at or after internal key {@code target}, or the end: a cursor without an
     * object, for a short walk ({@link #below}, {@link #next}, {@link #key}, {@link #value}). Safe while the writer
     * keeps adding; a position is meaningful only to this memtable.
     */
    public int seek(byte[] target) {
        return list.findGreaterOrEqual(target, target.length - InternalKey.TRAILER_SIZE,
                InternalKey.trailer(target, 0, target.length));
    }

    /**
     * Whether the entry at {@code position} has a user key below {@code userKey}; false at the end. A walk up to a
     * bound needs no test of its own for the end: {@code for (p = seek(k); below(p, to); p = next(p))}.
     */
    public boolean below(int position, byte[] userKey) {
        return list.below(position, userKey);
    }

    /** The position after {@code position}, which is not the end. */
    public int next(int position) {
        return list.next(position);
    }

    /** The internal key at {@code position}, which is not the end. */
    public byte[] key(int position) {
        return list.key(position);
    }

    /** The value at {@code position}, which is not the end. */
    public byte[] value(int position) {
        return list.value(position);
    }

    /** An iterator over all entries; safe while the writer keeps adding. Not thread-safe itself. */
    public InternalIterator iterator() {
        return new MemTableIterator(list);
    }

    /** Bytes of keys, values and an estimate of per-entry overhead; decides when to flush. */
    public long approximateMemoryUsage() {
        return memoryUsage;
    }

    public boolean isEmpty() {
        return list.first() == SkipList.NONE;
    }

    public long entryCount() {
        return entryCount;
    }
}
