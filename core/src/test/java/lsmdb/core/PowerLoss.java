package lsmdb.core;

import java.io.IOException;
import lsmdb.core.io.FaultInjectingFileSystem;

/** The power going out under a database on a fault-injecting file system, shared by core's power-loss tests. */
final class PowerLoss {

    private PowerLoss() {
    }

    /**
     * Stops all I/O, drops what was written and not synced, lets go of the dead database (its close fails: the
     * final log sync cannot happen) and turns the power back on, so the directory can be reopened.
     */
    static void cut(FaultInjectingFileSystem fs, LsmDb db) throws IOException {
        fs.failWritesAfter(0);
        fs.failSyncsAfter(0);
        fs.dropUnsyncedData();
        try {
            db.close();
        } catch (IOException expected) {
            // the power is off
        }
        fs.reset();
    }
}
