package lsmdb.core.sstable;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import lsmdb.core.CorruptionException;
import lsmdb.core.Compression;
import lsmdb.core.util.Coding;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Compresses and decompresses block contents. A compressed block is stored as the uncompressed length (varint32)
 * followed by the codec's output; the trailer's type byte names the codec ({@link Compression#type()}).
 */
final class BlockCodec {

    private static final int ZSTD_LEVEL = 3;

    private BlockCodec() {
    }

    /** Lazily loaded, so a database without compression never loads either library. */
    private static final class Lz4 {
        static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
        /** The checking decoder: damaged input (past a matching checksum) fails instead of reading out of bounds. */
        static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
    }

    /**
     * zstd contexts, one per thread and reused: a context per call (what the one-shot API does) costs an allocation
     * of its tables each time, which dominated a block's decoding.
     */
    private static final class ZstdContexts {
        static final ThreadLocal<ZstdCompressCtx> COMPRESS =
                ThreadLocal.withInitial(() -> new ZstdCompressCtx().setLevel(ZSTD_LEVEL));
        static final ThreadLocal<ZstdDecompressCtx> DECOMPRESS = ThreadLocal.withInitial(ZstdDecompressCtx::new);
    }

    /** Room {@link #compress} may need for {@code length} bytes. */
    static int maxCompressedLength(Compression c, int length) {
        int bound = c == Compression.LZ4 ? Lz4.COMPRESSOR.maxCompressedLength(length)
                : (int) Zstd.compressBound(length);
        return 5 + bound;
    }

    /** Compresses {@code src[0, length)} into {@code dst} (sized by {@link #maxCompressedLength}); the stored length. */
    static int compress(Compression c, byte[] src, int length, byte[] dst) {
        int p = Coding.putVarint32(dst, 0, length);
        if (c == Compression.LZ4) {
            return p + Lz4.COMPRESSOR.compress(src, 0, length, dst, p, dst.length - p);
        }
        return p + ZstdContexts.COMPRESS.get().compressByteArray(dst, p, dst.length - p, src, 0, length);
    }

    /** The uncompressed contents of a stored block {@code src[0, length)} compressed with {@code c}. */
    static byte[] decompress(Compression c, byte[] src, int length, String fileName, long offset)
            throws CorruptionException {
        try {
            int[] pos = {0};
            int size = Coding.getVarint32(src, pos, length);
            if (size < 0 || size > (64 << 20)) {
                throw new IllegalArgumentException("implausible uncompressed size " + size);
            }
            byte[] out = new byte[size];
            int n;
            if (c == Compression.LZ4) {
                n = Lz4.DECOMPRESSOR.decompress(src, pos[0], length - pos[0], out, 0, size);
            } else {
                n = ZstdContexts.DECOMPRESS.get().decompressByteArray(out, 0, size, src, pos[0], length - pos[0]);
            }
            if (n != size) {
                throw new IllegalArgumentException("decoded " + n + " bytes, expected " + size);
            }
            return out;
        } catch (IllegalArgumentException | LZ4Exception | ZstdException | ArrayIndexOutOfBoundsException e) {
            throw new CorruptionException("corrupted block in " + fileName + " at offset " + offset + ": cannot "
                    + c + "-decompress it (" + e.getMessage() + ")");
        }
    }
}
