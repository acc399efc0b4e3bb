package lsmdb.core.compaction;

import java.util.List;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.VersionEdit;

/**
 * A picked compaction: every file of {@code inputs} at {@code level} merged with the overlapping
 * {@code overlaps} at {@code outputLevel}: the next level (the base level from level 0), or the same one when a
 * manual compaction rewrites the bottom level in place.
 */
public record Compaction(int level, List<FileMetaData> inputs, List<FileMetaData> overlaps, boolean manual,
                         int outputLevel) {

    /** A single file with nothing to merge into below moves by a MANIFEST edit alone, without rewriting. */
    public boolean isTrivialMove() {
        return !manual && inputs.size() == 1 && overlaps.isEmpty();
    }

    public long inputBytes() {
        long n = 0;
        for (FileMetaData f : inputs) {
            n += f.size();
        }
        for (FileMetaData f : overlaps) {
            n += f.size();
        }
        return n;
    }

    /** Records the removal of every input file in {@code edit}. */
    public void deleteInputs(VersionEdit edit) {
        for (FileMetaData f : inputs) {
            edit.deleteFile(level, f.number());
        }
        for (FileMetaData f : overlaps) {
            edit.deleteFile(outputLevel, f.number());
        }
    }
}
