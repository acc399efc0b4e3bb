package lsmdb.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.sf.jsqlparser.statement.Statement;
import org.junit.jupiter.api.Test;

/**
 * Cutting deeply nested statements at their parentheses must give exactly the tree JSqlParser builds from the
 * whole text (compared as JSqlParser prints them, which shows every parenthesis and operator), and must make the
 * statements that used to exceed the parse budget parse within it.
 */
class ParenSplittingTest {

    private static final long GENEROUS = 60_000_000_000L;

    @Test
    void randomNestedStatementsGiveTheSameTreeCutAsWhole() throws Exception {
        Random random = new Random(20261129);
        int cut = 0;
        int refused = 0;
        for (int n = 0; n < 300; n++) {
            String sql = statement(random);
            Statement whole;
            try {
                whole = tree(sql, false);
            } catch (java.sql.SQLException e) {
                // JSqlParser refuses some valid shapes whole (a CASE whose THEN is a parenthesised condition); cut, each piece is
                // parsed as a whole expression, so some of these then parse: nothing to compare with.
                refused++;
                continue;
            }
            Statement pieces = tree(sql, true);
            assertEquals(whole.toString(), pieces.toString(), sql);
            if (ParenSplitting.of(SqlLexer.lex(sql), SqlLexer.lex(sql).count()) != null) {
                cut++;
            }
        }
        assertTrue(cut > 150 && refused < 30, "most generated statements are valid and deep enough to be cut: "
                + cut + " cut, " + refused + " refused");
    }

    @Test
    void aStatementThatExceededTheBudgetWholeParsesCut() throws Exception {
        // The shape of sqllogictest's index/between records: ten levels of parenthesised AND/OR with IN lists
        // and subqueries; JSqlParser needs over a second for it whole.
        Random random = new Random(7);
        StringBuilder where = new StringBuilder("col0 > 1");
        for (int level = 0; level < 10; level++) {
            where = new StringBuilder("(" + where + " AND col1 IN (1, 2, 3) OR (col3 = " + level + ") AND col4 > "
                    + random.nextInt(100) + ".5 OR col1 IN (SELECT col4 FROM tab0 WHERE (col1 < " + level + ")))");
        }
        String sql = "SELECT pk FROM tab0 WHERE " + where + " AND ((col0 >= 3))";
        ParsedStatement.Sql cut = (ParsedStatement.Sql) SqlFront.parse(sql);
        assertEquals(tree(sql, false).toString(), cut.statement().toString());
    }

    @Test
    void leavesAloneWhatItMustNotCut() throws Exception {
        assertNull(cutOf("SELECT a FROM t WHERE (a = 1)"), "shallow statements parse whole");
        assertNull(cutOf("SELECT a FROM t WHERE ((((a = ?))))"), "parameters would be renumbered per piece");
        assertNull(cutOf("CREATE TABLE t (a INT DEFAULT ((((1)))))"), "DDL holds expressions as text");
        assertNull(cutOf("SELECT lsmdb_piece_0 FROM t WHERE ((((a = 1))))"), "the placeholder name is taken");
        ParenSplitting s = cutOf("SELECT a FROM t WHERE f((((a)))) IN ((SELECT b FROM u WHERE ((b = 1)))) "
                + "AND (a, b) = ((1), 2) AND a BETWEEN ((1)) AND ((2))");
        assertNotNull(s);
        assertTrue(s.top().contains("f(") && s.top().contains("(SELECT b FROM u") && s.top().contains("(a, b)"),
                s.top());
    }

    @Test
    void valuesRowsAndInsertColumnsStayLists() throws Exception {
        String sql = "INSERT INTO t (a, b) VALUES ((((1))), 2), (3, (((4 + 5))))";
        assertEquals(tree(sql, false).toString(), tree(sql, true).toString());
    }

    private static ParenSplitting cutOf(String sql) throws Exception {
        Tokens t = SqlLexer.lex(sql);
        return ParenSplitting.of(t, t.count());
    }

    private static Statement tree(String sql, boolean split) throws Exception {
        return ((ParsedStatement.Sql) SqlFront.parse(sql, split, GENEROUS)).statement();
    }

    private static String statement(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> "SELECT a, " + expr(r, 3) + " FROM t WHERE " + cond(r, 4);
            case 1 -> "SELECT a FROM t JOIN u ON " + cond(r, 4) + " WHERE " + cond(r, 4) + " ORDER BY a";
            case 2 -> "UPDATE t SET a = " + expr(r, 3) + " WHERE " + cond(r, 4);
            case 3 -> "DELETE FROM t WHERE " + cond(r, 5);
            default -> "SELECT COUNT(*) FROM t GROUP BY b HAVING " + cond(r, 4);
        };
    }

    private static String cond(Random r, int depth) {
        if (depth == 0) {
            return atom(r);
        }
        return switch (r.nextInt(9)) {
            case 0 -> "(" + cond(r, depth - 1) + ")";
            case 1 -> "NOT (" + cond(r, depth - 1) + ")";
            case 2 -> "(" + cond(r, depth - 1) + " AND " + cond(r, depth - 1) + ")";
            case 3 -> cond(r, depth - 1) + " OR (" + cond(r, depth - 1) + ")";
            case 4 -> "a IN (SELECT b FROM u WHERE (" + cond(r, depth - 1) + "))";
            case 5 -> "a > (SELECT MAX(b) FROM u WHERE " + cond(r, depth - 1) + ")";
            case 6 -> "(" + expr(r, depth - 1) + ") " + op(r) + " (" + expr(r, depth - 1) + ")";
            case 7 -> "(CASE WHEN " + cond(r, depth - 1) + " THEN (" + expr(r, depth - 1) + ") ELSE 0 END) = 1";
            default -> cond(r, depth - 1) + " AND " + atom(r);
        };
    }

    private static String expr(Random r, int depth) {
        if (depth == 0) {
            return r.nextBoolean() ? "a" : Integer.toString(r.nextInt(100));
        }
        return switch (r.nextInt(6)) {
            case 0 -> "(" + expr(r, depth - 1) + " + " + expr(r, depth - 1) + ")";
            case 1 -> "-(" + expr(r, depth - 1) + ")";
            case 2 -> "ABS(" + expr(r, depth - 1) + ")";
            case 3 -> "(" + expr(r, depth - 1) + ") * (" + expr(r, depth - 1) + ")";
            case 4 -> "COALESCE((" + expr(r, depth - 1) + "), b)";
            default -> expr(r, depth - 1) + " - b";
        };
    }

    private static String atom(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> "a = " + r.nextInt(10);
            case 1 -> "b IN (1, 2, " + r.nextInt(10) + ")";
            case 2 -> "a BETWEEN 1 AND " + r.nextInt(10);
            case 3 -> "c IS NULL";
            case 4 -> "d LIKE 'x%'";
            default -> "a " + op(r) + " b";
        };
    }

    private static String op(Random r) {
        return new String[] {"=", "<", ">=", "<>"}[r.nextInt(4)];
    }
}
