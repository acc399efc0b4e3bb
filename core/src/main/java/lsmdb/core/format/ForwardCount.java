package lsmdb.core.format;

import java.util.Arrays;

/**
 * A count of the live user keys of a forward scan, taken without materializing them (what {@code COUNT(*)} over a key
 * range needs). A user key counts when its newest entry with sequence {@code <= readSequence} is a put: DbIterator's
 * rule for a view without range tombstones. Iterators move through their entries with
 * {@link InternalIterator#countForward}: a block judges its entries in bulk from their headers and keys in place,
 * anything else hands each entry to {@link #accept}.
 *
 * <p>Between calls the state is: the count, whether the entry accounted for last has the user key decided last
 * ({@link #decided()}; only then may the next entry be an older version of it), and that key in {@code lastKey}
 * (kept exact by whoever leaves a run of entries with {@code decided} true, see {@link #leave}). The bound in force
 * ({@link #limit()}) is the scan's end, or lower while a merge lets one child run up to its runner-up.
 */
public final class ForwardCount {

    private static final int CHECK_EVERY = 256;

    private final long readSequence;
    private final byte[] to;
    private final Runnable checkpoint;
    private long count;
    private boolean decided;
    private byte[] lastKey = new byte[32];
    private int lastLength;
    private byte[] limit;
    private int limitLength;
    private int sinceCheck;
    /** Entries looked at so far (those counted singly and in bulk). */
    private long seen;
    /** With a test: the scan stops on the first live put whose value passes it (see {@link #found()}). */
    private final ValueTest test;
    private byte[] scratch;
    private boolean found;

    /**
     * Tests a value, {@code value[0, length)}, in a buffer the test must not keep. A test that can often decide from
     * a value's first bytes says how many ({@link #headBytes}): a block then copies those only and asks
     * {@link #testHead} first, and the whole value only when that answers {@link #UNSURE}.
     */
    public interface ValueTest {
        int FAIL = 0;
        int PASS = 1;
        int UNSURE = 2;

        boolean test(byte[] value, int length);

        /** How many leading bytes {@link #testHead} needs; 0 when it has no such shortcut. */
        default int headBytes() {
            return 0;
        }

        /**
         * {@link #PASS} or {@link #FAIL} as {@link #test} would answer, or {@link #UNSURE}, from a value of
         * {@code length} bytes whose first {@code min(headBytes(), length)} bytes are in {@code head}.
         */
        default int testHead(byte[] head, int length) {
            return UNSURE;
        }

        /**
         * {@link #testHead} for a test whose {@link #headBytes} are at most 8, given the value's first eight bytes
         * as one little-endian word ({@code head}; the bytes past {@code length}, if any, are not the value's): a
         * block asks this first, without copying the head anywhere. {@link #UNSURE} sends it to {@link #testHead}.
         */
        default int testHeadWord(long head, int length) {
            return UNSURE;
        }
    }

    /**
     * @param to         the exclusive upper bound (a user key), or null for none
     * @param checkpoint run every few hundred entries (it may throw to abandon the count), or null
     */
    public ForwardCount(long readSequence, byte[] to, Runnable checkpoint) {
        this(readSequence, to, checkpoint, null);
    }

    /**
     * A search rather than a count: the run stops on the first live put (after the one it starts on) whose value
     * passes {@code test}, positioned on it, and {@link #found()} says so.
     */
    public ForwardCount(long readSequence, byte[] to, Runnable checkpoint, ValueTest test) {
        this.readSequence = readSequence;
        this.to = to;
        this.checkpoint = checkpoint;
        this.test = test;
        resetLimit();
    }

    /** Whether there is a value test (then each live put's value is tested, see {@link #passes}). */
    public boolean testsValues() {
        return test != null;
    }

    /** Whether a run stopped on an entry whose value passed the test. */
    public boolean found() {
        return found;
    }

    /** A buffer of at least {@code n} bytes for a value to test. */
    public byte[] scratch(int n) {
        if (scratch == null || scratch.length < n) {
            scratch = new byte[Math.max(n, 128)];
        }
        return scratch;
    }

    /**
     * Tests a live put's value, {@code value[0, length)}: when it passes, the run ends on that entry ({@link #found()}),
     * counting the {@code counted} keys and {@code entries} entries before it.
     */
    public boolean passes(byte[] value, int length, long counted, int entries) {
        if (!test.test(value, length)) {
            return false;
        }
        foundAt(counted, entries);
        return true;
    }

    /** The test, for a caller that asks it itself ({@link ValueTest#testHead} first, then the whole value). */
    public ValueTest test() {
        return test;
    }

