package lsmdb.sql.bind;

import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Pattern;
import lsmdb.sql.Errors;
import lsmdb.sql.SqlType;
import lsmdb.sql.exec.Aggregate;
import lsmdb.sql.expr.Expr;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;

/** Recognising and binding the aggregate functions COUNT, SUM, AVG, MIN and MAX. */
final class Aggregates {

    private static final Pattern MENTION = Pattern.compile("(?i)\\b(COUNT|SUM|AVG|MIN|MAX)\\s*\\(");

    private Aggregates() {
    }

    static boolean isAggregate(Function f) {
        return kind(f) != null;
    }

    private static Aggregate.Kind kind(Function f) {
        String n = f.getName() == null ? "" : f.getName().toUpperCase(Locale.ROOT);
        return switch (n) {
            case "COUNT" -> f.isAllColumns() || f.getParameters() != null && f.getParameters().size() == 1
                    && f.getParameters().get(0) instanceof net.sf.jsqlparser.statement.select.AllColumns
                    && !f.isDistinct() ? Aggregate.Kind.COUNT_STAR : Aggregate.Kind.COUNT;
            case "SUM" -> Aggregate.Kind.SUM;
            case "AVG" -> Aggregate.Kind.AVG;
            case "MIN" -> Aggregate.Kind.MIN;
            case "MAX" -> Aggregate.Kind.MAX;
            default -> null;
        };
    }

    /** Whether the text of {@code e} may contain an aggregate call (a cheap, conservative test). */
    static boolean mentionsAggregate(Expression e) {
        return MENTION.matcher(e.toString()).find();
    }

    static Aggregate.Call call(Function f, ExprBinder argBinder) throws SQLException {
        Aggregate.Kind kind = kind(f);
        if (f.isUnique() || f.getKeep() != null || f.getOrderByElements() != null || f.getNullHandling() != null
                || f.getHavingClause() != null || f.getLimit() != null) {
            throw Errors.unsupported("this form of " + f.getName());
        }
        if (kind == Aggregate.Kind.COUNT_STAR) {
            return new Aggregate.Call(kind, null, false);
        }
        if (f.getParameters() == null || f.getParameters().size() != 1) {
            throw Errors.syntax(f.getName().toUpperCase(Locale.ROOT) + " takes one argument");
        }
        Expr arg = argBinder.bind(f.getParameters().get(0));
        return new Aggregate.Call(kind, arg, f.isDistinct());
    }

    static SqlType type(Aggregate.Call c) {
        SqlType arg = c.arg() == null ? null : Typing.of(c.arg());
        return switch (c.kind()) {
            case COUNT_STAR, COUNT -> SqlType.BIGINT;
            case SUM -> arg == SqlType.DOUBLE || arg == SqlType.DECIMAL ? arg : SqlType.BIGINT;
            case AVG -> arg == SqlType.DECIMAL ? SqlType.DECIMAL : SqlType.DOUBLE;
            case MIN, MAX -> arg;
        };
    }

    /** A construct's name for messages: the class name in words, e.g. "IntervalExpression" → "INTERVAL EXPRESSION". */
    static String describe(Object e) {
        String name = e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
        String text = e.toString();
        return name + (text.length() <= 60 ? " (" + text + ")" : "");
    }
}
