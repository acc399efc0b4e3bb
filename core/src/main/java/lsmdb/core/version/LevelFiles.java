package lsmdb.core.version;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The files of one level of a {@link Version}, read-only, over an array. Every level of every version is this one
 * class, whatever its size: {@code List.copyOf} and {@code Collections.emptyList} give one of three classes by size,
 * and a read path whose compiled code had met one class trapped and was recompiled when a level grew past two files
 * (JIT class checks at {@code Version.get}, {@code ReadPath.iterator}).
 */
final class LevelFiles extends AbstractList<FileMetaData> implements RandomAccess {

    private final FileMetaData[] files;

    private LevelFiles(FileMetaData[] files) {
        this.files = files;
    }

    static LevelFiles of(List<FileMetaData> files) {
        return files instanceof LevelFiles l ? l : new LevelFiles(files.toArray(new FileMetaData[0]));
    }

    @Override
    public FileMetaData get(int index) {
        return files[index];
    }

    @Override
    public int size() {
        return files.length;
    }
}
