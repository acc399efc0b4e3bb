package lsmdb.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.statement.Statement;
import org.junit.jupiter.api.Test;

/** Folded lists come back as JSqlParser would have parsed them, with every parameter numbered as written. */
class ListFoldingTest {

    @Test
    void shortListsAreNotFolded() throws Exception {
        Tokens t = SqlLexer.lex("SELECT a FROM t WHERE a IN (1, 2, 3)");
        assertNull(ListFolding.fold(t, t.count(), t.text(), null, null, true));
    }

    @Test
    void foldedStatementsEqualUnfoldedOnes() throws Exception {
        Random random = new Random(7);
        String[] kinds = {"1", "-2", "2.5", "1e3", "'it''s'", "X'00ff'", "NULL", "?", "99999999999999999999"};
        for (int round = 0; round < 100; round++) {
            StringBuilder sql = new StringBuilder("SELECT a, ? FROM t WHERE b = ? AND a IN (");
            int n = 1 + random.nextInt(60);
            for (int i = 0; i < n; i++) {
                sql.append(i == 0 ? "" : ", ").append(kinds[random.nextInt(kinds.length)]);
            }
            sql.append(") AND c NOT IN (");
            int m = 1 + random.nextInt(40);
            for (int i = 0; i < m; i++) {
                sql.append(i == 0 ? "" : ",").append(random.nextBoolean() ? "?" : String.valueOf(i));
            }
            sql.append(") AND COALESCE(?, 1) = 1 LIMIT ?");
            String text = sql.toString();
            if (n >= ListFolding.MIN_ITEMS) {
                Tokens t = SqlLexer.lex(text);
                assertNotNull(ListFolding.fold(t, t.count(), text, null, null, true));
            }
            Statement folded = ((ParsedStatement.Sql) SqlFront.parse(text)).statement();
            Statement plain = new CCJSqlParser(unfolded(text)).Statement();
            assertEquals(plain.toString(), folded.toString(), text);
            assertEquals(parameterIndexes(plain), parameterIndexes(folded), text);
        }
    }

    @Test
    void valuesRowsAndFunctionArgumentsFoldToo() throws Exception {
        String row = "?, ".repeat(40) + "'x'";
        String sql = "INSERT INTO t VALUES (" + row + "), (" + row + ")";
        Statement folded = ((ParsedStatement.Sql) SqlFront.parse(sql)).statement();
        Statement plain = new CCJSqlParser(sql).Statement();
        assertEquals(plain.toString(), folded.toString());
        assertEquals(parameterIndexes(plain), parameterIndexes(folded));
        assertEquals(80, parameterIndexes(folded).size());
    }

    /** The text JSqlParser would get without list folding (IN parentheses inserted all the same). */
    private static String unfolded(String sql) throws Exception {
        Tokens t = SqlLexer.lex(sql);
        int[] opens = new int[t.count()];
        int[] closes = new int[t.count()];
        InWrap.marks(t, t.count(), opens, closes);
        ListFolding f = ListFolding.fold(t, t.count(), sql, opens, closes, false);
        return f == null ? sql : f.text();
    }

    /** Parameter indexes in a fixed walk order (the same for two trees of the same shape). */
    private static List<Integer> parameterIndexes(Statement st) {
        List<Integer> out = new ArrayList<>();
        collect(st, out, new java.util.IdentityHashMap<>());
        return out;
    }

    private static void collect(Object o, List<Integer> out, java.util.IdentityHashMap<Object, Boolean> seen) {
        if (o == null || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof JdbcParameter p) {
            out.add(p.getIndex());
            return;
        }
        if (o instanceof java.util.Collection<?> c) {
            for (Object x : c) {
                collect(x, out, seen);
            }
        }
        if (NodeShape.isJsqlparser(o.getClass()) && !o.getClass().isEnum()) {
            for (var f : NodeShape.fields(o.getClass())) {
                Object v = NodeShape.read(f, o);
                if (v != null && (v instanceof java.util.Collection || NodeShape.isJsqlparser(v.getClass()))) {
                    collect(v, out, seen);
                }
            }
        }
    }
}
