package lsmdb.sql.exec;

import java.sql.SQLException;

/**
 * Rows spread over temporary files by the hash of their join key, so that rows of equal keys, of either side of a
 * join, land in the same partition and each partition can be joined alone. A partition's file is made with its
 * first row; {@link #close} deletes them all.
 */
final class HashPartitions implements AutoCloseable {

    /** Partitions per side: a build side of 32 times the budget still joins a partition at a time in memory. */
    static final int COUNT = 32;

    private final String what;
    private final SpillFile[] files = new SpillFile[COUNT];

    HashPartitions(String what) {
        this.what = what;
    }

    /**
     * The partition of a key's hash: the high bits of a multiplicative hash, so that a partition's rows still
     * spread over a hash table's buckets (which take the low bits).
     */
    static int of(int hash) {
        return (hash * 0x9E3779B9) >>> 27;
    }

    void add(Object key, Object[] row) throws SQLException {
        addTo(of(key.hashCode()), row);
    }

    void addTo(int partition, Object[] row) throws SQLException {
        SpillFile f = files[partition];
        if (f == null) {
            f = files[partition] = SpillFile.create(what);
        }
        f.add(row);
    }

    long rows(int partition) {
        return files[partition] == null ? 0 : files[partition].rows();
    }

    /** A partition's rows in the order added; the caller closes the cursor. */
    Cursor read(int partition) throws SQLException {
        if (files[partition] == null) {
            return Cursors.of(java.util.List.of());
        }
        return files[partition].read();
    }

    @Override
    public void close() {
        for (int i = 0; i < COUNT; i++) {
            if (files[i] != null) {
                files[i].close();
                files[i] = null;
            }
        }
    }
}
