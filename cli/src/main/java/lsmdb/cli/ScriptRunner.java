package lsmdb.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a SQL script the way {@code sqlite3 db < script.sql} does: statement by statement, printing query results,
 * stopping at the first error with one line naming the statement's line, the message and the SQLState.
 */
final class ScriptRunner {

    /** One statement of a script and the line it starts on. */
    record Piece(String sql, int line) {
    }

    private ScriptRunner() {
    }

    /** Runs {@code script}; returns 0, or 1 after the first failing statement (the rest are not run). */
    static int run(Connection c, String script, String source, PrintWriter out, PrintWriter err) {
        try (Statement s = c.createStatement()) {
            for (Piece p : split(script)) {
                try {
                    if (s.execute(p.sql())) {
                        try (ResultSet rs = s.getResultSet()) {
                            ShellCommand.print(rs, out);
                        }
                    }
                } catch (SQLException e) {
                    err.println("lsmdb: " + source + ":" + p.line() + ": " + e.getMessage()
                            + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")"));
                    return 1;
                }
            }
            return 0;
        } catch (SQLException e) {
            err.println("lsmdb: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Splits at semicolons outside quotes and comments; comments are dropped, blank statements skipped. */
    static List<Piece> split(String script) {
        List<Piece> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int line = 1;
        int start = -1;
        int n = script.length();
        for (int i = 0; i < n; i++) {
            char ch = script.charAt(i);
            if (ch == '\n') {
                line++;
            }
            if (ch == '\'' || ch == '"') {
                int j = i + 1;
                while (j < n && !(script.charAt(j) == ch && (j + 1 >= n || script.charAt(j + 1) != ch))) {
                    j += script.charAt(j) == ch ? 2 : 1;
                }
                j = Math.min(j, n - 1);
                for (int k = i + 1; k <= j; k++) {
                    line += script.charAt(k) == '\n' ? 1 : 0;
                }
                start = start < 0 ? line : start;
                cur.append(script, i, j + 1);
                i = j;
            } else if (ch == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                while (i + 1 < n && script.charAt(i + 1) != '\n') {
                    i++;
                }
            } else if (ch == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                int stop = end < 0 ? n : end + 2;
                for (int k = i; k < stop; k++) {
                    line += script.charAt(k) == '\n' ? 1 : 0;
                }
                i = stop - 1;
                cur.append(' ');
            } else if (ch == ';') {
                add(out, cur, start);
                start = -1;
            } else {
                if (start < 0 && !Character.isWhitespace(ch)) {
                    start = line;
                }
                cur.append(ch);
            }
        }
        add(out, cur, start);
        return out;
    }

    private static void add(List<Piece> out, StringBuilder cur, int line) {
        String sql = cur.toString().strip();
        if (!sql.isEmpty()) {
            out.add(new Piece(sql, line));
        }
        cur.setLength(0);
    }
}
