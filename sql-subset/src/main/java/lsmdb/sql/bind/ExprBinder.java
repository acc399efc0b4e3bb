package lsmdb.sql.bind;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.SqlType;
import lsmdb.sql.types.Temporal;
import lsmdb.sql.Errors;
import lsmdb.sql.exec.Aggregate;
import lsmdb.sql.exec.Subqueries;
import lsmdb.sql.expr.ColumnRef;
import lsmdb.sql.expr.Conditional;
import lsmdb.sql.expr.Conditions;
import lsmdb.sql.expr.Conditions.CompareOp;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.expr.Function;
import lsmdb.sql.expr.Like;
import lsmdb.sql.expr.Literal;
import lsmdb.sql.expr.Operators;
import lsmdb.sql.plan.Planner;
import lsmdb.sql.plan.Query;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * JSqlParser expressions to bound {@link Expr}s in one {@link Scope}. In grouped mode ({@link #grouping} set) an
 * expression is read over the aggregate's rows: a GROUP BY expression becomes a reference to its group slot, an
 * aggregate call to its result slot, and any other column reference is an error.
 */
final class ExprBinder {

    /** Deeper expressions than this are refused (42000) instead of overflowing the stack when run. */
    static final int MAX_DEPTH = 500;

    /** The aggregation of a block: GROUP BY expressions and the calls found so far. */
    static final class Grouping {
        final List<Expr> groups;
        final List<Aggregate.Call> calls = new ArrayList<>();

        Grouping(List<Expr> groups) {
            this.groups = groups;
        }
    }

    private final Binder binder;
    private final Scope scope;
    private final Grouping grouping;
    private int depth;

    ExprBinder(Binder binder, Scope scope, Grouping grouping) {
        this.binder = binder;
        this.scope = scope;
        this.grouping = grouping;
    }

    /** Binds {@code e}, also recording the type a bare parameter gets from what it is compared with. */
    Expr bind(Expression e) throws SQLException {
        if (++depth > MAX_DEPTH) {
            throw Errors.syntax("expression nested too deeply (more than " + MAX_DEPTH + " levels)");
        }
        try {
            if (grouping != null) {
                Expr g = grouped(e);
                if (g != null) {
                    return g;
                }
            }
            return plain(e);
        } finally {
            depth--;
        }
    }

    private Expr grouped(Expression e) throws SQLException {
        if (e instanceof net.sf.jsqlparser.expression.Function f && Aggregates.isAggregate(f)) {
            Aggregate.Call call = Aggregates.call(f, new ExprBinder(binder, scope, null));
            int i = grouping.calls.indexOf(call);
            if (i < 0) {
                grouping.calls.add(call);
                i = grouping.calls.size() - 1;
            }
            return new ColumnRef(0, grouping.groups.size() + i, call.toString(), Aggregates.type(call));
        }
        if (e instanceof ParenthesedSelect || e instanceof ExistsExpression) {
            return null;
        }
        if (!Aggregates.mentionsAggregate(e)) {
            scope.grouped = false;
            Expr plain;
            try {
                plain = new ExprBinder(binder, scope, null).bind(e);
            } finally {
                scope.grouped = true;
            }
            int i = grouping.groups.indexOf(plain);
            if (i >= 0) {
                return new ColumnRef(0, i, plain.toString(), Typing.of(plain));
            }
            if (plain instanceof ColumnRef c) {
                throw Errors.syntax("column " + c.name() + " must appear in GROUP BY or be used in an aggregate");
            }
        }
        return null;
    }

    private Expr plain(Expression e) throws SQLException {
        if (e instanceof Column c) {
            return column(c);
        }
        if (e instanceof JdbcParameter p) {
            return binder.parameter(p);
        }
        if (e instanceof NullValue) {
            return Literal.NULL;
        }
        Object literal = Literals.value(e);
        if (literal != Literals.NOT_A_LITERAL) {
            return new Literal(literal);
        }
        if (e instanceof Parenthesis p) {
            return bind(p.getExpression());
        }
        if (e instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            return bind(list.get(0));
        }
        if (e instanceof AndExpression || e instanceof OrExpression) {
            return logical(e);
        }
        if (e instanceof NotExpression n) {
            return new Conditions.Not(bind(n.getExpression()));
        }
        if (e instanceof SignedExpression s) {
            Expr inner = bind(s.getExpression());
            return switch (s.getSign()) {
                case '-' -> inner instanceof Literal l && l.value() instanceof Number
                        ? new Literal(lsmdb.sql.types.Arithmetic.negate(l.value())) : new Operators.Negate(inner);
                case '+' -> inner;
                default -> throw Errors.unsupported("the sign " + s.getSign());
            };
        }
        if (e instanceof Addition || e instanceof Subtraction || e instanceof Multiplication
                || e instanceof Division || e instanceof Modulo) {
            BinaryExpression b = (BinaryExpression) e;
            char op = e instanceof Addition ? '+' : e instanceof Subtraction ? '-' : e instanceof Multiplication ? '*'
                    : e instanceof Division ? '/' : '%';
            return new Operators.Arith(op, bind(b.getLeftExpression()), bind(b.getRightExpression()));
        }
        if (e instanceof Concat c) {
            return new Operators.Concat(bind(c.getLeftExpression()), bind(c.getRightExpression()));
        }
        CompareOp op = compareOp(e);
        if (op != null) {
            BinaryExpression b = (BinaryExpression) e;
            Expr l = bind(b.getLeftExpression());
            Expr r = bind(b.getRightExpression());
            binder.typeParameter(l, r);
            return new Conditions.Compare(op, l, r);
        }
        if (e instanceof IsNullExpression n) {
            return new Conditions.IsNull(bind(n.getLeftExpression()), n.isNot());
        }
        if (e instanceof Between b) {
            Expr v = bind(b.getLeftExpression());
            Expr lo = bind(b.getBetweenExpressionStart());
            Expr hi = bind(b.getBetweenExpressionEnd());
            binder.typeParameter(v, lo);
            binder.typeParameter(v, hi);
            return new Conditions.Between(v, lo, hi, b.isNot());
        }
        if (e instanceof InExpression in) {
            return in(in);
        }
        if (e instanceof LikeExpression l) {
            if (l.getLikeKeyWord() != LikeExpression.KeyWord.LIKE || l.isUseBinary()) {
                throw Errors.unsupported(l.getLikeKeyWord() + (l.isUseBinary() ? " BINARY" : ""));
            }
            Expr v = bind(l.getLeftExpression());
            Expr p = bind(l.getRightExpression());
            binder.typeParameter(v, p);
            return new Like(v, p, l.getEscape() == null ? null : bind(l.getEscape()), l.isNot());
        }
        if (e instanceof ExistsExpression x) {
            Subquery s = subquery(x.getRightExpression());
            return binder.remember(new Subqueries.Exists(s.node, s.correlated, x.isNot()), s.query);
        }
        if (e instanceof ParenthesedSelect ps) {
            Subquery s = subquery(ps);
            if (s.query.columns().size() != 1) {
                throw Errors.syntax("a scalar subquery must return one column, not " + s.query.columns().size());
            }
            return new Subqueries.Scalar(s.node, s.correlated, s.query.columns().get(0).type());
        }
        if (e instanceof CaseExpression c) {
            return caseExpr(c);
        }
        if (e instanceof CastExpression c) {
            if (c.getColumnDefinitions() != null && !c.getColumnDefinitions().isEmpty() || c.getFormat() != null) {
                throw Errors.unsupported("this form of CAST");
            }
            ColumnInfo target = TypeNames.column(null, c.getColDataType(), true, false, "");
            Expr operand = bind(c.getLeftExpression());
            if (c.isImplicitCast() && target.type() == SqlType.TIMESTAMP && operand instanceof Literal l
                    && l.value() instanceof String text && Temporal.hasOffset(text)) {
                // TIMESTAMP '2026-01-31 12:00:00+02:00': a typed literal with an offset is a TIMESTAMP WITH TIME ZONE
                target = new ColumnInfo("", SqlType.TIMESTAMP_WITH_TIME_ZONE, 0, 0, true, false, "");
            }
            return new Conditional.Cast(operand, target);
        }
        if (e instanceof net.sf.jsqlparser.expression.Function f) {
            Expr bound = Functions.bind(f, this);
            if (bound instanceof Function fn && fn.fn().readsClock()) {
                binder.readsChangingState();
            }
            return bound;
        }
        if (e instanceof ExtractExpression x) {
            return new Function(Function.Fn.EXTRACT, List.of(new Literal(x.getName()), bind(x.getExpression())));
        }
        if (e instanceof TrimFunction t) {
            return Functions.trim(t, this);
        }
        if (e instanceof TimeKeyExpression t) {
            binder.readsChangingState();
            return Functions.timeKey(t.getStringValue());
        }
        throw Errors.unsupported("the expression " + Aggregates.describe(e));
    }

    private Expr column(Column c) throws SQLException {
        String name = Names.identifier(c.getColumnName());
        String qualifier = c.getTable() == null || c.getTable().getName() == null ? null
                : Names.identifier(c.getTable().getName());
        try {
            return scope.resolve(qualifier, name);
        } catch (SQLException notFound) {
            if (qualifier == null && (name.equals("TRUE") || name.equals("FALSE"))) {
                return new Literal(name.equals("TRUE"));
            }
            throw notFound;
        }
    }

    /** AND/OR chains flattened without recursion, so thousands of terms cannot overflow the stack. */
    private Expr logical(Expression e) throws SQLException {
        boolean and = e instanceof AndExpression;
        Class<?> kind = e.getClass();
        List<Expr> terms = new ArrayList<>();
        Deque<Expression> todo = new ArrayDeque<>();
        todo.push(e);
        while (!todo.isEmpty()) {
            Expression x = todo.pop();
            while (x instanceof Parenthesis p) {
                x = p.getExpression();
            }
            if (x.getClass() == kind) {
                BinaryExpression b = (BinaryExpression) x;
                todo.push(b.getRightExpression());
                todo.push(b.getLeftExpression());
            } else {
                terms.add(bind(x));
            }
        }
        return and ? new Conditions.And(List.copyOf(terms)) : new Conditions.Or(List.copyOf(terms));
    }

    private static CompareOp compareOp(Expression e) {
        if (e instanceof EqualsTo) {
            return CompareOp.EQ;
        }
        if (e instanceof NotEqualsTo) {
            return CompareOp.NE;
        }
        if (e instanceof GreaterThan) {
            return CompareOp.GT;
        }
        if (e instanceof GreaterThanEquals) {
            return CompareOp.GE;
        }
        if (e instanceof MinorThan) {
            return CompareOp.LT;
        }
        if (e instanceof MinorThanEquals) {
            return CompareOp.LE;
        }
        return null;
    }

    private Expr in(InExpression in) throws SQLException {
        Expression right = in.getRightExpression();
        Expr v = bind(in.getLeftExpression());
        if (right instanceof ParenthesedSelect || right instanceof Select) {
            Subquery s = subquery(right);
            if (s.query.columns().size() != 1) {
                throw Errors.syntax("IN (SELECT ...) needs a subquery of one column, not " + s.query.columns().size());
            }
            return binder.remember(new Subqueries.In(v, s.node, s.correlated, in.isNot()), s.query);
        }
        if (!(right instanceof ExpressionList<?> list)) {
            throw Errors.unsupported("IN with " + Aggregates.describe(right));
        }
        List<Expr> values = new ArrayList<>(list.size());
        for (Expression x : list) {
            Expr b = bind(x);
            binder.typeParameter(v, b);
            values.add(b);
        }
        return new Conditions.InList(v, List.copyOf(values), in.isNot());
    }

    private Expr caseExpr(CaseExpression c) throws SQLException {
        Expr operand = c.getSwitchExpression() == null ? null : bind(c.getSwitchExpression());
        List<Expr> whens = new ArrayList<>();
        List<Expr> thens = new ArrayList<>();
        for (WhenClause w : c.getWhenClauses()) {
            whens.add(bind(w.getWhenExpression()));
            thens.add(bind(w.getThenExpression()));
        }
        Expr otherwise = c.getElseExpression() == null ? null : bind(c.getElseExpression());
        return new Conditional.Case(operand, List.copyOf(whens), List.copyOf(thens), otherwise);
    }

    /** A bound subquery, planned, and whether it reads the enclosing rows. */
    record Subquery(Query query, lsmdb.sql.exec.Node node, boolean correlated) {
    }

    private Subquery subquery(Expression e) throws SQLException {
        if (!(e instanceof Select s)) {
            throw Errors.unsupported("EXISTS with " + Aggregates.describe(e));
        }
        Scope inner = new Scope(scope);
        binder.subqueries++;
        Query q = new SelectBinder(binder).bind(s, inner);
        return new Subquery(q, Planner.plan(q), inner.correlated);
    }
}
