package lsmdb.sql.parse;

import java.sql.SQLSyntaxErrorException;
import java.util.List;
import java.util.Locale;
import lsmdb.sql.Errors;

/**
 * Column options as JSqlParser hands them over: a list of words ({@code NOT}, {@code NULL}, {@code DEFAULT},
 * {@code 'x'}, {@code (c)} ...). Accepts exactly SPEC §3.1's options, in any order.
 */
final class ColumnSpecs {

    private ColumnSpecs() {
    }

    static void check(String column, List<String> specs) throws SQLSyntaxErrorException {
        if (specs == null) {
            return;
        }
        int n = specs.size();
        int i = 0;
        while (i < n) {
            String w = specs.get(i).toUpperCase(Locale.ROOT);
            if (w.equals("NOT") && next(specs, i + 1, "NULL") || w.equals("PRIMARY") && next(specs, i + 1, "KEY")) {
                i += 2;
            } else if (w.equals("NULL") || w.equals("UNIQUE") || w.equals("AUTO_INCREMENT") || w.equals("IDENTITY")) {
                i += 1;
            } else if (w.equals("DEFAULT") && i + 1 < n) {
                i += 2; // one value: a literal, (expression) or CURRENT_TIMESTAMP; its type is the binder's to check
                if (next(specs, i, "()")) {
                    i++; // NOW() arrives as NOW and ()
                }
            } else if (w.equals("CONSTRAINT") && i + 1 < n) {
                i += 2;
            } else if (w.equals("GENERATED") && words(specs, i + 1, "ALWAYS", "AS", "IDENTITY")) {
                i += 4;
            } else if (w.equals("GENERATED") && words(specs, i + 1, "BY", "DEFAULT", "AS", "IDENTITY")) {
                i += 5;
            } else if (w.equals("REFERENCES") && i + 2 < n && specs.get(i + 2).startsWith("(")) {
                i += 3;
            } else {
                throw Errors.unsupported("the column option '" + String.join(" ", specs.subList(i, n))
                        + "' (column " + column + ")");
            }
        }
    }

    private static boolean words(List<String> specs, int from, String... words) {
        for (int k = 0; k < words.length; k++) {
            if (!next(specs, from + k, words[k])) {
                return false;
            }
        }
        return true;
    }

    private static boolean next(List<String> specs, int i, String word) {
        return i < specs.size() && specs.get(i).equalsIgnoreCase(word);
    }
}
