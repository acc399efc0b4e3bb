package lsmdb.core.compaction;

import java.util.List;
import lsmdb.core.version.FileMetaData;
import lsmdb.core.version.VersionEdit;

/**
 * A picked compaction: every file of {@code inputs} at {@code level} merged with the overlapping
 * {@code overlaps} at {@code outputLevel}: the next level (the base level from level 0), or the same one when a
 * manual compaction rewrites the bottom level in place. A compaction may also take {@code middle}, the files of
 * the level just above {@code outputLevel} that it overlaps, so that two levels go into the one below them in one
 * merge (level 0 and the base level; an idle step and the next level).
 */
public record Compaction(int level, List<FileMetaData> inputs, List<FileMetaData> overlaps, boolean manual,
                         int outputLevel, List<FileMetaData> middle) {

    public Compaction(int level, List<FileMetaData> inputs, List<FileMetaData> overlaps, boolean manual,
                      int outputLevel) {
        this(level, inputs, overlaps, manual, outputLevel, List.of());
    }

    /** A single file with nothing to merge into below moves by a MANIFEST edit alone, without rewriting. */
    public boolean isTrivialMove() {
        return !manual && inputs.size() == 1 && overlaps.isEmpty() && middle.isEmpty();
    }

    /** The level {@link #middle} files come from. */
    public int middleLevel() {
        return outputLevel - 1;
    }

    public long inputBytes() {
        long n = 0;
        for (List<FileMetaData> files : List.of(inputs, middle, overlaps)) {
            for (FileMetaData f : files) {
                n += f.size();
            }
        }
        return n;
    }

    /** Records the removal of every input file in {@code edit}. */
    public void deleteInputs(VersionEdit edit) {
        for (FileMetaData f : inputs) {
            edit.deleteFile(level, f.number());
        }
        for (FileMetaData f : middle) {
            edit.deleteFile(middleLevel(), f.number());
        }
        for (FileMetaData f : overlaps) {
            edit.deleteFile(outputLevel, f.number());
        }
    }
}
