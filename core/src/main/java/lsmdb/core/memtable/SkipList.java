package lsmdb.core.memtable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import lsmdb.core.format.InternalKey;

/**
 * A LevelDB-style skiplist of internal keys: one writer at a time, any number of lock-free readers.
 *
 * <p>Nodes live in int arrays (RocksDB's arena, in Java): a node is an offset into a sequence of fixed-size
 * chunks, its record {@code [prefix (2 ints), prefix2 (2 ints), ordinal, next[0..height)]}. A search touches only
 * these records, packed about 26 bytes a node, instead of node objects scattered among keys, values and garbage:
 * on shuffled inserts the descent's cache misses were about a third of an INSERT's CPU. The keys and values sit in
 * object chunks by the node's ordinal, read only where the prefixes tie and for the found node.
 *
 * <p>Nodes are never removed and a record never changes except its forward links. The writer fills a new record
 * and its key and value before publishing the node with a release store into its predecessors' links; readers
 * load links with acquire, so a reader that reaches a node sees it complete. A chunk is published (a new outer
 * array, volatile) before any node in it, so a reader that reaches a node in a chunk its copy of the outer array
 * lacks reloads the outer array. Readers may see a list height that is ahead of the head's links at the new
 * levels; they read {@link #NONE} there and descend.
 *
 * <p>Searches compare a node's internal key against a target given as (user-key slice, trailer), so a get
 * needs no encoded key.
 */
final class SkipList {

    static final int MAX_HEIGHT = 12;
    /** No node: the head's offset, which no link ever points to. */
    static final int NONE = 0;

    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
    private static final VarHandle HEIGHT;

