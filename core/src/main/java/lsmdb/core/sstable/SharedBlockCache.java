package lsmdb.core.sstable;

/**
 * Where tables keep decoded blocks for reuse, shared by every table of a database and keyed by (file number,
 * offset). Owned here so that tables need not know the cache's implementation ({@code cache.BlockCache}), which
 * sits above this package.
 */
public interface SharedBlockCache {

    /** The block cached for this position, or null. */
    Object get(long fileNumber, long offset);

    /** Offers a block; {@code charge} is its memory cost in bytes. The cache may drop it at once. */
    void put(long fileNumber, long offset, Object block, int charge);
}
