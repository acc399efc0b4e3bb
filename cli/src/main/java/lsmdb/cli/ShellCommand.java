package lsmdb.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sqlline.SqlLine;

/** The interactive SQL shell: sqlline on a {@code jdbc:lsm:} URL, or a script run non-interactively. */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"Open the SQL shell (sqlline) on a database. With -f, or with input piped in (lsmdb shell db < x.sql),",
                "run it as a script: results printed, stop at the first error with one line and exit 1."})
final class ShellCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = "lsmdb-data", description = "a jdbc:lsm: URL or a directory (default ${DEFAULT-VALUE})")
    String target;

    @Option(names = {"-f", "--file"}, description = "run this SQL script and exit")
    String file;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String url = Databases.url(target);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (file != null) {
            return script(url, Files.readString(Path.of(file)), file, out, err);
        }
        if (System.console() == null) {
            // Piped or redirected input (`lsmdb shell db < script.sql`): run it as a script, as sqlite3 does.
            return script(url, new String(System.in.readAllBytes(), StandardCharsets.UTF_8), "stdin", out, err);
        }
        List<String> args = new ArrayList<>(List.of("-u", url, "-n", "", "-p", "", "-d", "lsmdb.jdbc.LsmDriver",
                "--autoCommit=true", "--showWarnings=false"));
        // No input stream: sqlline then builds a system terminal, whose Ctrl-C handler cancels the running statement
        // (Statement.cancel) instead of the JVM's default of exiting; given System.in it would build a plain stream
        // terminal that never sees the signal.
        SqlLine.Status status = new SqlLine().begin(args.toArray(new String[0]), null, true);
        return status == SqlLine.Status.OK ? 0 : 1;
    }

    private static int script(String url, String text, String source, PrintWriter out, PrintWriter err)
            throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            return ScriptRunner.run(c, text, source, out, err);
        }
    }

    /** Prints a result as {@code a | b} lines under a header; returns the number of rows. */
    static long print(ResultSet rs, PrintWriter out) throws java.sql.SQLException {
        ResultSetMetaData md = rs.getMetaData();
        StringBuilder header = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            header.append(i > 1 ? " | " : "").append(md.getColumnLabel(i));
        }
        out.println(header);
        long n = 0;
        while (rs.next()) {
            n++;
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                row.append(i > 1 ? " | " : "").append(rs.getString(i));
            }
            out.println(row);
        }
        return n;
    }

}
