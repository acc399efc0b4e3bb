package lsmdb.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
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
        description = "Open the SQL shell (sqlline) on a database; with -f, run a script and stop at the first error.")
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
        if (file == null && System.console() == null) {
            return demo(url, spec.commandLine().getOut());
        }
        List<String> args = new ArrayList<>(List.of("-u", url, "-n", "", "-p", "", "-d", "lsmdb.jdbc.LsmDriver",
                "--autoCommit=true", "--showWarnings=false"));
        if (file != null) {
            args.addAll(List.of("--force=false", "--silent=true", "-f", file));
        }
        InputStream in = file != null ? InputStream.nullInputStream() : System.in;
        SqlLine.Status status = new SqlLine().begin(args.toArray(new String[0]), in, false);
        return status == SqlLine.Status.OK ? 0 : 1;
    }

    /** Without a terminal there is nobody to type: show what a session looks like instead of waiting. */
    private static int demo(String url, PrintWriter out) throws Exception {
        out.println("No terminal: running a short demo against " + url);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            String[] script = {
                "CREATE TABLE IF NOT EXISTS demo (id BIGINT PRIMARY KEY, name VARCHAR(40), score DOUBLE)",
                "UPSERT INTO demo VALUES (1, 'ada', 97.5)",
                "UPSERT INTO demo VALUES (2, 'grace', 99.0)",
                "UPSERT INTO demo VALUES (3, 'linus', 88.25)",
                "SELECT * FROM demo WHERE id >= 2 ORDER BY id"};
            for (String sql : script) {
                out.println("lsmdb> " + sql + ";");
                if (s.execute(sql)) {
                    try (ResultSet rs = s.getResultSet()) {
                        print(rs, out);
                    }
                }
            }
        }
        out.println("Run `bin/lsmdb shell DIR` in a terminal for the interactive shell.");
        return 0;
    }

    static void print(ResultSet rs, PrintWriter out) throws Exception {
        ResultSetMetaData md = rs.getMetaData();
        StringBuilder header = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            header.append(i > 1 ? " | " : "").append(md.getColumnLabel(i));
        }
        out.println(header);
        while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                row.append(i > 1 ? " | " : "").append(rs.getString(i));
            }
            out.println(row);
        }
    }

}
