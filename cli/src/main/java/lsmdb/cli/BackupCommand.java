package lsmdb.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import lsmdb.core.LsmDb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A consistent copy of a database into a new directory (SPEC §8). */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Copy the database DIR into DEST (which must not exist or be empty): tables hard-linked where "
                + "the file system allows, copied otherwise. DEST opens as an ordinary database.",
                "For a database another process has open, run BACKUP TO 'dest' through its connection."})
final class BackupCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "the database directory")
    Path dir;

    @Parameters(index = "1", description = "the new backup directory")
    Path dest;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long t = System.nanoTime();
        try (LsmDb db = Databases.open(dir, false)) {
            db.checkpoint(dest);
        }
        out.printf("backed up %s to %s (%s) in %.1f s%n", dir.toAbsolutePath(), dest.toAbsolutePath(),
                Databases.human(Databases.sizeOf(dest)), (System.nanoTime() - t) / 1e9);
        return 0;
    }
}
