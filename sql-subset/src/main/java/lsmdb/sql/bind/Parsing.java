package lsmdb.sql.bind;

import java.sql.SQLException;
import lsmdb.sql.Errors;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.statement.Statement;

/** Running JSqlParser on one statement's text, with its errors as 42000 naming the position. */
final class Parsing {

    private Parsing() {
    }

    static Statement parseSql(String text) throws SQLException {
        try {
            return new CCJSqlParser(text).Statement();
        } catch (ParseException e) {
            throw Errors.syntax(describe(e));
        } catch (RuntimeException | StackOverflowError e) {
            throw Errors.syntax("syntax error: " + firstLine(e.getMessage()));
        }
    }

    private static String describe(ParseException e) {
        Token t = e.currentToken;
        if (t != null && t.next != null) {
            t = t.next;
        }
        if (t != null && t.beginLine > 0) {
            String near = t.image == null || t.image.isEmpty() ? "end of statement" : "'" + t.image + "'";
            return "syntax error at line " + t.beginLine + ", column " + t.beginColumn + " near " + near;
        }
        return "syntax error: " + firstLine(e.getMessage());
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unparsable statement";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
