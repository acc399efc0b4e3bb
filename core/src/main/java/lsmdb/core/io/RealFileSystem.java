package lsmdb.core.io;

/** PLACEHOLDER: the real implementation lands with the io package. */
public final class RealFileSystem {
    public static final FileSystem INSTANCE = null;

    private RealFileSystem() {
    }
}
