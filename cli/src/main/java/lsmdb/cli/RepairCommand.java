package lsmdb.cli;

import java.io.PrintWriter;
import lsmdb.core.Options;
import lsmdb.core.Repairer;
import picocli.CommandLine.Command;

/** LevelDB's RepairDB: a new MANIFEST from the tables and logs present; what cannot be used goes to lost/. */
@Command(name = "repair", mixinStandardHelpOptions = true,
        description = "Rebuild a database whose MANIFEST is lost or damaged from its tables and logs; files that "
                + "cannot be read are moved to DIR/lost/. Run it on a closed database, after taking a copy.")
final class RepairCommand extends DirectoryCommand {

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        Databases.requireDirectory(dir);
        Repairer.Report report = Repairer.repair(dir, Options.defaults().withSync(true));
        for (String action : report.actions()) {
            out.println(action);
        }
        out.printf("repaired %s: %d tables (%d entries), last sequence %d, %d files moved to %s%n",
                dir.toAbsolutePath(), report.tables(), report.entries(), report.lastSequence(),
                report.filesMovedToLost(), dir.resolve("lost"));
        return 0;
    }
}
