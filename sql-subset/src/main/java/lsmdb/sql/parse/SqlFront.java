package lsmdb.sql.parse;

import java.sql.SQLSyntaxErrorException;
import lsmdb.sql.Errors;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.statement.Statement;

/**
 * The one entry from SQL text to a {@link ParsedStatement}: lex (bounds), recognise control statements from the
 * tokens, fold long literal lists ({@link ListFolding}), then JSqlParser with complex parsing off, and on only if
 * that fails, all under one CPU-time budget.
 * Every refusal is 42000 naming the position or the reason; nothing else escapes.
 */
public final class SqlFront {

    /**
     * CPU time allowed to the front for a statement up to 64 KB (SPEC §5: refused within 100 ms, lexing
     * included); longer text gets more, in proportion. See {@link BoundedParser} for why CPU time.
     */
    static final long BUDGET_NANOS = 80_000_000L;
    private static final int BUDGET_CHARS = 64 * 1024;
    /** The most of it the second, complex-parsing attempt may spend. */
    static final long COMPLEX_BUDGET_NANOS = 25_000_000L;

    static {
        // Loading and verifying JSqlParser's parser classes takes a few hundred ms once per JVM: do it here,
        // outside any deadline, so the first statement is not refused for the class loader's time.
        for (boolean complex : new boolean[] {false, true}) {
            try {
                new BoundedParser("SELECT a FROM t WHERE a = ? AND b IN (1, 'x') ORDER BY a", complex,
                        new BoundedParser.Budget(System.nanoTime(), 60_000_000_000L)).Statement();
            } catch (ParseException | RuntimeException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    private SqlFront() {
    }

    /** Parses one statement (a trailing {@code ;} is allowed; two statements are refused). */
    public static ParsedStatement parse(String sql) throws SQLSyntaxErrorException {
        return parse(sql, true, BUDGET_NANOS);
    }

    /** {@link #parse(String)} with cutting at parentheses on or off and another budget: for tests. */
    static ParsedStatement parse(String sql, boolean split, long budgetNanos) throws SQLSyntaxErrorException {
        long start = System.nanoTime();
        Tokens t = SqlLexer.lex(sql);
        int count = t.count();
        while (count > 0 && t.kind(count - 1) == Tokens.SEMICOLON) {
            count--;
        }
        if (count == 0) {
            throw Errors.syntax("empty statement");
        }
        for (int i = 0; i < count; i++) {
            if (t.kind(i) == Tokens.SEMICOLON) {
                throw Errors.syntax("a prepared statement takes exactly one statement, but this text has more"
                        + " (a ';' at " + SqlLexer.position(sql, t.start(i))
                        + "); run a ';'-separated script with Statement.execute");
            }
        }
        ParsedStatement.Control control = ControlStatements.recognise(t, count);
        if (control != null) {
            return control;
        }
        String text = sql.substring(t.start(0), t.end(count - 1));
        boolean upsert = t.isWord(0, "UPSERT") && t.isWord(1, "INTO");
        if (upsert) {
            text = "INSERT" + text.substring(6); // same length: positions in messages stay right
        } else if (t.isWord(0, "REPLACE") && t.isWord(1, "INTO")) {
            // SQLite's and MySQL's REPLACE INTO: insert or replace by key, which is UPSERT.
            text = "INSERT " + text.substring(7);
            upsert = true;
        } else if (t.isWord(0, "INSERT") && t.isWord(1, "OR") && t.isWord(2, "REPLACE") && t.isWord(3, "INTO")) {
            int from = t.start(1) - t.start(0);
            int to = t.end(2) - t.start(0);
            text = text.substring(0, from) + " ".repeat(to - from) + text.substring(to);
            upsert = true;
        }
        long budget = budgetNanos + Math.max(0, (long) text.length() - BUDGET_CHARS) * (budgetNanos / BUDGET_CHARS);
        BoundedParser.Budget spend = new BoundedParser.Budget(start, budget);
        Statement statement = null;
        int[] opens = null;
        int[] closes = null;
        if (hasWord(t, count, "IN")) {
            opens = new int[count];
            closes = new int[count];
            if (!InWrap.marks(t, count, opens, closes)) {
                opens = null;
                closes = null;
            }
        }
        ListFolding folding = ListFolding.fold(t, count, text, opens, closes, true);
        // Folding never deepens the text, so a statement too shallow to cut is not lexed a second time.
        boolean deep = split && ParenSplitting.deepEnough(t, count);
        statement = deep ? splitAndParse(folding == null ? text : folding.text(), spend) : null;
        if (statement != null) {
            // Cut only without parameters, so the folding has no list to put back; it renumbers nothing.
            if (folding == null || folding.restore(statement)) {
                return new ParsedStatement.Sql(statement, upsert);
            }
            statement = null;
        }
        if (folding != null) {
            statement = jsqlparser(folding.text(), spend);
            if (!folding.restore(statement)) {
                // An unexpected shape: parse again without folding lists.
                statement = null;
                spend = spend.remainder(budget);
                folding = ListFolding.fold(t, count, text, opens, closes, false);
            }
        }
        if (statement == null) {
            statement = jsqlparser(folding == null ? text : folding.text(), spend);
            if (folding != null) {
                folding.restore(statement); // nothing folded: renumbers nothing, but keeps one code path
            }
        }
        return new ParsedStatement.Sql(statement, upsert);
    }

    /**
     * Deeply nested text parsed in pieces ({@link ParenSplitting}); null when it is not cut or a piece does not
     * parse (the caller then parses it whole, for the usual result or message).
     */
    private static Statement splitAndParse(String text, BoundedParser.Budget budget) throws SQLSyntaxErrorException {
        Tokens t = SqlLexer.lex(text);
        int count = t.count();
        while (count > 0 && t.kind(count - 1) == Tokens.SEMICOLON) {
            count--;
        }
        ParenSplitting split = ParenSplitting.of(t, count);
        if (split == null) {
            return null;
        }
        try {
            java.util.List<net.sf.jsqlparser.expression.Expression> parsed = new java.util.ArrayList<>();
            for (String piece : split.pieces()) {
                net.sf.jsqlparser.expression.Expression e = expression(piece, budget);
                if (e == null) {
                    return null;
                }
                parsed.add(e);
            }
            Statement statement = attempt(split.top(), false, budget);
            return split.restore(statement, parsed) ? statement : null;
        } catch (ParseException e) {
            return null;
        } catch (BoundedParser.DeadlineExceeded e) {
            throw Errors.syntax("statement too complex: not parsed within " + (BUDGET_NANOS / 1_000_000)
                    + " ms; simplify it (fewer nested parentheses or subqueries, shorter expressions)");
        }
    }

    /** One piece as a whole expression (nothing left over), simple parsing first; null when it does not parse. */
    private static net.sf.jsqlparser.expression.Expression expression(String piece, BoundedParser.Budget budget) {
        for (boolean complex : new boolean[] {false, true}) {
            BoundedParser p = new BoundedParser(piece, complex, budget);
            try {
                net.sf.jsqlparser.expression.Expression e = p.Expression();
                if (p.getToken(1).kind == net.sf.jsqlparser.parser.CCJSqlParserConstants.EOF) {
                    return e;
                }
            } catch (ParseException | StackOverflowError e) {
                // try the other mode, then give up on cutting
            } catch (BoundedParser.DeadlineExceeded e) {
                throw e;
            } catch (RuntimeException | Error e) {
                return null;
            }
        }
        return null;
    }

    private static boolean hasWord(Tokens t, int count, String upper) {
        for (int i = 0; i < count; i++) {
            if (t.isWord(i, upper)) {
                return true;
            }
        }
        return false;
    }

    private static Statement jsqlparser(String text, BoundedParser.Budget budget) throws SQLSyntaxErrorException {
        ParseException simpleFailure;
        try {
            return attempt(text, false, budget);
        } catch (ParseException e) {
            simpleFailure = e;
        } catch (BoundedParser.DeadlineExceeded e) {
            throw Errors.syntax("statement too complex: not parsed within " + (BUDGET_NANOS / 1_000_000)
                    + " ms; simplify it (fewer nested parentheses or subqueries, shorter expressions)");
        }
        try {
            // Complex parsing is exponential in nesting on malformed input: it gets only a slice of the budget.
            return attempt(text, true, budget.remainder(COMPLEX_BUDGET_NANOS));
        } catch (ParseException | BoundedParser.DeadlineExceeded e) {
            // The simple attempt's position is the more useful: complex parsing backtracks further.
            throw Errors.syntax(describe(simpleFailure, text));
        }
    }

    private static Statement attempt(String text, boolean complex, BoundedParser.Budget budget)
            throws ParseException, SQLSyntaxErrorException {
        BoundedParser p = new BoundedParser(text, complex, budget);
        try {
            return p.Statement();
        } catch (BoundedParser.DeadlineExceeded | ParseException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw Errors.syntax("statement nested too deeply to parse");
        } catch (RuntimeException | Error e) {
            // JSqlParser's token manager throws TokenMgrException (an Error) on characters it cannot lex.
            ParseException pe = new ParseException(e.getMessage());
            pe.currentToken = p.token;
            throw pe;
        }
    }

    private static String describe(ParseException e, String text) {
        Token t = e.currentToken;
        if (t != null && t.next != null) {
            t = t.next;
        }
        if (t != null && t.beginLine > 0) {
            String near = t.image == null || t.image.isEmpty() ? "end of statement" : "'" + t.image + "'";
            return "syntax error at line " + t.beginLine + ", column " + t.beginColumn + " near " + near;
        }
        String m = e.getMessage();
        int nl = m == null ? -1 : m.indexOf('\n');
        return "syntax error: " + (m == null ? "unparsable statement" : nl < 0 ? m : m.substring(0, nl));
    }
}
