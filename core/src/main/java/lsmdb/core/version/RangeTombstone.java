package lsmdb.core.version;

import java.util.Arrays;

/** A range delete: hides every version with a smaller sequence of each user key in {@code [start, end)}. */
public record RangeTombstone(long sequence, byte[] start, byte[] end) {

    public boolean contains(byte[] userKey) {
        return Arrays.compareUnsigned(userKey, start) >= 0 && Arrays.compareUnsigned(userKey, end) < 0;
    }

    /** Whether user keys in {@code [smallest, largest]} (inclusive) can meet this range. */
    public boolean overlaps(byte[] smallestUserKey, byte[] largestUserKey) {
        return Arrays.compareUnsigned(largestUserKey, start) >= 0 && Arrays.compareUnsigned(smallestUserKey, end) < 0;
    }
}
