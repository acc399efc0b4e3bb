package lsmdb.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import org.junit.jupiter.api.Test;

/** JSqlParser 5.3 swallows what follows an IN list into the list; the front's parentheses stop it. */
class InWrapTest {

    private static Expression where(String sql) throws Exception {
        return ((PlainSelect) ((ParsedStatement.Sql) SqlFront.parse(sql)).statement()).getWhere();
    }

    /** The IN inside the one-element parenthesised list the front wrapped it in. */
    private static InExpression in(Expression e) {
        ParenthesedExpressionList<?> p = assertInstanceOf(ParenthesedExpressionList.class, e);
        assertEquals(1, p.size());
        return assertInstanceOf(InExpression.class, p.get(0));
    }

    @Test
    void inFollowedByAnd() throws Exception {
        AndExpression and = assertInstanceOf(AndExpression.class,
                where("SELECT id FROM people WHERE id IN (1, 2, 3) AND active = FALSE"));
        assertEquals(3, assertInstanceOf(ParenthesedExpressionList.class, in(and.getLeftExpression())
                .getRightExpression()).size());
        assertInstanceOf(EqualsTo.class, and.getRightExpression());
    }

    @Test
    void precedenceAcrossSeveralIns() throws Exception {
        OrExpression or = assertInstanceOf(OrExpression.class,
                where("SELECT a FROM t WHERE a NOT IN (1) AND t.b IN (SELECT b FROM u) OR f(c) IN (?, ?) AND d = 1"));
        AndExpression left = assertInstanceOf(AndExpression.class, or.getLeftExpression());
        assertTrue(in(left.getLeftExpression()).isNot());
        assertInstanceOf(ParenthesedSelect.class, in(left.getRightExpression()).getRightExpression());
        AndExpression right = assertInstanceOf(AndExpression.class, or.getRightExpression());
        assertEquals(2, assertInstanceOf(ParenthesedExpressionList.class, in(right.getLeftExpression())
                .getRightExpression()).size());
    }

    @Test
    void inAtTheEndIsLeftAlone() throws Exception {
        assertInstanceOf(InExpression.class, where("SELECT a FROM t WHERE a IN (1, 2)"));
        AndExpression and = assertInstanceOf(AndExpression.class, where("SELECT a FROM t WHERE b = 1 AND a IN (1, 2)"));
        assertInstanceOf(InExpression.class, and.getRightExpression());
    }
}
