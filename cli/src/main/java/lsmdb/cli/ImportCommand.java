package lsmdb.cli;

import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Bulk load of a CSV file through the driver. By default all or nothing: rows go into one transaction that commits
 * only if every row is good; with --continue, bad rows are skipped and good ones commit in batches.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Load FILE.csv into TABLE of the database in DIR (empty fields are NULL).")
final class ImportCommand extends DirectoryCommand {

    private static final int MAX_REPORTED = 20;

    @Parameters(index = "1", description = "the table to load")
    String table;

    @Parameters(index = "2", description = "the CSV file")
    Path csv;

    @Option(names = "--header", description = "the first line names the columns")
    boolean header;

    @Option(names = "--batch", defaultValue = "1000", description = "rows per commit with --continue (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--continue", description = "skip bad rows instead of importing nothing")
    boolean keepGoing;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        PrintWriter err = err();
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("no such file: " + csv);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1");
        }
        long total;
        try (Stream<String> lines = Files.lines(csv, StandardCharsets.UTF_8)) {
            total = lines.count() - (header ? 1 : 0);
        }
        CSVFormat format = header ? CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                : CSVFormat.DEFAULT;
        long good = 0;
        long bad = 0;
        List<String> problems = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(Databases.url(dir.toString()) + "?create=false");
             Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format);
             ProgressBar bar = System.console() == null ? null
                     : ProgressBar.builder().setTaskName("import " + table).setInitialMax(total).build()) {
            List<String> columns = header ? parser.getHeaderNames() : columnsOf(c, table);
            String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + "?, ".repeat(columns.size() - 1) + "?)";
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (CSVRecord rec : parser) {
                    long line = rec.getRecordNumber() + (header ? 1 : 0);
                    try {
                        if (rec.size() != columns.size()) {
                            throw new SQLException(rec.size() + " fields for " + columns.size() + " columns", "22023");
                        }
                        for (int i = 0; i < columns.size(); i++) {
                            String v = rec.get(i);
                            ps.setString(i + 1, v.isEmpty() ? null : v);
                        }
                        ps.executeUpdate();
                        good++;
                    } catch (SQLException e) {
                        bad++;
                        if (problems.size() < MAX_REPORTED) {
                            problems.add("line " + line + ": " + e.getMessage()
                                    + (!header && line == 1 && namesColumns(rec, columns)
                                    ? " (the line names the table's columns: use --header)" : ""));
                        }
                    }
                    if (bar != null) {
                        bar.step();
                    }
                    if (keepGoing && good % batch == 0) {
                        c.commit();
                    }
                }
            }
            if (bad > 0 && !keepGoing) {
                c.rollback();
            } else {
                c.commit();
            }
        }
        for (String p : problems) {
            err.println(p);
        }
        if (bad > problems.size()) {
            err.println("... and " + (bad - problems.size()) + " more bad rows");
        }
        if (bad > 0 && !keepGoing) {
            err.println("nothing imported: " + bad + " bad rows (use --continue to skip them)");
            return 1;
        }
        out.println("imported " + good + " rows into " + table + (bad > 0 ? ", skipped " + bad + " bad rows" : ""));
        return 0;
    }

    /** Whether a record's fields are the column names (any case): a header line read as data. */
    private static boolean namesColumns(CSVRecord rec, List<String> columns) {
        if (rec.size() != columns.size()) {
            return false;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (!rec.get(i).strip().equalsIgnoreCase(columns.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> columnsOf(Connection c, String table) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, null, table.toUpperCase(java.util.Locale.ROOT), "%")) {
            while (rs.next()) {
                cols.add(rs.getString("COLUMN_NAME"));
            }
        }
        if (cols.isEmpty()) {
            throw new SQLException("table " + table + " does not exist", "42S02");
        }
        return cols;
    }
}
