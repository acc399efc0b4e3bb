package lsmdb.cli;

import java.io.PrintWriter;
import lsmdb.core.LsmDb;
import picocli.CommandLine.Command;

/** The engine's state at a glance. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Show files, bytes and score per level, memtable and WAL bytes, write amplification, cache.")
final class StatsCommand extends DirectoryCommand {

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        try (LsmDb db = Databases.open(dir, true)) {
            out.println("database " + dir.toAbsolutePath() + " (" + Databases.human(Databases.sizeOf(dir)) + " on disk)");
            out.print(db.property("lsmdb.stats"));
        }
        return 0;
    }
}
