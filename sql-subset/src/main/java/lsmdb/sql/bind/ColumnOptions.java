package lsmdb.sql.bind;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import lsmdb.sql.Errors;

/**
 * The options of one column in CREATE TABLE, read from JSqlParser's list of words ({@code NOT}, {@code NULL},
 * {@code DEFAULT}, {@code 'x'} ...). Anything else is refused with 42000 naming it.
 *
 * @param defaultSql the DEFAULT's SQL text, or null
 */
record ColumnOptions(boolean primaryKey, boolean notNull, boolean unique, String defaultSql, Identity identity) {

    enum Identity { NONE, BY_DEFAULT, ALWAYS }

    static ColumnOptions parse(String column, List<String> specs) throws SQLException {
        boolean primary = false;
        boolean notNull = false;
        boolean unique = false;
        String dflt = null;
        Identity identity = Identity.NONE;
        int n = specs == null ? 0 : specs.size();
        for (int i = 0; i < n; ) {
            String w = specs.get(i).toUpperCase(Locale.ROOT);
            Identity found = Identity.NONE;
            if (w.equals("NOT") && is(specs, i + 1, "NULL")) {
                notNull = true;
                i += 2;
            } else if (w.equals("NULL")) {
                i++;
            } else if (w.equals("PRIMARY") && is(specs, i + 1, "KEY")) {
                primary = true;
                i += 2;
            } else if (w.equals("UNIQUE")) {
                unique = true;
                i++;
            } else if (w.equals("DEFAULT") && i + 1 < n) {
                if (dflt != null) {
                    throw Errors.syntax("column " + column + " has two DEFAULTs");
                }
                dflt = specs.get(i + 1);
                i += 2;
                if (is(specs, i, "()")) {
                    dflt += "()"; // NOW () arrives as two words
                    i++;
                }
            } else if (w.equals("AUTO_INCREMENT") || w.equals("IDENTITY")) {
                found = Identity.BY_DEFAULT;
                i++;
            } else if (w.equals("GENERATED") && are(specs, i + 1, "BY", "DEFAULT", "AS", "IDENTITY")) {
                found = Identity.BY_DEFAULT;
                i += 5;
            } else if (w.equals("GENERATED") && are(specs, i + 1, "ALWAYS", "AS", "IDENTITY")) {
                found = Identity.ALWAYS;
                i += 4;
            } else {
                throw Errors.unsupported("the column option '" + String.join(" ", specs.subList(i, n)) + "' (column "
                        + column + ")");
            }
            if (found != Identity.NONE) {
                if (identity != Identity.NONE) {
                    throw Errors.syntax("column " + column + " is declared an identity twice");
                }
                identity = found;
            }
        }
        if (identity != Identity.NONE && dflt != null) {
            throw Errors.syntax("column " + column + " cannot have both a DEFAULT and an identity");
        }
        return new ColumnOptions(primary, notNull, unique, dflt, identity);
    }

    private static boolean are(List<String> specs, int from, String... words) {
        for (int k = 0; k < words.length; k++) {
            if (!is(specs, from + k, words[k])) {
                return false;
            }
        }
        return true;
    }

    private static boolean is(List<String> specs, int i, String word) {
        return i < specs.size() && specs.get(i).equalsIgnoreCase(word);
    }
}