    /**
     * The live put a caller's own test passed ends the run there ({@link #found()}), after the {@code counted} keys
     * and {@code entries} entries before it.
     */
    public void foundAt(long counted, int entries) {
        found = true;
        count += counted;
        decided = true;
        progress(entries);
    }

    /** Counts the entry {@code key[0, length)} that the scan sits on, a live put whose key has been decided. */
    public void start(byte[] key, int length) {
        count = 1;
        decided = true;
        remember(key, length - InternalKey.TRAILER_SIZE);
    }

    public long count() {
        return count;
    }

    public long readSequence() {
        return readSequence;
    }

    public boolean decided() {
        return decided;
    }

    /** The bound in force, {@code limit()[0, limitLength())}; null when there is none. */
    public byte[] limit() {
        return limit;
    }

    public int limitLength() {
        return limitLength;
    }

    /** Lowers the bound to user key {@code key[0, length)} if that is below the scan's end (a merge's runner-up). */
    public void lowerLimit(byte[] key, int length) {
        if (to == null || Arrays.compareUnsigned(key, 0, length, to, 0, to.length) < 0) {
            limit = key;
            limitLength = length;
        }
    }

    /** Restores the scan's own end as the bound. */
    public void resetLimit() {
        limit = to;
        limitLength = to == null ? -1 : to.length;
    }

    /** Whether user key {@code key[0, length)} is at or past the bound. */
    public boolean atLimit(byte[] key, int offset, int length) {
        return limit != null && Arrays.compareUnsigned(key, offset, offset + length, limit, 0, limitLength) >= 0;
    }

    /** Whether user key {@code key[0, length)} is the one decided last. */
    public boolean isLast(byte[] key, int offset, int length) {
        return length == lastLength && Arrays.equals(key, offset, offset + length, lastKey, 0, length);
    }

    /**
     * Accounts for one entry, internal key {@code key[0, length)} of {@code source}'s current entry: false when its
     * user key is at or past the bound (nothing changed) or its value passed the test ({@link #found()}), where the
     * caller stops and stays.
     */
    public boolean accept(byte[] key, int length, InternalIterator source) {
        int userLength = length - InternalKey.TRAILER_SIZE;
        if (userLength < 0) {
            throw new IllegalStateException("internal key of " + length + " bytes");
        }
        if (atLimit(key, 0, userLength)) {
            return false;
        }
        progress(1);
        long trailer = InternalKey.trailer(key, 0, length);
        if ((trailer >>> 8) > readSequence) {
            decided = false; // newer than the view: its key's visible versions (if any) come next
            return true;
        }
        if (decided && isLast(key, 0, userLength)) {
            return true; // an older version of a decided key
        }
        if ((byte) trailer == InternalKey.KIND_PUT) {
            if (test != null) {
                int n = source.valueLength();
                byte[] v = scratch(n);
                source.copyValue(v, 0);
                if (passes(v, n, 0, 0)) {
                    return false;
                }
            }
            count++;
        }
        decided = true;
        remember(key, userLength);
        return true;
    }

    /**
     * Ends a run of entries judged in bulk: {@code counted} more keys, {@code entries} entries looked at, and whether
     * the last entry's key, user key {@code key[0, userLength)}, is the one decided last.
     */
    public void leave(long counted, int entries, boolean decidedLast, byte[] key, int userLength) {
        count += counted;
        decided = decidedLast;
        if (decidedLast) {
            remember(key, userLength);
        }
        progress(entries);
    }

    /**
     * Ends a run of entries that stopped at the bound after {@code entries} entries below it. If there were any, the
     * key decided last lies below the bound, where no later entry is; if not, the state stands (the bound may be the
     * decided key itself, a merge's runner-up holding an older version of it).
     */
    public void stop(long counted, int entries) {
        if (entries > 0) {
            count += counted;
            decided = false;
            progress(entries);
        }
    }

    /** Entries looked at so far: a merge tells from it how long its children's runs are. */
    public long seen() {
        return seen;
    }

    private void progress(int entries) {
        seen += entries;
        sinceCheck += entries;
        if (sinceCheck >= CHECK_EVERY) {
            sinceCheck = 0;
            if (checkpoint != null) {
                checkpoint.run();
            }
        }
    }

    private void remember(byte[] key, int userLength) {
        if (lastKey.length < userLength) {
            lastKey = new byte[Math.max(userLength, lastKey.length * 2)];
        }
        System.arraycopy(key, 0, lastKey, 0, userLength);
        lastLength = userLength;
    }
}
