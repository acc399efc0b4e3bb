package lsmdb.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import lsmdb.core.LsmDb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The engine's state at a glance. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Show files, bytes and score per level, memtable and WAL bytes, write amplification, cache.")
final class StatsCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "the database directory")
    Path dir;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (LsmDb db = Databases.open(dir, true)) {
            out.println("database " + dir.toAbsolutePath() + " (" + Databases.human(Databases.sizeOf(dir)) + " on disk)");
            out.print(db.property("lsmdb.stats"));
        }
        return 0;
    }
}