    static {
        try {
            HEIGHT = MethodHandles.lookup().findVarHandle(SkipList.class, "height", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Record layout, in ints from a node's offset. */
    private static final int PREFIX = 0;
    private static final int PREFIX2 = 2;
    private static final int ORDINAL = 4;
    private static final int NEXT = 5;

    /** Ints per node chunk (32 KiB); a record never straddles two. */
    private static final int CHUNK_SHIFT = 13;
    private static final int CHUNK_MASK = (1 << CHUNK_SHIFT) - 1;
    /** Key-value pairs per object chunk. */
    private static final int REF_SHIFT = 11;
    private static final int REF_MASK = (1 << REF_SHIFT) - 1;

    private static final int HEAD = 0;

    /**
     * The key of {@link #NONE} (the head, ordinal 0): a user key of 0xff bytes longer than any key a walk is
     * bounded by in practice, so that {@link #below} ends a walk at the end of the list through the same test as
     * at a key past its bound.
     */
    private static final byte[] END_KEY = endKey();

    /** The node chunks; replaced (never changed in place) when one is added. */
    private volatile int[][] chunks = {new int[1 << CHUNK_SHIFT]};
    /** Key, value per ordinal, in chunks; replaced as {@link #chunks} is. Ordinal 0 is the head's. */
    private volatile Object[][] refs = {firstRefChunk()};
    private volatile int height = 1;

    // Writer-only state.
    /** Predecessors of an insert at each level; HEAD (zero) at and above the list's height, never written there. */
    private final int[] splice = new int[MAX_HEIGHT];
    /** The next free int offset, across chunks. */
    private int free = NEXT + MAX_HEIGHT; // the head's record
    private int count = 1; // ordinals handed out so far, the head's included
    private long randomState = 0x9E3779B97F4A7C15L;

    /**
     * Inserts a node; only the single writer may call this. Writers that follow each other on different
     * threads must be ordered by a happens-before edge (the write queue's lock provides it).
     *
     * @return the new node's height, for memory accounting
     */
    int insert(byte[] internalKey, byte[] value) {
        int userKeyLength = internalKey.length - InternalKey.TRAILER_SIZE;
        long trailer = InternalKey.trailer(internalKey, 0, internalKey.length);
        long p = prefix(internalKey, 0, userKeyLength);
        long p2 = prefix(internalKey, 8, userKeyLength);
        int[][] cs = chunks;
        int[] prev = splice;
        // The writer's own descent, recording the predecessor at each level. Kept in this method (not shared with
        // the readers' search) so the insert is one compile unit above C2's inline limit: a trap here recompiles
        // the insert alone, not the commit leader that calls it.
        int x = HEAD;
        int descent = height; // the level searched, after the decrement; loop shape as in findGreaterOrEqual
        do {
            descent--;
            while (true) {
                int next = link(cs, x, descent);
                if (next == NONE) {
                    break;
                }
                cs = chunksHolding(cs, next);
                if (compare(cs, next, p, p2, internalKey, userKeyLength, trailer) >= 0) {
                    break;
                }
                x = next;
            }
            prev[descent] = x;
        } while (descent > 0);
        int h = randomHeight();
        // A node taller than the list needs no case of its own: the descent writes prev only below the height, so
        // prev holds HEAD at every level from the height up. No branch on "taller" either: the list grows a level
        // only at about 4^k nodes, typically after C2 took its profile, so that branch was compiled as a trap that
        // recompiled this method when taken. A release store suffices: a reader that sees the old height searches
        // fewer levels, and one that sees the new height before the head's link at it finds NONE there.
        HEIGHT.setRelease(this, Math.max(h, height));
        int ordinal = count++;
        Object[] pairs = refChunk(ordinal);
        int r = 2 * (ordinal & REF_MASK);
        pairs[r] = internalKey;
        pairs[r + 1] = value;

        int node = allocate(NEXT + h);
        cs = chunks;
        int[] rec = cs[node >>> CHUNK_SHIFT];
        int o = node & CHUNK_MASK;
        rec[o + PREFIX] = (int) (p >>> 32);
        rec[o + PREFIX + 1] = (int) p;
        rec[o + PREFIX2] = (int) (p2 >>> 32);
        rec[o + PREFIX2 + 1] = (int) p2;
        rec[o + ORDINAL] = ordinal;
        for (int level = 0; level < h; level++) {
            int before = prev[level];
            int[] beforeRec = cs[before >>> CHUNK_SHIFT];
            int link = (before & CHUNK_MASK) + NEXT + level;
            rec[o + NEXT + level] = beforeRec[link];
            INTS.setRelease(beforeRec, link, node);
        }
        return h;
    }

    private static byte[] endKey() {
        byte[] k = new byte[256 + InternalKey.TRAILER_SIZE];
        Arrays.fill(k, (byte) 0xff);
        return k;
    }

    /** The first object chunk, holding the head's key and value (ordinal 0; the head's record leaves it 0). */
    private static Object[] firstRefChunk() {
        Object[] pairs = new Object[2 << REF_SHIFT];
        pairs[0] = END_KEY;
        pairs[1] = new byte[0];
        return pairs;
    }

    /** The first node, or {@link #NONE} if the list is empty. */
    int first() {
        return link(chunks, HEAD, 0);
    }

    /** The node after {@code node} at level 0, or {@link #NONE}. */
    int next(int node) {
        return link(chunksHolding(chunks, node), node, 0);
    }

    /** The internal key of a node a search or {@link #next} returned. */
    byte[] key(int node) {
        return (byte[]) pair(node, 0);
    }

    byte[] value(int node) {
        return (byte[]) pair(node, 1);
    }

    /** The first node whose key is {@code >=} the target, or {@link #NONE}. */
    int findGreaterOrEqual(byte[] userKey, int userKeyLength, long trailer) {
        long prefix = prefix(userKey, 0, userKeyLength);
        long prefix2 = prefix(userKey, 8, userKeyLength);
        int[][] cs = chunks;
        int x = HEAD;
        int next;
        // One level per outer pass, the inner loop moving right, the level test at the bottom. Written as a
        // "return at level 0" loop or a counted "level >= 0" loop, C2's loop-limit check on it trapped once or
        // twice a run as memtables were replaced (JFR jdk.Deoptimization); this shape did not.
        int level = height;
        do {
            level--;
            while (true) {
                next = link(cs, x, level);
                if (next == NONE) {
                    break;
                }
                cs = chunksHolding(cs, next);
                if (compare(cs, next, prefix, prefix2, userKey, userKeyLength, trailer) >= 0) {
                    break;
                }
                x = next;
            }
        } while (level > 0);
        return next;
    }

    /**
     * Whether {@code node}'s user key is below {@code userKey}; false for {@link #NONE}. A walk over a range ends
     * here both at the first key past its bound and at the end of the list, through the same test: the end's key
     * sorts after every bound of up to 256 0xff bytes, and a longer one meets the end's own test only after it.
     * A branch on "past the last key" was taken in one benchmark phase and not in those before, so C2 had compiled
     * it as a trap, and its deopt recompiled the whole of {@code ReadPath.gather} (JFR jdk.Deoptimization).
     */
    boolean below(int node, byte[] userKey) {
        byte[] k = key(node);
        return Arrays.compareUnsigned(k, 0, k.length - InternalKey.TRAILER_SIZE, userKey, 0, userKey.length) < 0
                && node != NONE;
    }

    /** The last node whose key is {@code <} the target, or {@link #NONE} if there is none. */
    int findLessThan(byte[] userKey, int userKeyLength, long trailer) {
        long prefix = prefix(userKey, 0, userKeyLength);
        long prefix2 = prefix(userKey, 8, userKeyLength);
        int[][] cs = chunks;
        int x = HEAD;
        int level = height - 1;
        while (true) {
            int next = link(cs, x, level);
            if (next != NONE) {
                cs = chunksHolding(cs, next);
                if (compare(cs, next, prefix, prefix2, userKey, userKeyLength, trailer) < 0) {
                    x = next;
                    continue;
                }
            }
            if (level == 0) {
                return x;
            }
            level--;
        }
    }

    /** The last node, or {@link #NONE} if the list is empty. */
    int findLast() {
        int[][] cs = chunks;
        int x = HEAD;
        int level = height - 1;
        while (true) {
            int next = link(cs, x, level);
            if (next != NONE) {
                cs = chunksHolding(cs, next);
                x = next;
            } else if (level == 0) {
                return x;
            } else {
                level--;
            }
        }
    }

    private static int link(int[][] cs, int node, int level) {
        return (int) INTS.getAcquire(cs[node >>> CHUNK_SHIFT], (node & CHUNK_MASK) + NEXT + level);
    }

    /** {@code cs}, or the current chunks if {@code node} was published after {@code cs} was read. */
    private int[][] chunksHolding(int[][] cs, int node) {
        return (node >>> CHUNK_SHIFT) < cs.length ? cs : chunks;
    }

    private Object pair(int node, int which) {
        int[] rec = chunksHolding(chunks, node)[node >>> CHUNK_SHIFT];
        int ordinal = rec[(node & CHUNK_MASK) + ORDINAL];
        return refs[ordinal >>> REF_SHIFT][2 * (ordinal & REF_MASK) + which];
    }

    /** {@link #compare(byte[], byte[], int, long)} deciding on the nodes' user-key prefixes when they differ. */
    private int compare(int[][] cs, int node, long prefix, long prefix2, byte[] userKey, int userKeyLength,
                        long trailer) {
        int[] rec = cs[node >>> CHUNK_SHIFT];
        int o = node & CHUNK_MASK;
        long p = (long) rec[o + PREFIX] << 32 | (rec[o + PREFIX + 1] & 0xffffffffL);
        if (p != prefix) {
            return Long.compareUnsigned(p, prefix);
        }
        long p2 = (long) rec[o + PREFIX2] << 32 | (rec[o + PREFIX2 + 1] & 0xffffffffL);
        if (p2 != prefix2) {
            return Long.compareUnsigned(p2, prefix2);
        }
        return compare(key(node), userKey, userKeyLength, trailer);
    }

    /** A record of {@code ints} ints at a fresh offset, in a new chunk when the current one lacks room. */
    private int allocate(int ints) {
        int at = free;
        if ((at & CHUNK_MASK) + ints > CHUNK_MASK + 1) {
            at = (at | CHUNK_MASK) + 1;
        }
        int[][] cs = chunks;
        if ((at >>> CHUNK_SHIFT) == cs.length) {
            int[][] grown = Arrays.copyOf(cs, cs.length + 1);
            grown[cs.length] = new int[1 << CHUNK_SHIFT];
            chunks = grown;
        }
        free = at + ints;
        return at;
    }

    /** The object chunk for {@code ordinal}, added when it is the first of a new one. */
    private Object[] refChunk(int ordinal) {
        Object[][] rs = refs;
        int c = ordinal >>> REF_SHIFT;
        if (c == rs.length) {
            Object[][] grown = Arrays.copyOf(rs, rs.length + 1);
            grown[c] = new Object[2 << REF_SHIFT];
            refs = grown;
            rs = grown;
        }
        return rs[c];
    }

    /**
     * Bytes {@code [from, from + 8)} of a user key, big-endian, zero-padded past its end. Unequal prefix pairs
     * (bytes 0-7, then 8-15) order as the keys do: where the 16 padded bytes first differ, either both keys have a
     * byte there, or the shorter key has ended (a padding zero against a non-zero byte of the longer key, which it
     * is a prefix of).
     */
    static long prefix(byte[] userKey, int from, int userKeyLength) {
        long p = 0;
        int n = Math.min(from + 8, userKeyLength);
        for (int i = from; i < n; i++) {
            p |= (userKey[i] & 0xffL) << (56 - 8 * (i - from));
        }
        return p;
    }

    /** Internal-key order of {@code nodeKey} against the target (user-key slice, trailer). */
    static int compare(byte[] nodeKey, byte[] userKey, int userKeyLength, long trailer) {
        int nodeUserKeyLength = nodeKey.length - InternalKey.TRAILER_SIZE;
        int c = Arrays.compareUnsigned(nodeKey, 0, nodeUserKeyLength, userKey, 0, userKeyLength);
        if (c != 0) {
            return c;
        }
        // Trailers sort descending: the newer version comes first.
        return Long.compareUnsigned(trailer, InternalKey.trailer(nodeKey, 0, nodeKey.length));
    }

    /** Height 1 with probability 3/4, each further level 1/4 as likely (LevelDB's branching factor 4). */
    private int randomHeight() {
        long r = randomState;
        r ^= r << 13;
        r ^= r >>> 7;
        r ^= r << 17;
        randomState = r;
        int h = 1;
        while (h < MAX_HEIGHT && (r & 3) == 0) {
            h++;
            r >>>= 2;
        }
        return h;
    }
}
