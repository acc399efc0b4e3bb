package lsmdb.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An INSERT of literal rows, run as text or prepared, runs the plan of the same statement with parameters for its
 * literals (parse.LiteralParameters). Differential: random literals of every kind (integers past each type's range,
 * decimals, exponents, strings that look like numbers, dates, times, booleans and UUIDs, NULL, TRUE, FALSE, DEFAULT)
 * into columns of every type, each statement run so on one database and, behind a comment that no shape matches, bound
 * with its literals on another: both must store the same rows or fail with the same SQLState.
 */
class LiteralInsertDifferentialTest {

    /** A prefix no shape of parse.LiteralParameters matches: the statement binds with its literals. */
    static final String AS_WRITTEN = "/* as written */ ";
    private static final String[] TYPES = {"TINYINT", "SMALLINT", "INT", "BIGINT", "DECIMAL(10,2)", "DECIMAL(30,5)",
        "DOUBLE", "VARCHAR(8)", "CHAR(5)", "BOOLEAN", "DATE", "TIME", "TIMESTAMP", "UUID", "VARBINARY(8)", "CLOB"};
    private static final String[] LITERALS = {"0", "1", "-1", "127", "128", "-129", "32767", "2147483648",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "123456789012345678901234567890", "007", "1.5", "-0.0", "0.005", "12345678.125", "1.", ".5", "1e3", "-1.5e-3",
        "1e400", "+4", "''", "'a'", "'it''s'", "'12'", "' 7 '", "'1.5'", "'true'", "'no'", "'2024-01-02'",
        "'2024-01-02 03:04:05'", "'12:34:56'", "'0f8fad5b-d9cb-469f-a165-70867728950e'", "'a longer string'",
        "'é'", "NULL", "TRUE", "FALSE", "DEFAULT"};

    /** Literals each type takes (mostly): picked four times in five, so that most rows are stored. */
    private static String[] fitting(String type) {
        if (type.contains("INT")) {
            return new String[] {"0", "1", "-1", "100", "'12'", "+4", "007", "NULL", "DEFAULT", "1.0"};
        }
        if (type.startsWith("DEC") || type.equals("DOUBLE")) {
            return new String[] {"1.5", "-0.0", "0.005", "12345678.125", "1.", ".5", "1e3", "-1.5e-3", "42", "'1.5'",
                "-9223372036854775808", "9223372036854775808", "NULL", "DEFAULT"};
        }
        return switch (type) {
            case "VARCHAR(8)", "CHAR(5)", "CLOB" -> new String[] {"''", "'a'", "'it''s'", "'12'", "' 7 '", "'é'", "12",
                "-1.5", "1e3", "NULL"};
            case "BOOLEAN" -> new String[] {"TRUE", "FALSE", "'true'", "1", "0", "NULL"};
            case "DATE" -> new String[] {"'2024-01-02'", "'1999-12-31'", "NULL"};
            case "TIME" -> new String[] {"'12:34:56'", "'00:00:00'", "NULL"};
            case "TIMESTAMP" -> new String[] {"'2024-01-02 03:04:05'", "'2024-01-02'", "NULL"};
            case "UUID" -> new String[] {"'0f8fad5b-d9cb-469f-a165-70867728950e'", "NULL"};
            default -> new String[] {"NULL"};
        };
    }

    @Test
    void literalRowsRunAsTextStoreWhatTheirLiteralsWould() throws Exception {
        Random r = new Random(20261202);
        int statements = 0;
        int failures = 0;
        for (int round = 0; round < 12; round++) {
            String urlText = "jdbc:lsm:mem:literaltext" + System.nanoTime();
            String urlBound = "jdbc:lsm:mem:literalbound" + System.nanoTime();
            try (Connection text = DriverManager.getConnection(urlText);
                 Connection bound = DriverManager.getConnection(urlBound);
                 Statement ts = text.createStatement(); Statement bs = bound.createStatement()) {
                List<String> cols = new ArrayList<>();
                java.util.Map<String, String> typeOf = new java.util.HashMap<>();
                StringBuilder ddl = new StringBuilder("CREATE TABLE t (id INT PRIMARY KEY");
                for (int c = 0; c < 4; c++) {
                    String type = TYPES[r.nextInt(TYPES.length)];
                    String name = "c" + c;
                    cols.add(name);
                    typeOf.put(name, type);
                    ddl.append(", ").append(name).append(' ').append(type);
                    if (r.nextInt(4) == 0) {
                        ddl.append(" NOT NULL");
                    }
                    if (r.nextInt(4) == 0 && (type.contains("INT") || type.startsWith("DEC"))) {
                        ddl.append(" DEFAULT 7");
                    }
                }
                ddl.append(')');
                ts.execute(ddl.toString());
                bs.execute(ddl.toString());
                for (int k = 0; k < 150; k++) {
                    String sql = insert(r, cols, typeOf, k);
                    // as text or prepared (both share the parameterized plan), against the text behind a comment,
                    // which no shape matches, so that it binds its literals as written
                    String a = r.nextBoolean() ? outcome(() -> ts.executeUpdate(sql)) : outcome(() -> {
                        try (PreparedStatement ps = text.prepareStatement(sql)) {
                            return ps.executeUpdate();
                        }
                    });
                    String b = outcome(() -> bs.executeUpdate(AS_WRITTEN + sql));
                    assertEquals(b, a, sql);
                    statements++;
                    failures += a.startsWith("SQLState") ? 1 : 0;
                }
                assertEquals(rows(bound), rows(text), ddl.toString());
            }
        }
        System.out.println("LiteralInsertDifferentialTest: " + statements + " statements, " + failures
                + " refused alike");
        assertTrue(failures > 0 && failures < statements, "the literals should both fit and not fit");
    }

    private static String insert(Random r, List<String> cols, java.util.Map<String, String> typeOf, int k) {
        List<String> named = new ArrayList<>(cols);
        boolean list = r.nextBoolean();
        if (list) {
            Collections.shuffle(named, r);
            named = named.subList(0, 1 + r.nextInt(named.size()));
        }
        StringBuilder b = new StringBuilder("INSERT INTO t");
        if (list) {
            b.append(" (id, ").append(String.join(", ", named)).append(')');
        }
        b.append(" VALUES ");
        int rows = r.nextInt(4) == 0 ? 2 : 1;
        for (int row = 0; row < rows; row++) {
            b.append(row > 0 ? ", " : "").append('(');
            // a repeated key now and then: 23505 must come alike
            b.append(r.nextInt(20) == 0 ? k / 2 : k * 4 + row);
            for (String c : named) {
                String[] fit = fitting(typeOf.get(c));
                b.append(", ").append(r.nextInt(5) > 0 ? fit[r.nextInt(fit.length)] : LITERALS[r.nextInt(LITERALS.length)]);
            }
            b.append(')');
        }
        return b.toString();
    }

    private interface Run {
        int run() throws SQLException;
    }

    private static String outcome(Run run) {
        try {
            return "count " + run.run();
        } catch (SQLException e) {
            return "SQLState " + e.getSQLState();
        }
    }

    private static List<String> rows(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM t ORDER BY id")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    b.append(v instanceof byte[] bytes ? java.util.HexFormat.of().formatHex(bytes) : String.valueOf(v))
                            .append('|');
                }
                out.add(b.toString());
            }
        }
        return out;
    }
}
