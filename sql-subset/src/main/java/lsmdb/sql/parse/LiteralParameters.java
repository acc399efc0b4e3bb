package lsmdb.sql.parse;

import java.sql.SQLException;
import java.util.Arrays;
import lsmdb.sql.SqlType;
import lsmdb.sql.types.Arithmetic;
import lsmdb.sql.types.LiteralText;

/**
 * A statement run as text whose literals can be parameters, as the same statement with {@code ?} in their place and
 * their values: a script, a dump or a tool that writes its values inline then binds one plan per shape, shared
 * through the plan cache, instead of running JSqlParser on every statement (about 80% of such a statement's cost:
 * 70-110 us against H2's and SQLite's 5-16 us). Recognised from the lexer's tokens alone, and only these shapes:
 * <ul>
 * <li>{@code INSERT INTO t [(c, ...)] VALUES (lit, ...)[, (...)]}: every literal is a stored value
 *     ({@link Parameterized#stored()}), stored through its column's type, so the literal and a parameter holding its
 *     value store the same thing;
 * <li>{@code SELECT <no literals> FROM t [[AS] a] [WHERE c op lit [AND ...]] [ORDER BY c [ASC|DESC], ...]
 *     [LIMIT n [OFFSET m] | [OFFSET m ROWS] [FETCH FIRST n ROWS ONLY]]} (a term may also be {@code c IN (lit, ...)};
 *     n and m integers without a sign),
 *     {@code UPDATE t SET c = lit, ... WHERE ...} and {@code DELETE FROM t WHERE ...}, op one of = &lt;&gt; != &lt;
 *     &lt;= &gt; &gt;=: the caller uses the parameterized plan only when each parameter's type is the literal's own
 *     ({@link #typesFit}), so comparing with it is comparing with the literal.
 * </ul>
 * A literal is a number (with its sign) or a plain string, read as the binder reads it ({@link LiteralText}, signs by
 * {@link Arithmetic#negate}); NULL, TRUE, FALSE and DEFAULT stay as written. Anything else (an expression, a typed or
 * prefixed literal, a subquery, OR, a signed LIMIT, RETURNING) leaves the statement as it is.
 */
public final class LiteralParameters {

    /** The statement with {@code ?} for each literal, their values in order, and whether all are stored values. */
    public record Parameterized(String sql, Object[] values, boolean stored) {
    }

    private LiteralParameters() {
    }

