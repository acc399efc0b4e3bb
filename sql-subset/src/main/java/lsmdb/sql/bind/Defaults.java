package lsmdb.sql.bind;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.catalog.ColumnRules;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.exec.RowFill;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.expr.Literal;
import lsmdb.sql.types.Coercion;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;

/**
 * Column DEFAULTs (SPEC §3.1: a literal, CURRENT_TIMESTAMP or CURRENT_DATE; CURRENT_TIME, LOCALTIMESTAMP and NOW()
 * as well) as bound expressions, and what an INSERT fills into the columns it leaves out.
 */
final class Defaults {

    private static final Set<String> CLOCKS = Set.of("CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME",
            "LOCALTIMESTAMP", "NOW");

    private Defaults() {
    }

    /**
     * The DEFAULT {@code sql} of {@code column} bound; a literal (or a constant expression, as ALTER TABLE's
     * {@code DEFAULT ((1) + (2))}) is converted to the column's type now.
     */
    static Expr bind(String sql, ColumnInfo column) throws SQLException {
        String text = sql.trim();
        while (AlterBinder.enclosed(text)) {
            text = text.substring(1, text.length() - 1).trim();
        }
        String word = text.toUpperCase(Locale.ROOT).replace("()", "").trim();
        if (CLOCKS.contains(word)) {
            return Functions.timeKey(word);
        }
        Object v;
        Expression parsed = null;
        try {
            parsed = CCJSqlParserUtil.parseExpression(text);
            v = literal(parsed);
        } catch (net.sf.jsqlparser.JSQLParserException | RuntimeException e) {
            v = Literals.NOT_A_LITERAL;
        }
        if (v == Literals.NOT_A_LITERAL && parsed != null) {
            v = constant(parsed, text);
        }
        if (v == Literals.NOT_A_LITERAL) {
            throw Errors.unsupported("DEFAULT " + sql + " (column " + column.name() + "): a DEFAULT is a literal, "
                    + "CURRENT_TIMESTAMP, CURRENT_DATE or CURRENT_TIME");
        }
        return v == null ? Literal.NULL : new Literal(Coercion.store(v, column));
    }

    /** The value of a constant expression (no column, parameter or clock), or NOT_A_LITERAL. */
    private static Object constant(Expression parsed, String text) {
        try {
            Binder binder = new Binder(null, text);
            Expr e = new ExprBinder(binder, new Scope(null), null).bind(parsed);
            if (e.isConstant() && binder.parameterCount() == 0) {
                return e.eval(new lsmdb.sql.expr.Env(new Object[0], null, null));
            }
        } catch (SQLException | RuntimeException e) {
            // not a constant this binder can fold: refused by the caller
        }
        return Literals.NOT_A_LITERAL;
    }

    private static Object literal(Expression e) throws SQLException {
        while (e instanceof net.sf.jsqlparser.expression.Parenthesis p) {
            e = p.getExpression();
        }
        if (e instanceof net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<?> l
                && l.size() == 1) {
            return literal(l.get(0));
        }
        if (e instanceof NullValue) {
            return null;
        }
        if (e instanceof Column c && c.getTable() == null
                && (c.getColumnName().equalsIgnoreCase("TRUE") || c.getColumnName().equalsIgnoreCase("FALSE"))) {
            return c.getColumnName().equalsIgnoreCase("TRUE");
        }
        if (e instanceof SignedExpression s && (s.getSign() == '-' || s.getSign() == '+')) {
            Object v = Literals.value(s.getExpression());
            if (s.getSign() == '+' || !(v instanceof Number)) {
                return v instanceof Number ? v : Literals.NOT_A_LITERAL;
            }
            if (v instanceof Long l) {
                return -l;
            }
            return v instanceof Double d ? (Object) (-d) : ((BigDecimal) v).negate();
        }
        return Literals.value(e);
    }

    /** What an INSERT into {@code t} that names {@code slots} fills in: DEFAULTs of the others, and identities. */
    static RowFill fill(Binder binder, Table t, int[] slots) throws SQLException {
        ColumnRules rules = binder.catalog.rules(t);
        if (rules.isEmpty()) {
            return RowFill.NONE;
        }
        boolean[] named = new boolean[t.width()];
        for (int s : slots) {
            named[s] = true;
        }
        java.util.List<Integer> omitted = new java.util.ArrayList<>();
        java.util.List<Expr> values = new java.util.ArrayList<>();
        for (int s = 0; s < t.columns().size(); s++) {
            String d = rules.defaultOf(s);
            if (!named[s] && d != null) {
                omitted.add(s);
                values.add(bind(d, t.columns().get(s)));
            }
        }
        return new RowFill(omitted.stream().mapToInt(Integer::intValue).toArray(), values.toArray(new Expr[0]),
                rules.identitySlot(), t, binder.catalog.identities());
    }

    /** What {@code DEFAULT} in VALUES or SET means for column {@code slot} of {@code t}. */
    static Expr keyword(Binder binder, Table t, int slot) throws SQLException {
        String d = binder.catalog.rules(t).defaultOf(slot);
        return d == null ? Literal.NULL : bind(d, t.columns().get(slot));
    }

    /** Whether {@code e} is the keyword DEFAULT (JSqlParser reads it as a column of that name). */
    static boolean isKeyword(Expression e) {
        return e instanceof Column c && c.getTable() == null && c.getColumnName().equalsIgnoreCase("DEFAULT");
    }

    /** 428C9 (as PostgreSQL): a GENERATED ALWAYS identity takes no value but DEFAULT. */
    static SQLException alwaysGenerated(String column) {
        return new java.sql.SQLSyntaxErrorException("column " + column + " is GENERATED ALWAYS AS IDENTITY: it "
                + "cannot be given a value (leave it out or write DEFAULT)", "428C9");
    }
}
