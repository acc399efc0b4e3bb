package lsmdb.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import lsmdb.core.LsmDb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** A consistent copy of a database into a new directory (SPEC §8). */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Copy the database DIR into DEST (which must not exist or be empty): tables hard-linked where "
                + "the file system allows, copied otherwise. DEST opens as an ordinary database.",
                "Works on a database another process has open (a read-only view as of the start); from inside that "
                + "process, BACKUP TO 'dest' or LsmDb.checkpoint do the same without a second open."})
final class BackupCommand extends DirectoryCommand {

    @Parameters(index = "1", description = "the new backup directory")
    Path dest;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        long t = System.nanoTime();
        // Read-only: it takes no LOCK, so it also copies a database another process has open (as of this open).
        try (LsmDb db = Databases.open(dir, true)) {
            db.checkpoint(dest);
        }
        out.printf("backed up %s to %s (%s) in %.1f s%n", dir.toAbsolutePath(), dest.toAbsolutePath(),
                Databases.human(Databases.sizeOf(dest)), (System.nanoTime() - t) / 1e9);
        return 0;
    }
}