    /** {@code sql} parameterized, or null when it has none of the shapes (or does not lex). */
    public static Parameterized of(String sql) {
        int first = firstNonSpace(sql);
        if (sql.length() - first < 16) {
            return null;
        }
        char c = Character.toUpperCase(sql.charAt(first));
        if (c != 'I' && c != 'S' && c != 'U' && c != 'D') {
            return null; // most other statements are told apart without lexing
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
        Rewrite r = new Rewrite(t, n);
        boolean stored = t.isWord(0, "INSERT");
        boolean ok = stored ? r.insert() : t.isWord(0, "SELECT") ? r.select()
                : t.isWord(0, "UPDATE") ? r.update() : t.isWord(0, "DELETE") && r.delete();
        return ok && r.count > 0 ? r.result(stored) : null;
    }

    /**
     * Whether each parameter's type is its literal's own (an integer for an integer column, a decimal for a DECIMAL,
     * an approximate number for a DOUBLE, a string for a VARCHAR), so that the parameter is compared as the literal
     * would be.
     */
    public static boolean typesFit(SqlType[] types, Object[] values) {
        if (types.length != values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            SqlType type = types[i];
            boolean fits = v instanceof Long ? type != null && type.isInteger()
                    : v instanceof java.math.BigDecimal ? type == SqlType.DECIMAL
                    : v instanceof Double ? type == SqlType.DOUBLE
                    : v instanceof String && type == SqlType.VARCHAR;
            if (!fits) {
                return false;
            }
        }
        return true;
    }

    /** The statement's tokens read front to back, its literals replaced as they are passed. */
    private static final class Rewrite {
        private final Tokens t;
        private final int n;
        private final String sql;
        private final StringBuilder out;
        private Object[] values = new Object[8];
        private int count;
        private int copied;
        private int i;

        Rewrite(Tokens t, int n) {
            this.t = t;
            this.n = n;
            this.sql = t.text();
            this.out = new StringBuilder(sql.length());
        }

        Parameterized result(boolean stored) {
            out.append(sql, copied, sql.length());
            return new Parameterized(out.toString(), Arrays.copyOf(values, count), stored);
        }

        boolean insert() {
            i = 1;
            if (!word("INTO") || !table()) {
                return false;
            }
            if (i < n && t.kind(i) == Tokens.OPEN && !columnList()) {
                return false;
            }
            if (!word("VALUES")) {
                return false;
            }
            do {
                if (!row()) {
                    return false;
                }
            } while (operator(","));
            return i == n;
        }

        boolean select() {
            i = 1;
            int depth = 0;
            for (; i < n && !(depth == 0 && t.isWord(i, "FROM")); i++) {
                int kind = t.kind(i);
                if (kind == Tokens.OPEN) {
                    depth++;
                } else if (kind == Tokens.CLOSE) {
                    depth--;
                } else if (kind != Tokens.WORD && kind != Tokens.QUOTED_IDENTIFIER
                        && (kind != Tokens.OPERATOR || is(i, "?")) || t.isWord(i, "SELECT")) {
                    return false; // a literal, a parameter or a subquery among the outputs
                }
            }
            if (i == 1 || !word("FROM") || !table()) {
                return false;
            }
            if (t.isWord(i, "AS")) {
                i++;
                if (!name(i)) {
                    return false;
                }
                i++;
            } else if (name(i) && !t.isWord(i, "WHERE") && !t.isWord(i, "ORDER") && !rowCount(i)) {
                i++;
            }
            if (word("WHERE") && !conjunction() || word("ORDER") && (!word("BY") || !orderList())) {
                return false;
            }
            return rowCounts() && i == n;
        }

        /**
         * {@code [LIMIT n [OFFSET m] | [OFFSET m [ROW|ROWS]] [FETCH FIRST|NEXT [n] ROW|ROWS ONLY]]}, n and m numbers
         * written without a sign: the binder types their parameters BIGINT, so {@link #typesFit} takes an integer's
         * value and leaves anything else as written (a decimal, a number past BIGINT, which Basic.count judges). A
         * signed count ({@code LIMIT -1}, an error either way) is left as written too: no tool pages with one.
         */
        private boolean rowCounts() {
            if (word("LIMIT")) {
                return count() && (!word("OFFSET") || count());
            }
            if (word("OFFSET")) {
                if (!count()) {
                    return false;
                }
                if (!word("ROWS")) {
                    word("ROW");
                }
            }
            return !word("FETCH") || (word("FIRST") || word("NEXT")) && (t.isWord(i, "ROW") || t.isWord(i, "ROWS")
                    || count()) && (word("ROWS") || word("ROW")) && word("ONLY");
        }

        private boolean rowCount(int at) {
            return t.isWord(at, "LIMIT") || t.isWord(at, "OFFSET") || t.isWord(at, "FETCH");
        }

        private boolean count() {
            return i < n && t.kind(i) == Tokens.NUMBER && literal();
        }

        boolean update() {
            i = 1;
            if (!table() || !word("SET")) {
                return false;
            }
            do {
                if (!name(i++) || !operator("=") || !literal()) {
                    return false;
                }
            } while (operator(","));
            return word("WHERE") && conjunction() && i == n;
        }

        boolean delete() {
            i = 1;
            return word("FROM") && table() && word("WHERE") && conjunction() && i == n;
        }

        /** {@code c op lit} or {@code c IN (lit, ...)} joined by AND; c may be qualified. */
        private boolean conjunction() {
            do {
                if (!columnRef()) {
                    return false;
                }
                if (word("IN")) {
                    if (!bracket(Tokens.OPEN)) {
                        return false;
                    }
                    do {
                        if (!literal()) {
                            return false;
                        }
                    } while (operator(","));
                    if (!bracket(Tokens.CLOSE)) {
                        return false;
                    }
                } else if (!(operator("=") || operator("<>") || operator("!=") || operator("<") || operator("<=")
                        || operator(">") || operator(">=")) || !literal()) {
                    return false;
                }
            } while (word("AND"));
            return true;
        }

        private boolean orderList() {
            do {
                if (!columnRef()) {
                    return false;
                }
                if (t.isWord(i, "ASC") || t.isWord(i, "DESC")) {
                    i++;
                }
            } while (operator(","));
            return true;
        }

        private boolean row() {
            if (!bracket(Tokens.OPEN)) {
                return false;
            }
            do {
                if (t.isWord(i, "NULL") || t.isWord(i, "TRUE") || t.isWord(i, "FALSE") || t.isWord(i, "DEFAULT")) {
                    i++;
                } else if (!literal()) {
                    return false;
                }
            } while (operator(","));
            return bracket(Tokens.CLOSE);
        }

        /** A number (with its sign) or a plain string at {@code i}, replaced by {@code ?}. */
        private boolean literal() {
            int start = i;
            boolean negative = false;
            if (i < n && (is(i, "-") || is(i, "+"))) {
                negative = is(i, "-");
                i++;
            }
            if (i >= n) {
                return false;
            }
            Object v = value(i, negative);
            if (v == null || i + 1 < n && t.start(i + 1) == t.end(i) && t.kind(i + 1) == Tokens.WORD) {
                return false; // not a plain literal, or glued to a word (1abc)
            }
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = v;
            out.append(sql, copied, t.start(start)).append('?');
            copied = t.end(i);
            i++;
            return true;
        }

        private Object value(int at, boolean negative) {
            int start = t.start(at);
            int end = t.end(at);
            if (t.kind(at) == Tokens.STRING) {
                if (negative || end - start < 2 || sql.charAt(start) != '\'') {
                    return null;
                }
                return LiteralText.string(sql.substring(start + 1, end - 1));
            }
            if (t.kind(at) != Tokens.NUMBER) {
                return null;
            }
            String number = sql.substring(start, end);
            boolean integer = true;
            for (int k = 0; k < number.length() && integer; k++) {
                char c = number.charAt(k);
                integer = c >= '0' && c <= '9';
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

        /** A table name, qualified or not. */
        private boolean table() {
            return columnRef();
        }

        private boolean columnRef() {
            if (!name(i)) {
                return false;
            }
            i++;
            if (i < n && is(i, ".")) {
                if (!name(i + 1)) {
                    return false;
                }
                i += 2;
            }
            return true;
        }

        private boolean columnList() {
            if (!bracket(Tokens.OPEN)) {
                return false;
            }
            do {
                if (!name(i++)) {
                    return false;
                }
            } while (operator(","));
            return bracket(Tokens.CLOSE);
        }

        /** Passes a '(' or ')' ({@code kind}) at {@code i}; false if there is none. */
        private boolean bracket(int kind) {
            if (i < n && t.kind(i) == kind) {
                i++;
                return true;
            }
            return false;
        }

        private boolean word(String upper) {
            if (i < n && t.isWord(i, upper)) {
                i++;
                return true;
            }
            return false;
        }

        private boolean operator(String op) {
            if (i < n && is(i, op)) {
                i++;
                return true;
            }
            return false;
        }

        private boolean name(int at) {
            return at < n && (t.kind(at) == Tokens.WORD || t.kind(at) == Tokens.QUOTED_IDENTIFIER);
        }

        private boolean is(int at, String op) {
            return t.kind(at) == Tokens.OPERATOR && t.end(at) - t.start(at) == op.length()
                    && sql.startsWith(op, t.start(at));
        }
    }

    private static int firstNonSpace(String sql) {
        int i = 0;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i;
    }
}
