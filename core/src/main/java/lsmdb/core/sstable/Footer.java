package lsmdb.core.sstable;

import java.io.IOException;
import lsmdb.core.CorruptionException;
import lsmdb.core.io.ReadableFile;
import lsmdb.core.util.Coding;

/** A table's footer (format in {@link TableBuilder}): where its filter and index blocks lie. */
record Footer(BlockHandle filter, BlockHandle index) {

    /** Reads and checks the footer of table file {@code fileName}, {@code fileSize} bytes long. */
    static Footer read(ReadableFile file, String fileName, long fileSize) throws IOException {
        if (fileSize < TableBuilder.FOOTER_SIZE) {
            throw new CorruptionException(fileName + ": too short to be a table (" + fileSize + " bytes)");
        }
        byte[] footer = new byte[TableBuilder.FOOTER_SIZE];
        file.readFully(fileSize - footer.length, footer, 0, footer.length);
        if (Coding.getFixed64(footer, TableBuilder.FOOTER_SIZE - 8) != TableBuilder.MAGIC) {
            throw new CorruptionException(fileName + ": bad magic number in the footer (not a table, or damaged)");
        }
        try {
            int[] pos = {0};
            int limit = TableBuilder.FOOTER_SIZE - 8;
            BlockHandle filter = new BlockHandle(Coding.getVarint64(footer, pos, limit),
                    Coding.getVarint64(footer, pos, limit));
            BlockHandle index = new BlockHandle(Coding.getVarint64(footer, pos, limit),
                    Coding.getVarint64(footer, pos, limit));
            // The footer carries no checksum: requiring zero padding leaves no byte of the file unchecked.
            for (int i = pos[0]; i < limit; i++) {
                if (footer[i] != 0) {
                    throw new IllegalArgumentException("non-zero footer padding");
                }
            }
            return new Footer(filter, index);
        } catch (IllegalArgumentException e) {
            throw new CorruptionException(fileName + ": bad block handles in the footer");
        }
    }
}
