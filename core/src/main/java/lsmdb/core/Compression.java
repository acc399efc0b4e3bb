package lsmdb.core;

import java.util.Locale;

/**
 * How table data blocks are compressed ({@link Options#withCompression}). Each block records its codec in its
 * trailer's type byte, so a database may hold tables (even blocks) of mixed compression and old tables stay
 * readable after the option changes. A block that compression would shrink by less than an eighth is stored as is.
 */
public enum Compression {
    NONE((byte) 0),
    /** LZ4 (lz4-java): fast to decode, about half the size of text-like values. */
    LZ4((byte) 4),
    /** Zstandard (zstd-jni), level 3: smaller than LZ4, slower to write and a little slower to read. */
    ZSTD((byte) 7);

    private final byte type;

    Compression(byte type) {
        this.type = type;
    }

    /** The block trailer's type byte (RocksDB's numbering for these codecs). */
    public byte type() {
        return type;
    }

    /** The codec a block trailer's type byte names, or null when none does. */
    public static Compression ofType(byte type) {
        for (Compression c : values()) {
            if (c.type == type) {
                return c;
            }
        }
        return null;
    }

    /** {@code none}, {@code lz4} or {@code zstd}, any case; IllegalArgumentException naming the value otherwise. */
    public static Compression of(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "none": return NONE;
            case "lz4": return LZ4;
            case "zstd": return ZSTD;
            default: throw new IllegalArgumentException("unknown compression '" + name + "' (none, lz4 or zstd)");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
