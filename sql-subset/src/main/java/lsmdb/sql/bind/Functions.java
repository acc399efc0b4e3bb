package lsmdb.sql.bind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lsmdb.sql.Errors;
import lsmdb.sql.expr.Conditional;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.expr.Function;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.TrimFunction;

/** Binding calls of scalar functions (SPEC §3.2); an unknown name is 42000 naming it. */
final class Functions {

    private Functions() {
    }

    static Expr bind(net.sf.jsqlparser.expression.Function f, ExprBinder b) throws SQLException {
        String name = f.getName() == null ? "" : f.getName().toUpperCase(Locale.ROOT);
        if (Aggregates.isAggregate(f)) {
            throw Errors.syntax("the aggregate " + name + " is not allowed here");
        }
        if (f.isDistinct() || f.isAllColumns() || f.getKeep() != null || f.getOrderByElements() != null
                || f.getNamedParameters() != null || f.getAttribute() != null || f.isEscaped()) {
            throw Errors.unsupported("this form of " + name);
        }
        List<Expr> args = new ArrayList<>();
        if (f.getParameters() != null) {
            for (Expression x : f.getParameters()) {
                args.add(b.bind(x));
            }
        }
        switch (name) {
            case "COALESCE", "IFNULL" -> {
                if (args.isEmpty()) {
                    throw Errors.syntax(name + " needs at least one argument");
                }
                return new Conditional.Coalesce(List.copyOf(args));
            }
            case "NULLIF" -> {
                arity(name, args, 2, 2);
                return new Conditional.NullIf(args.get(0), args.get(1));
            }
            default -> { }
        }
        Function.Fn fn = Function.Fn.named(name);
        if (fn == null) {
            throw Errors.syntax("unknown function " + name);
        }
        arity(name, args, fn.minArgs, fn.maxArgs);
        if (fn == Function.Fn.CURRENT_TIMESTAMP || fn == Function.Fn.NOW || fn == Function.Fn.LOCALTIMESTAMP) {
            return new Function(fn, List.of());
        }
        return new Function(fn, List.copyOf(args));
    }

    static Expr trim(TrimFunction t, ExprBinder b) throws SQLException {
        Function.Fn fn = Function.Fn.TRIM;
        if (t.getTrimSpecification() != null) {
            fn = switch (t.getTrimSpecification()) {
                case LEADING -> Function.Fn.LTRIM;
                case TRAILING -> Function.Fn.RTRIM;
                default -> Function.Fn.TRIM;
            };
        }
        if (t.getFromExpression() != null) {
            // TRIM([spec] chars FROM s)
            return new Function(fn, List.of(b.bind(t.getFromExpression()), b.bind(t.getExpression())));
        }
        return new Function(fn, List.of(b.bind(t.getExpression())));
    }

    static Expr timeKey(String key) throws SQLException {
        String k = key.toUpperCase(Locale.ROOT).replace("()", "").trim();
        return switch (k) {
            case "CURRENT_TIMESTAMP", "NOW", "LOCALTIMESTAMP", "CURRENT TIMESTAMP" ->
                    new Function(Function.Fn.CURRENT_TIMESTAMP, List.of());
            case "CURRENT_DATE", "CURRENT DATE" -> new Function(Function.Fn.CURRENT_DATE, List.of());
            case "CURRENT_TIME", "CURRENT TIME", "LOCALTIME" -> new Function(Function.Fn.CURRENT_TIME, List.of());
            default -> throw Errors.unsupported(key);
        };
    }

    private static void arity(String name, List<Expr> args, int min, int max) throws SQLException {
        if (args.size() < min || args.size() > max) {
            throw Errors.syntax(name + " takes " + (min == max ? String.valueOf(min) : min + " to " + max)
                    + " arguments, not " + args.size());
        }
    }
}
