package lsmdb.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

    private static List<String> images(String sql) throws Exception {
        Tokens t = SqlLexer.lex(sql);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.count(); i++) {
            out.add(t.kind(i) + ":" + t.image(i));
        }
        return out;
    }

    private static SQLSyntaxErrorException refused(String sql) {
        SQLSyntaxErrorException e = assertThrows(SQLSyntaxErrorException.class, () -> SqlLexer.lex(sql));
        assertEquals("42000", e.getSQLState());
        return e;
    }

    @Test
    void tokenKinds() throws Exception {
        assertEquals(List.of("1:SELECT", "2:\"a\"\"b\"", "7:,", "3:1.5e-3", "7:,", "4:'it''s'", "7:,", "5:X'0aff'",
                        "7:,", "6:?", "7:<=", "7:||", "8:(", "9:)", "10:;", "1:x_1$"),
                images("SELECT \"a\"\"b\", 1.5e-3, 'it''s', X'0aff', ? <= || ( ) ; x_1$"));
    }

    @Test
    void commentsAreSkippedAndTheirContentIgnored() throws Exception {
        assertEquals(List.of("1:SELECT", "3:1"), images("SELECT -- a ( ' comment\n /* ) ; ' */ 1"));
        assertEquals(List.of("1:a", "7:-", "3:1"), images("a - 1 -- trailing"));
    }

    @Test
    void quotesHideParenthesesAndSemicolons() throws Exception {
        assertEquals(3, SqlLexer.lex("SELECT ')(;' ;").count());
        assertEquals(2, SqlLexer.lex("SELECT \"(\"").count());
    }

    @Test
    void unterminatedLiteralsAndComments() {
        assertTrue(refused("SELECT 'abc").getMessage().contains("unterminated string at line 1, column 8"));
        assertTrue(refused("SELECT 'it''").getMessage().contains("unterminated string"));
        assertTrue(refused("SELECT \"abc").getMessage().contains("unterminated quoted identifier"));
        assertTrue(refused("SELECT 1\n  /* abc").getMessage().contains("unterminated comment at line 2, column 3"));
        assertTrue(refused("SELECT X'00").getMessage().contains("unterminated binary literal"));
    }

    @Test
    void unbalancedParenthesesNameTheFirstUnmatchedOne() {
        String e = refused("SELECT a FROM t WHERE a IN ( ( ( 1 , 2").getMessage();
        assertTrue(e.contains("unmatched '(' at line 1, column 28"), e);
        assertTrue(refused("SELECT (1))").getMessage().contains("unmatched ')' at line 1, column 11"));
        assertTrue(refused("SELECT (1; SELECT 2)").getMessage().contains("unmatched '(' at line 1, column 8"));
    }

    @Test
    void bounds() throws Exception {
        SqlLexer.lex("SELECT " + "(".repeat(SqlLexer.MAX_DEPTH) + "1" + ")".repeat(SqlLexer.MAX_DEPTH));
        assertTrue(refused("SELECT " + "(".repeat(SqlLexer.MAX_DEPTH + 1) + "1" + ")".repeat(SqlLexer.MAX_DEPTH + 1))
                .getMessage().contains("nested deeper than " + SqlLexer.MAX_DEPTH));
        assertTrue(refused("SELECT '" + "x".repeat(SqlLexer.MAX_CHARS) + "'").getMessage().contains("longer than"));
        assertTrue(refused("SELECT " + "1,".repeat(SqlLexer.MAX_TOKENS / 2 + 1)).getMessage().contains("tokens"));
    }

    @Test
    void operatorsInOneExpressionAreBounded() throws Exception {
        int max = SqlLexer.MAX_OPERATORS_IN_A_ROW;
        SqlLexer.lex("SELECT " + "1 + ".repeat(max) + "1");
        String e = refused("SELECT " + "1 + ".repeat(max + 1) + "1").getMessage();
        assertTrue(e.contains("more than " + max + " operators in one expression"), e);
        // AND/OR in any case, and operands in parentheses: the chain is still one level's
        SqlLexer.lex("SELECT a FROM t WHERE " + "a = 1 oR ".repeat(max / 2 - 1) + "a = 2"); // 999 operators
        assertTrue(refused("SELECT a FROM t WHERE " + "(a = 1) Or ".repeat(max + 1) + "a = 2").getMessage()
                .contains("operators in one expression"));
        assertTrue(refused("SELECT a FROM t WHERE " + "a = 1 AND ".repeat(max / 2 + 1) + "a = 2").getMessage()
                .contains("operators in one expression"));
        // commas end an expression: long lists, select lists and multi-row VALUES are not chains
        SqlLexer.lex("SELECT a FROM t WHERE a IN (" + "1, ".repeat(5 * max) + "1)");
        SqlLexer.lex("SELECT " + "a + 1, ".repeat(2 * max) + "a");
        SqlLexer.lex("INSERT INTO t VALUES " + "(1 + 1, 'x' || 'y'), ".repeat(2 * max) + "(1, 'a')");
        // qualified names are not operators; a new statement of a script starts over
        SqlLexer.lex("SELECT " + "t.a + ".repeat(max) + "t.a");
        SqlLexer.lex("SELECT " + "1 + ".repeat(max) + "1; SELECT " + "1 + ".repeat(max) + "1");
        // inside parentheses the count is the inner expression's, and the outer one resumes after them
        SqlLexer.lex("SELECT " + "1 + ".repeat(max / 2) + "(" + "2 * ".repeat(max) + "2) + " + "1 + ".repeat(max / 2 - 1) + "1");
    }

    @Test
    void controlCharactersOutsideLiteralsAreRefused() throws Exception {
        assertTrue(refused("SELECT 1\u0000").getMessage().contains("U+0000 at line 1, column 9"));
        assertEquals(2, SqlLexer.lex("SELECT 'a\u0000b'").count());
    }
}
