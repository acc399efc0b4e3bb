package lsmdb.core.wal;

import lsmdb.core.util.Coding;
import lsmdb.core.util.Crc;

/** Constants and the physical-record check shared by {@link LogWriter} (which documents the format) and {@link LogReader}. */
final class LogFormat {
    static final int BLOCK_SIZE = 32 * 1024;
    static final int HEADER_SIZE = 7;

    static final byte FULL = 1;
    static final byte FIRST = 2;
    static final byte MIDDLE = 3;
    static final byte LAST = 4;

    private LogFormat() {
    }

    static int payloadLength(byte[] buf, int pos) {
        return (buf[pos + 4] & 0xff) | (buf[pos + 5] & 0xff) << 8;
    }

    static int type(byte[] buf, int pos) {
        return buf[pos + 6] & 0xff;
    }

    static boolean isKnownType(int type) {
        return type >= FULL && type <= LAST;
    }

    static boolean checksumMatches(byte[] buf, int pos) {
        int stored = Crc.unmask(Coding.getFixed32(buf, pos));
        return stored == Crc.crc32c(buf[pos + 6], buf, pos + HEADER_SIZE, payloadLength(buf, pos));
    }

    /** Whether a complete, well-formed record with a correct checksum starts at {@code pos} of {@code buf[0..limit)}. */
    static boolean isValidRecord(byte[] buf, int pos, int limit) {
        return limit - pos >= HEADER_SIZE
                && isKnownType(type(buf, pos))
                && pos + HEADER_SIZE + payloadLength(buf, pos) <= limit
                && checksumMatches(buf, pos);
    }
}
