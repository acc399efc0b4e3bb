package lsmdb.cli;

import java.io.PrintWriter;
import lsmdb.core.LsmDb;
import picocli.CommandLine.Command;

/** A full manual compaction. */
@Command(name = "compact", mixinStandardHelpOptions = true,
        description = "Flush and compact the whole database, reclaiming overwritten and deleted data.")
final class CompactCommand extends DirectoryCommand {

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        long t = System.nanoTime();
        try (LsmDb db = Databases.open(dir, false)) {
            long before = Databases.sizeOf(dir);
            out.println("compacting " + dir.toAbsolutePath() + " (" + Databases.human(before) + ") ...");
            out.flush();
            db.compactRange(null, null);
            long after = Databases.sizeOf(dir);
            out.printf("done in %.1f s: %s -> %s%n", (System.nanoTime() - t) / 1e9, Databases.human(before),
                    Databases.human(after));
        }
        return 0;
    }
}
