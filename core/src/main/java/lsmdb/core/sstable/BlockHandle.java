package lsmdb.core.sstable;

import lsmdb.core.util.Coding;

/** Where a block lies in a table file: offset and size of its contents (the 5-byte trailer follows). */
record BlockHandle(long offset, long size) {

    static final int MAX_ENCODED_LENGTH = 20;

    int encodeTo(byte[] dst, int off) {
        off = Coding.putVarint64(dst, off, offset);
        return Coding.putVarint64(dst, off, size);
    }

    static BlockHandle decode(byte[] src, int off, int limit) {
        int[] pos = {off};
        long o = Coding.getVarint64(src, pos, limit);
        long s = Coding.getVarint64(src, pos, limit);
        return new BlockHandle(o, s);
    }
}
