package lsmdb.sql.parse;

import java.sql.SQLSyntaxErrorException;
import lsmdb.sql.Errors;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.statement.Statement;

/**
 * The one entry from SQL text to a {@link ParsedStatement}: lex (bounds), recognise control statements from the
 * tokens, then JSqlParser with complex parsing off, and on only if that fails, both under one deadline.
 * Every refusal is 42000 naming the position or the reason; nothing else escapes.
 */
public final class SqlFront {

    /**
     * CPU time allowed to the front for a statement up to 64 KB (SPEC §5: refused within 100 ms, lexing
     * included); longer text gets more, in proportion. See {@link BoundedParser} for why CPU time.
     */
    static final long BUDGET_NANOS = 80_000_000L;
    private static final int BUDGET_CHARS = 64 * 1024;

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
        }
        long budget = BUDGET_NANOS + Math.max(0, (long) text.length() - BUDGET_CHARS) * (BUDGET_NANOS / BUDGET_CHARS);
        return new ParsedStatement.Sql(jsqlparser(text, new BoundedParser.Budget(start, budget)), upsert);
    }

    private static Statement jsqlparser(String text, BoundedParser.Budget deadline) throws SQLSyntaxErrorException {
        ParseException simpleFailure;
        try {
            return attempt(text, false, deadline);
        } catch (ParseException e) {
            simpleFailure = e;
        }
        try {
            return attempt(text, true, deadline);
        } catch (ParseException e) {
            // The simple attempt's position is the more useful: complex parsing backtracks further.
            throw Errors.syntax(describe(simpleFailure, text));
        }
    }

    private static Statement attempt(String text, boolean complex, BoundedParser.Budget deadline)
            throws ParseException, SQLSyntaxErrorException {
        BoundedParser p = new BoundedParser(text, complex, deadline);
        try {
            return p.Statement();
        } catch (BoundedParser.DeadlineExceeded e) {
            throw Errors.syntax("statement too complex: not parsed within "
                    + (BUDGET_NANOS / 1_000_000) + " ms; simplify it (fewer nested parentheses or subqueries,"
                    + " shorter lists: use parameters and batches)");
        } catch (StackOverflowError e) {
            throw Errors.syntax("statement nested too deeply to parse");
        } catch (ParseException e) {
            throw e;
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
