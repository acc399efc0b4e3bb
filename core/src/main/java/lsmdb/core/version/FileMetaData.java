package lsmdb.core.version;

/**
 * A live table file as the MANIFEST records it.
 *
 * @param number        file number ({@code NNNNNN.sst})
 * @param size          bytes
 * @param smallest      smallest internal key in the file
 * @param largest       largest internal key in the file
 * @param smallestSeq   smallest sequence number of any entry, so a range tombstone knows when no file can
 *                      still hold a key it hides
 */
public record FileMetaData(long number, long size, byte[] smallest, byte[] largest, long smallestSeq) {
}
