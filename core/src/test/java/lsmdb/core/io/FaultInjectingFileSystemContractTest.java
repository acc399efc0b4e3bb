package lsmdb.core.io;

import java.nio.file.Path;

/** The wrapper must behave exactly like what it wraps while no fault is injected. */
class FaultInjectingFileSystemContractTest extends FileSystemContractTest {

    private final FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new MemFileSystem());

    @Override
    FileSystem fs() {
        return fs;
    }

    @Override
    Path root() {
        return Path.of("/fault/root");
    }
}
