package lsmdb.core.sstable;

/**
 * What {@link Block#seekPoint} found: the entry's trailer and where its value lies in the block; also its scratch for
 * decoding entry headers. One per thread, reused.
 */
final class PointHit {
    long trailer;
    int valueOffset;
    int valueLength;
    /** An entry header's shared and unshared key lengths, as {@link Block}'s header decoder leaves them. */
    int shared;
    int unshared;
}
