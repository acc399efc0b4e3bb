package lsmdb.core.util;

/**
 * The integer encodings every file format of the engine uses: little-endian fixed-width integers and
 * LEB128-style varints (7 bits a byte, high bit = more follows), as in LevelDB.
 */
public final class Coding {

    private Coding() {
    }

    public static void putFixed32(byte[] dst, int off, int v) {
        dst[off] = (byte) v;
        dst[off + 1] = (byte) (v >>> 8);
        dst[off + 2] = (byte) (v >>> 16);
        dst[off + 3] = (byte) (v >>> 24);
    }

    // Byte-array views: one load where byte loads and shifts are four or eight (JDK 17's C2 does not merge them).
    private static final java.lang.invoke.VarHandle INT_LE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle LONG_LE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle LONG_BE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /** The little-endian int at {@code off}; an {@link IndexOutOfBoundsException} past the end. */
    public static int getFixed32(byte[] src, int off) {
        return (int) INT_LE.get(src, off);
    }

    public static void putFixed64(byte[] dst, int off, long v) {
        for (int i = 0; i < 8; i++) {
            dst[off + i] = (byte) (v >>> (8 * i));
        }
    }

    /** The little-endian long at {@code off}; an {@link IndexOutOfBoundsException} past the end. */
    public static long getFixed64(byte[] src, int off) {
        return (long) LONG_LE.get(src, off);
    }

    /** The big-endian long at {@code off} (order-preserving key encodings); an IndexOutOfBoundsException past the end. */
    public static long getBigEndian64(byte[] src, int off) {
        return (long) LONG_BE.get(src, off);
    }

    /** Writes {@code v} (treated as unsigned) as a varint at {@code off}; returns the offset after it. */
    public static int putVarint32(byte[] dst, int off, int v) {
        while ((v & ~0x7f) != 0) {
            dst[off++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        dst[off++] = (byte) v;
        return off;
    }

    public static int putVarint64(byte[] dst, int off, long v) {
        while ((v & ~0x7fL) != 0) {
            dst[off++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        dst[off++] = (byte) v;
        return off;
    }

    /**
     * Decodes a varint32 at {@code pos[0]} within {@code src[..limit)}, advancing {@code pos[0]}.
     *
     * @throws IllegalArgumentException if it runs past {@code limit} or is longer than 5 bytes
     */
    public static int getVarint32(byte[] src, int[] pos, int limit) {
        int result = 0;
        int p = pos[0];
        for (int shift = 0; shift <= 28; shift += 7) {
            if (p >= limit) {
                throw new IllegalArgumentException("truncated varint");
            }
            int b = src[p++] & 0xff;
            result |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                pos[0] = p;
                return result;
            }
        }
        throw new IllegalArgumentException("malformed varint32");
    }

    public static long getVarint64(byte[] src, int[] pos, int limit) {
        long result = 0;
        int p = pos[0];
        for (int shift = 0; shift <= 63; shift += 7) {
            if (p >= limit) {
                throw new IllegalArgumentException("truncated varint");
            }
            long b = src[p++] & 0xff;
            result |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                pos[0] = p;
                return result;
            }
        }
        throw new IllegalArgumentException("malformed varint64");
    }

    /**
     * The varint64 at {@code p} within {@code b[..limit)}, as {@link #getVarint64} reads it but with no position to
     * move: a caller keeps its offset in a local ({@link #varintEnd}) instead of an {@code int[]}, which is allocated
     * per call wherever the JIT does not inline the reader.
     */
    public static long varint64At(byte[] b, int p, int limit) {
        long result = 0;
        for (int shift = 0; shift <= 63; shift += 7) {
            if (p >= limit) {
                throw new IllegalArgumentException("truncated varint");
            }
            long x = b[p++] & 0xff;
            result |= (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("malformed varint64");
    }

    /** The varint32 at {@code p} within {@code b[..limit)}, as {@link #getVarint32} reads it, with no position. */
    public static int varint32At(byte[] b, int p, int limit) {
        int result = 0;
        for (int shift = 0; shift <= 28; shift += 7) {
            if (p >= limit) {
                throw new IllegalArgumentException("truncated varint");
            }
            int x = b[p++] & 0xff;
            result |= (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("malformed varint32");
    }

    /** Where the varint at {@code p} ends (its last byte has no continuation bit). */
    public static int varintEnd(byte[] b, int p, int limit) {
        for (int i = 0; i < 10; i++, p++) {
            if (p >= limit) {
                throw new IllegalArgumentException("truncated varint");
            }
            if ((b[p] & 0x80) == 0) {
                return p + 1;
            }
        }
        throw new IllegalArgumentException("malformed varint");
    }
}
