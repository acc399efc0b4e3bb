package lsmdb.e2e.diff;

import java.util.Random;

/** Column types both lsmdb and HSQLDB support, with the literals the generator writes for them. */
enum ColumnType {
    INT("INT", true), BIGINT("BIGINT", true), TINYINT("TINYINT", true), SMALLINT("SMALLINT", true), DOUBLE("DOUBLE", true), DECIMAL("DECIMAL(10,2)", true),
    VARCHAR("VARCHAR(12)", false), BOOLEAN("BOOLEAN", false), UUID("UUID", false), TIME("TIME", false);

    final String sql;
    final boolean numeric;

    ColumnType(String sql, boolean numeric) {
        this.sql = sql;
        this.numeric = numeric;
    }

    /** A literal of this type: small values (so duplicates are common) and edge values now and then. */
    String literal(Random r, boolean quotesAllowed) {
        return switch (this) {
            case INT -> r.nextInt(8) == 0 ? pick(r, "2147483647", "-2147483648", "0", "-1")
                    : Integer.toString(r.nextInt(21) - 10);
            case TINYINT -> r.nextInt(8) == 0 ? pick(r, "127", "-128", "0") : Integer.toString(r.nextInt(21) - 10);
            case SMALLINT -> r.nextInt(8) == 0 ? pick(r, "32767", "-32768", "0") : Integer.toString(r.nextInt(21) - 10);
            case BIGINT -> r.nextInt(8) == 0 ? pick(r, "9223372036854775807", "-9223372036854775808", "0")
                    : Long.toString(r.nextInt(21) - 10);
            // quarters are exact in binary, so both databases hold exactly the same double
            case DOUBLE -> r.nextInt(10) == 0 ? pick(r, "0.0", "-1.0E10", "1.0E10", "0.25")
                    : Double.toString((r.nextInt(41) - 20) / 4.0);
            case DECIMAL -> r.nextInt(10) == 0 ? pick(r, "99999999.99", "-99999999.99", "0.00", "0.01")
                    : (r.nextInt(41) - 20) / 4 + "." + pick(r, "00", "25", "50", "75");
            case VARCHAR -> "'" + word(r, quotesAllowed) + "'";
            case BOOLEAN -> r.nextBoolean() ? "TRUE" : "FALSE";
            // few values, so they repeat; first digits with the high bit set, where signed and unsigned order differ
            case UUID -> "'" + pick(r, "00000000-0000-0000-0000-000000000000", "00000000-0000-0000-8000-000000000001",
                    "7fffffff-ffff-ffff-ffff-ffffffffffff", "80000000-0000-0000-0000-000000000000",
                    "c0ffee00-1234-5678-9abc-def012345678", "ffffffff-ffff-ffff-ffff-ffffffffffff") + "'";
            // whole seconds: HSQLDB's TIME keeps none of a fraction by default
            case TIME -> "'" + pick(r, "00:00:00", "00:00:01", "09:30:00", "12:00:00", "12:00:01", "23:59:59") + "'";
        };
    }

    private static String word(Random r, boolean quotesAllowed) {
        if (r.nextInt(10) == 0) {
            return "";
        }
        String letters = quotesAllowed ? "abcABz''" : "abcABz";
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(4) + 1; i > 0; i--) {
            sb.append(letters.charAt(r.nextInt(letters.length())));
        }
        String s = sb.toString();
        return quotesAllowed ? s.replace("'", "''") : s;
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }
}
