package lsmdb.sql.parse;

import java.sql.SQLException;
import lsmdb.sql.types.Arithmetic;
import lsmdb.sql.types.LiteralText;

/**
 * An {@code INSERT INTO t [(c, ...)] VALUES (...)[, (...)]} whose values are all literals, as the same statement with
 * a parameter in place of each number and string literal, and those literals' values. A statement run as text
 * (a script, a dump, a tool writing its rows inline) then binds one plan per table and column list, shared through
 * the plan cache, instead of running JSqlParser on every row: JSqlParser was about 80% of such a statement's cost,
 * 85-110 us against H2's and SQLite's 6-10 us.
 *
 * <p>Only this shape, recognised from the tokens alone: a value there is stored through its column's type, so a
 * literal and a parameter holding the literal's value ({@link LiteralText}, signs by {@link Arithmetic#negate}, as the
 * binder reads them) store the same thing. NULL, TRUE, FALSE and DEFAULT stay as written; any other token among
 * the values (an expression, a typed or prefixed literal, a subquery) leaves the statement as it is.
 */
public final class LiteralParameters {

    /** The statement with {@code ?} for each literal, and their values in order. */
    public record Parameterized(String sql, Object[] values) {
    }

    private LiteralParameters() {
    }

    /** {@code sql} parameterized, or null when it is not an INSERT of literal rows (or does not lex). */
    public static Parameterized of(String sql) {
        if (sql.length() < 20 || !sql.regionMatches(true, firstNonSpace(sql), "INSERT", 0, 6)) {
            return null; // most statements are told apart without lexing
        }
        Tokens t;
        try {
            t = SqlLexer.lex(sql);
        } catch (SQLException e) {
            return null; // the ordinary path reports it
        }
        int n = t.count();
        if (n > 0 && t.kind(n - 1) == Tokens.SEMICOLON) {
            n--;
        }
        int i = 0;
        if (!t.isWord(i++, "INSERT") || !t.isWord(i++, "INTO") || !name(t, i)) {
            return null;
        }
        i++;
        if (i < n && isOperator(t, i, ".")) { // schema.table
            if (!name(t, i + 1)) {
                return null;
            }
            i += 2;
        }
        if (i < n && t.kind(i) == Tokens.OPEN) { // the column list
            i = columnList(t, i, n);
            if (i < 0) {
                return null;
            }
        }
        if (!t.isWord(i++, "VALUES")) {
            return null;
        }
        StringBuilder out = new StringBuilder(sql.length());
        Object[] values = new Object[8];
        int count = 0;
        int copied = 0;
        for (boolean first = true; ; first = false) {
            if (!first) {
                if (i == n) {
                    break;
                }
                if (!isOperator(t, i++, ",")) {
                    return null;
                }
            }
            if (i >= n || t.kind(i++) != Tokens.OPEN) {
                return null;
            }
            for (boolean firstValue = true; ; firstValue = false) {
                if (i >= n) {
                    return null;
                }
                if (t.kind(i) == Tokens.CLOSE) {
                    if (firstValue) {
                        return null; // VALUES (): the ordinary path says what is wrong
                    }
                    i++;
                    break;
                }
                if (!firstValue && !isOperator(t, i++, ",")) {
                    return null;
                }
                if (i < n && (t.isWord(i, "NULL") || t.isWord(i, "TRUE") || t.isWord(i, "FALSE")
                        || t.isWord(i, "DEFAULT"))) {
                    i++;
                    continue;
                }
                int start = i;
                boolean negative = false;
                if (i < n && (isOperator(t, i, "-") || isOperator(t, i, "+"))) {
                    negative = isOperator(t, i, "-");
                    i++;
                }
                if (i >= n) {
                    return null;
                }
                Object v = value(t, i, negative);
                if (v == null || i + 1 < n && t.start(i + 1) == t.end(i) && t.kind(i + 1) == Tokens.WORD) {
                    return null; // not a plain literal, or glued to a word (1abc)
                }
                if (count == values.length) {
                    values = java.util.Arrays.copyOf(values, count * 2);
                }
                values[count++] = v;
                out.append(sql, copied, t.start(start)).append('?');
                copied = t.end(i);
                i++;
            }
        }
        if (count == 0) {
            return null;
        }
        out.append(sql, copied, sql.length());
        return new Parameterized(out.toString(), java.util.Arrays.copyOf(values, count));
    }

    /** The value of the literal at {@code i} (negated when {@code negative}), or null if it is no number or string. */
    private static Object value(Tokens t, int i, boolean negative) {
        String text = t.text();
        int start = t.start(i);
        int end = t.end(i);
        if (t.kind(i) == Tokens.STRING) {
            if (negative || end - start < 2 || text.charAt(start) != '\'') {
                return null;
            }
            return LiteralText.string(text.substring(start + 1, end - 1));
        }
        if (t.kind(i) != Tokens.NUMBER) {
            return null;
        }
        String number = text.substring(start, end);
        boolean integer = true;
        for (int k = 0; k < number.length(); k++) {
            char c = number.charAt(k);
            if (c < '0' || c > '9') {
                integer = false;
                break;
            }
        }
        Object v = integer ? LiteralText.integer(number) : LiteralText.decimal(number);
        if (v == null || !negative) {
            return v;
        }
        try {
            return Arithmetic.negate(v);
        } catch (SQLException e) {
            return null;
        }
    }

    /** Past the column list that opens at {@code open}: names separated by commas; -1 if it is anything else. */
    private static int columnList(Tokens t, int open, int n) {
        int i = open + 1;
        while (true) {
            if (i >= n || !name(t, i)) {
                return -1;
            }
            i++;
            if (i < n && t.kind(i) == Tokens.CLOSE) {
                return i + 1;
            }
            if (i >= n || !isOperator(t, i, ",")) {
                return -1;
            }
            i++;
        }
    }

    private static boolean name(Tokens t, int i) {
        return i < t.count() && (t.kind(i) == Tokens.WORD || t.kind(i) == Tokens.QUOTED_IDENTIFIER);
    }

    private static boolean isOperator(Tokens t, int i, String op) {
        return t.kind(i) == Tokens.OPERATOR && t.end(i) - t.start(i) == op.length()
                && t.text().startsWith(op, t.start(i));
    }

    private static int firstNonSpace(String sql) {
        int i = 0;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i;
    }
}
