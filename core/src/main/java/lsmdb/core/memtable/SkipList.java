package lsmdb.core.memtable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import lsmdb.core.format.InternalKey;

/**
 * A LevelDB-style skiplist of internal keys: one writer at a time, any number of lock-free readers.
 *
 * <p>Nodes are never removed and a node's key, value and height never change. The writer fully links a new
 * node's own forward pointers before publishing it with a release store into its predecessors; readers load
 * pointers with acquire, so a reader that reaches a node sees it complete. Readers may see a list height that
 * is ahead of the head's pointers at the new levels; they read {@code null} there and descend.
 *
 * <p>Searches compare a node's internal key against a target given as (user-key slice, trailer), so a get
 * needs no encoded key.
 */
final class SkipList {

    static final int MAX_HEIGHT = 12;

    private static final VarHandle NEXT = MethodHandles.arrayElementVarHandle(Node[].class);

    static final class Node {
        /** Levels held in fields rather than an array: a search step then reads one object, not two. */
        static final int INLINE_LEVELS = 4;
        private static final VarHandle N0;
        private static final VarHandle N1;
        private static final VarHandle N2;
        private static final VarHandle N3;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                N0 = l.findVarHandle(Node.class, "next0", Node.class);
                N1 = l.findVarHandle(Node.class, "next1", Node.class);
                N2 = l.findVarHandle(Node.class, "next2", Node.class);
                N3 = l.findVarHandle(Node.class, "next3", Node.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final byte[] key;
        final byte[] value;
        /**
         * The user key's first 8 bytes and the 8 after them ({@link #prefix}): most comparisons end here, without
         * reading the key array. Keys of one table share their first bytes (a tag and table id before the primary
         * key), so the second word is the one that usually decides.
         */
        final long prefix;
        final long prefix2;
        private final int height;
        @SuppressWarnings("unused") // accessed through N0..N3
        private Node next0;
        @SuppressWarnings("unused")
        private Node next1;
        @SuppressWarnings("unused")
        private Node next2;
        @SuppressWarnings("unused")
        private Node next3;
        /** Levels from {@link #INLINE_LEVELS} up; null for the (most) nodes not that tall. */
        private final Node[] upper;

        Node(byte[] key, byte[] value, int height) {
            this.key = key;
            this.value = value;
            this.prefix = key == null ? 0 : prefix(key, 0, key.length - InternalKey.TRAILER_SIZE);
            this.prefix2 = key == null ? 0 : prefix(key, 8, key.length - InternalKey.TRAILER_SIZE);
            this.height = height;
            this.upper = height > INLINE_LEVELS ? new Node[height - INLINE_LEVELS] : null;
        }

        Node next(int level) {
            return switch (level) {
                case 0 -> (Node) N0.getAcquire(this);
                case 1 -> (Node) N1.getAcquire(this);
                case 2 -> (Node) N2.getAcquire(this);
                case 3 -> (Node) N3.getAcquire(this);
                default -> (Node) NEXT.getAcquire(upper, level - INLINE_LEVELS);
            };
        }

        void publishNext(int level, Node node) {
            switch (level) {
                case 0 -> N0.setRelease(this, node);
                case 1 -> N1.setRelease(this, node);
                case 2 -> N2.setRelease(this, node);
                case 3 -> N3.setRelease(this, node);
                default -> NEXT.setRelease(upper, level - INLINE_LEVELS, node);
            }
        }

        /** Links a node no reader can reach yet (its publication into the list orders this store before reads). */
        void initNext(int level, Node node) {
            switch (level) {
                case 0 -> N0.set(this, node);
                case 1 -> N1.set(this, node);
                case 2 -> N2.set(this, node);
                case 3 -> N3.set(this, node);
                default -> upper[level - INLINE_LEVELS] = node;
            }
        }

        int height() {
            return height;
        }
    }

    private final Node head = new Node(null, null, MAX_HEIGHT);
    private volatile int height = 1;
    /** Writer-only scratch: the predecessors of an insert at each level. */
    private final Node[] splice = new Node[MAX_HEIGHT];
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
        Node[] prev = splice;
        findGreaterOrEqual(internalKey, userKeyLength, trailer, prev);
        int h = randomHeight();
        int current = height;
        if (h > current) {
            for (int level = current; level < h; level++) {
                prev[level] = head;
            }
            height = h;
        }
        Node node = new Node(internalKey, value, h);
        for (int level = 0; level < h; level++) {
            node.initNext(level, prev[level].next(level));
            prev[level].publishNext(level, node);
        }
        return h;
    }

    Node first() {
        return head.next(0);
    }

    /** The first node whose key is {@code >=} the target, or null; fills {@code prev} if non-null. */
    Node findGreaterOrEqual(byte[] userKey, int userKeyLength, long trailer, Node[] prev) {
        long prefix = prefix(userKey, 0, userKeyLength);
        long prefix2 = prefix(userKey, 8, userKeyLength);
        Node x = head;
        int level = height - 1;
        while (true) {
            Node next = x.next(level);
            if (next != null && compare(next, prefix, prefix2, userKey, userKeyLength, trailer) < 0) {
                x = next;
            } else {
                if (prev != null) {
                    prev[level] = x;
                }
                if (level == 0) {
                    return next;
                }
                level--;
            }
        }
    }

    /** The last node whose key is {@code <} the target, or null if there is none. */
    Node findLessThan(byte[] userKey, int userKeyLength, long trailer) {
        long prefix = prefix(userKey, 0, userKeyLength);
        long prefix2 = prefix(userKey, 8, userKeyLength);
        Node x = head;
        int level = height - 1;
        while (true) {
            Node next = x.next(level);
            if (next != null && compare(next, prefix, prefix2, userKey, userKeyLength, trailer) < 0) {
                x = next;
            } else if (level == 0) {
                return x == head ? null : x;
            } else {
                level--;
            }
        }
    }

    /** The last node, or null if the list is empty. */
    Node findLast() {
        Node x = head;
        int level = height - 1;
        while (true) {
            Node next = x.next(level);
            if (next != null) {
                x = next;
            } else if (level == 0) {
                return x == head ? null : x;
            } else {
                level--;
            }
        }
    }

    /** {@link #compare(byte[], byte[], int, long)} deciding on the nodes' user-key prefixes when they differ. */
    private static int compare(Node node, long prefix, long prefix2, byte[] userKey, int userKeyLength,
                               long trailer) {
        if (node.prefix != prefix) {
            return Long.compareUnsigned(node.prefix, prefix);
        }
        if (node.prefix2 != prefix2) {
            return Long.compareUnsigned(node.prefix2, prefix2);
        }
        return compare(node.key, userKey, userKeyLength, trailer);
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
