package lsmdb.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.core.WriteBatch;
import lsmdb.core.format.DbFiles;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.io.RealFileSystem;
import lsmdb.core.sstable.Table;
import lsmdb.core.util.Hex;
import lsmdb.core.wal.LogReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Human-readable contents of a database, a table file or a log, for debugging. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print a database's rows per table (--raw: its keys and values), or the entries of an .sst table or a"
                + " .log / MANIFEST.")
final class DumpCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "a database directory, NNNNNN.sst, NNNNNN.log or MANIFEST-NNNNNN")
    Path path;

    @Option(names = "--limit", defaultValue = "1000", description = "stop after this many entries (default ${DEFAULT-VALUE})")
    long limit;

    @Option(names = "--raw", description = "for a directory: the engine's keys and values in hex, not rows per table")
    boolean raw;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.exists(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString(), null,
                    DbFiles.parse(path.getFileName().toString()) == null ? "no such database directory" : "no such file");
        }
        if (Files.isDirectory(path) && !raw && dumpTables(out)) {
            return 0;
        }
        if (Files.isDirectory(path)) {
            try (LsmDb db = Databases.open(path, true); LsmIterator it = db.iterator()) {
                long n = 0;
                for (it.seekToFirst(); it.isValid() && n < limit; it.next(), n++) {
                    out.println(Hex.of(it.key()) + " => " + Hex.of(it.value()));
                }
                out.println(n + " entries" + (it.isValid() ? " (more after --limit)" : ""));
            }
            return 0;
        }
        DbFiles.Parsed f = DbFiles.parse(path.getFileName().toString());
        if (f == null) {
            throw new IllegalArgumentException(path + " is not a table, log or MANIFEST file");
        }
        switch (f.kind()) {
            case TABLE -> dumpTable(out, f.number());
            case LOG, MANIFEST -> dumpLog(out, f.kind() == DbFiles.Kind.LOG);
            default -> throw new IllegalArgumentException(path + " is not a table, log or MANIFEST file");
        }
        return 0;
    }

    /** Rows per SQL table, read through the driver (read-only); false when the database has no tables. */
    private boolean dumpTables(PrintWriter out) throws Exception {
        String url = "jdbc:lsm:" + path.toAbsolutePath() + "?readOnly=true&create=false";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            if (tables.isEmpty()) {
                return false;
            }
            for (String t : tables) {
                out.println("-- table " + t);
                s.setMaxRows((int) Math.min(Integer.MAX_VALUE, limit));
                try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + t.replace("\"", "\"\"") + "\"")) {
                    long n = ShellCommand.print(rs, out);
                    out.println("(" + n + " rows" + (n >= limit ? ", more after --limit" : "") + ")");
                }
            }
            return true;
        }
    }

    private void dumpTable(PrintWriter out, long number) throws Exception {
        Table t = Table.open(RealFileSystem.INSTANCE.openForRead(path), path.toString(), number, Files.size(path), null);
        long n = 0;
        try (InternalIterator it = t.iterator()) {
            out.println("table " + path.getFileName() + " (" + Files.size(path) + " bytes)");
            t.describeLayout(out::println);
            for (it.seekToFirst(); it.isValid() && n < limit; it.next(), n++) {
                byte[] k = it.key();
                out.printf("%s @%d %s => %s%n", Hex.of(InternalKey.userKey(k)), InternalKey.sequence(k),
                        InternalKey.kind(k) == InternalKey.KIND_PUT ? "PUT" : "DEL", Hex.of(it.value()));
            }
        } finally {
            t.close();
        }
        out.println(n + " entries");
    }

    private void dumpLog(PrintWriter out, boolean wal) throws Exception {
        long n = 0;
        try (LogReader r = new LogReader(RealFileSystem.INSTANCE.openForRead(path), path.toString(),
                (offset, dropped, reason) -> out.println("(torn tail of " + dropped + " bytes at " + offset + ": "
                        + reason + ")"))) {
            for (byte[] rec = r.readRecord(); rec != null && n < limit; rec = r.readRecord(), n++) {
                if (!wal) {
                    out.println("version edit of " + rec.length + " bytes");
                    continue;
                }
                out.println("batch @" + WriteBatch.sequenceOf(rec));
                WriteBatch.forEachRecord(rec, 0, rec.length, new WriteBatch.Handler() {
                    @Override
                    public void put(byte[] key, byte[] value) {
                        out.println("  PUT " + Hex.of(key) + " => " + Hex.of(value));
                    }

                    @Override
                    public void delete(byte[] key) {
                        out.println("  DEL " + Hex.of(key));
                    }

                    @Override
                    public void deleteRange(byte[] startKey, byte[] endKey) {
                        out.println("  DELETE RANGE [" + Hex.of(startKey) + ", " + Hex.of(endKey) + ")");
                    }
                });
            }
        }
        out.println(n + " records");
    }
}
