package lsmdb.core.util;

import java.util.zip.CRC32C;

/**
 * CRC32C as stored in blocks and log records, masked as LevelDB does: a CRC of data that itself contains
 * CRCs is a poor check, so stored values are rotated and offset.
 */
public final class Crc {

    private static final int MASK_DELTA = 0xa282ead8;

    private Crc() {
    }

    public static int crc32c(byte[] data, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(data, off, len);
        return (int) c.getValue();
    }

    /** CRC of {@code first} (one byte, e.g. a record type) followed by {@code data[off..off+len)}. */
    public static int crc32c(byte first, byte[] data, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(first);
        c.update(data, off, len);
        return (int) c.getValue();
    }

    public static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    public static int unmask(int masked) {
        int rot = masked - MASK_DELTA;
        return (rot >>> 17) | (rot << 15);
    }
}
