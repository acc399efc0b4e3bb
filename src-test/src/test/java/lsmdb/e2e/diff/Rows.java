package lsmdb.e2e.diff;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads a query's rows as normalised strings, so the two databases' Java types compare equal when SQL says so. */
final class Rows {

    private Rows() {
    }

    static List<String> query(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i == 1 ? "" : " | ").append(normalise(rs.getObject(i)));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Numbers of every Java type as plain decimals without trailing zeros; everything else as its string. */
    static String normalise(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Double || value instanceof Float) {
            // Approximate: to 12 significant digits, integral ones too (AVG of 9223372036854775807 alone is
            // 9.223372036854776E18; averages are DOUBLEs on both sides, see GeneratedQuery). DECIMAL fractions too.
            double d = ((Number) value).doubleValue();
            return d == 0 ? "0" : Double.isFinite(d) ? round(BigDecimal.valueOf(d)).toPlainString() : Double.toString(d);
        }
        if (value instanceof BigDecimal d) {
            return plain(d);
        }
        if (value instanceof Number n) {
            return Long.toString(n.longValue());
        }
        return value.toString();
    }

    /** Fractions to 12 significant digits (see {@link #normalise}); integers exactly. */
    private static String plain(BigDecimal d) {
        if (d.signum() == 0) {
            return "0";
        }
        BigDecimal s = d.stripTrailingZeros();
        if (s.scale() > 0) {
            s = round(s);
        }
        return s.toPlainString();
    }

    private static BigDecimal round(BigDecimal d) {
        return d.round(new java.math.MathContext(12, java.math.RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    static List<String> sorted(List<String> rows) {
        List<String> copy = new ArrayList<>(rows);
        copy.sort(null);
        return copy;
    }
}
