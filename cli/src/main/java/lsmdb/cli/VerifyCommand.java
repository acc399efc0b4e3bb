package lsmdb.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.core.format.DbFiles;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.io.RealFileSystem;
import lsmdb.core.sstable.Table;
import lsmdb.core.wal.LogReader;
import picocli.CommandLine.Command;

/** Reads every block of every table and every record of every log, checking every checksum. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check what opening checks (CURRENT, MANIFEST, logs), then every block and record of every table and log;"
                + " exit 1 naming file and offset on corruption.")
final class VerifyCommand extends DirectoryCommand {

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        PrintWriter err = err();
        // First everything opening checks (CURRENT, the MANIFEST it names, the logs it replays), then a full scan,
        // which reads every table the MANIFEST names; then every file on its own, block by block.
        Databases.requireDirectory(dir);
        int corrupt = 0;
        long live = 0;
        java.util.Set<String> liveTables = null;
        try (LsmDb db = Databases.open(dir, true); LsmIterator it = db.iterator()) {
            liveTables = java.util.Set.of(db.property("lsmdb.live-tables").split(" "));
            for (it.seekToFirst(); it.isValid(); it.next()) {
                live++;
            }
        } catch (IOException | UncheckedIOException e) {
            String msg = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
            err.println("CORRUPT " + dir + ": the database does not open or read: " + msg);
            corrupt++;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        int tables = 0;
        int logs = 0;
        long entries = 0;
        long records = 0;
        for (Path p : files) {
            DbFiles.Parsed f = DbFiles.parse(p.getFileName().toString());
            if (f == null) {
                continue;
            }
            try {
                if (f.kind() == DbFiles.Kind.TABLE && liveTables != null
                        && !liveTables.contains(p.getFileName().toString())) {
                    // Not in the database's current version: being written by a running writer, or left over.
                    out.println("note: " + p.getFileName() + " is not part of the database (being written, or "
                            + "left over); not checked");
                } else if (f.kind() == DbFiles.Kind.TABLE) {
                    tables++;
                    entries += verifyTable(p, f.number());
                } else if (f.kind() == DbFiles.Kind.LOG || f.kind() == DbFiles.Kind.MANIFEST) {
                    logs++;
                    records += verifyLog(p, out);
                }
            } catch (java.nio.file.NoSuchFileException gone) {
                // A database in use: its writer deleted the file (compacted or flushed) after the listing.
                out.println("note: " + p.getFileName() + " was deleted by the database's writer while verifying");
            } catch (IOException | UncheckedIOException e) {
                corrupt++;
                String msg = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
                err.println("CORRUPT " + p.getFileName() + ": " + msg);
            }
        }
        out.printf("verified %d tables (%d entries) and %d logs (%d records) in %s, %d live keys: %s%n", tables,
                entries, logs, records, dir, live, corrupt == 0 ? "OK" : corrupt + " damaged files");
        return corrupt == 0 ? 0 : 1;
    }

    private static long verifyTable(Path p, long number) throws IOException {
        long size = Files.size(p);
        Table t = Table.open(RealFileSystem.INSTANCE.openForRead(p), p.toString(), number, size, null);
        long n = 0;
        try (InternalIterator it = t.iterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                it.value();
                n++;
            }
        } finally {
            t.close();
        }
        return n;
    }

    private static long verifyLog(Path p, PrintWriter out) throws IOException {
        long n = 0;
        try (LogReader r = new LogReader(RealFileSystem.INSTANCE.openForRead(p), p.toString(),
                (offset, dropped, reason) -> out.println("note: " + p.getFileName() + " ends in a torn tail of "
                        + dropped + " bytes at offset " + offset + " (" + reason + "); recovery drops it"))) {
            while (r.readRecord() != null) {
                n++;
            }
        }
        return n;
    }
}
