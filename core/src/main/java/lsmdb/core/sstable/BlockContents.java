package lsmdb.core.sstable;

import java.io.IOException;
import lsmdb.core.CorruptionException;
import lsmdb.core.io.ReadableFile;
import lsmdb.core.util.Coding;
import lsmdb.core.util.Crc;

/**
 * A block's contents as stored in a table file (format in {@link TableBuilder}): {@code bytes[0, length)}, read with
 * its trailer, its checksum verified and the contents decompressed.
 */
record BlockContents(byte[] bytes, int length) {

    /** Reads a block, checks its trailer (the checksum covers the stored, maybe compressed, bytes) and decodes it. */
    static BlockContents read(ReadableFile file, String fileName, BlockHandle h) throws IOException {
        int n = (int) h.size();
        byte[] buf = new byte[n + TableBuilder.TRAILER_SIZE];
        try {
            file.readFully(h.offset(), buf, 0, buf.length);
        } catch (java.io.EOFException e) {
            throw new CorruptionException(fileName + ": block at offset " + h.offset() + " runs past the end of the file");
        }
        return decode(buf, n, fileName, h.offset());
    }

    /** {@code stored} holds a block of {@code n} stored bytes and its trailer: verified, then decompressed. */
    static BlockContents decode(byte[] stored, int n, String fileName, long offset) throws CorruptionException {
        int expected = Crc.unmask(Coding.getFixed32(stored, n + 1));
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(stored, 0, n + 1);
        if ((int) crc.getValue() != expected) {
            throw new CorruptionException("corrupted block in " + fileName + " at offset " + offset
                    + ": checksum mismatch");
        }
        byte type = stored[n];
        if (type == TableBuilder.NO_COMPRESSION) {
            return new BlockContents(stored, n);
        }
        lsmdb.core.Compression codec = lsmdb.core.Compression.ofType(type);
        if (codec == null) {
            throw new CorruptionException(fileName + ": block at offset " + offset + " has unknown compression type "
                    + type);
        }
        byte[] plain = BlockCodec.decompress(codec, stored, n, fileName, offset);
        return new BlockContents(plain, plain.length);
    }
}
