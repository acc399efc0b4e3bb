package lsmdb.sql.parse;

import java.util.Locale;

/** Identifiers: unquoted ones are case-insensitive (kept upper case); double-quoted ones keep their case. */
public final class Identifiers {

    private Identifiers() {
    }

    public static String normalise(String raw) {
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
        }
        if (raw.length() >= 2 && raw.startsWith("`") && raw.endsWith("`")) {
            return raw.substring(1, raw.length() - 1);
        }
        return raw.toUpperCase(Locale.ROOT);
    }
}
