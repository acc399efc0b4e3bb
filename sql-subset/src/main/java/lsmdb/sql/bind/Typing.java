package lsmdb.sql.bind;

import java.math.BigDecimal;
import lsmdb.sql.SqlType;
import lsmdb.sql.exec.Subqueries;
import lsmdb.sql.expr.ColumnRef;
import lsmdb.sql.expr.Conditional;
import lsmdb.sql.expr.Conditions;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.expr.Function;
import lsmdb.sql.expr.Like;
import lsmdb.sql.expr.Literal;
import lsmdb.sql.expr.Operators;

/** The static type of a bound expression, for result metadata; null when nothing fixes it (a bare parameter, NULL). */
final class Typing {

    private Typing() {
    }

    static SqlType of(Expr e) {
        if (e instanceof ColumnRef c) {
            return c.type();
        }
        if (e instanceof Literal l) {
            Object v = l.value();
            if (v == null) {
                return null;
            }
            if (v instanceof Long) {
                return SqlType.BIGINT;
            }
            if (v instanceof Integer) {
                return SqlType.INTEGER;
            }
            if (v instanceof Double) {
                return SqlType.DOUBLE;
            }
            if (v instanceof BigDecimal) {
                return SqlType.DECIMAL;
            }
            if (v instanceof String) {
                return SqlType.VARCHAR;
            }
            if (v instanceof Boolean) {
                return SqlType.BOOLEAN;
            }
            if (v instanceof byte[]) {
                return SqlType.VARBINARY;
            }
            if (v instanceof java.sql.Timestamp) {
                return SqlType.TIMESTAMP;
            }
            if (v instanceof java.sql.Date) {
                return SqlType.DATE;
            }
            if (v instanceof java.time.LocalTime) {
                return SqlType.TIME;
            }
            if (v instanceof java.util.UUID) {
                return SqlType.UUID;
            }
            if (v instanceof java.time.OffsetDateTime) {
                return SqlType.TIMESTAMP_WITH_TIME_ZONE;
            }
            return null;
        }
        if (e instanceof Operators.Arith a) {
            return numeric(of(a.left()), of(a.right()));
        }
        if (e instanceof Operators.Negate n) {
            return widen(of(n.operand()));
        }
        if (e instanceof Operators.Concat) {
            return SqlType.VARCHAR;
        }
        if (e instanceof Conditions.Compare || e instanceof Conditions.And || e instanceof Conditions.Or
                || e instanceof Conditions.Not || e instanceof Conditions.IsNull || e instanceof Conditions.Between
                || e instanceof Conditions.InList || e instanceof Like || e instanceof Subqueries.Exists
                || e instanceof Subqueries.In) {
            return SqlType.BOOLEAN;
        }
        if (e instanceof Conditional.Case c) {
            SqlType t = null;
            for (Expr then : c.thens()) {
                t = merge(t, of(then));
            }
            return c.otherwise() == null ? t : merge(t, of(c.otherwise()));
        }
        if (e instanceof Conditional.Coalesce c) {
            SqlType t = null;
            for (Expr a : c.args()) {
                t = merge(t, of(a));
            }
            return t;
        }
        if (e instanceof Conditional.NullIf n) {
            return of(n.left());
        }
        if (e instanceof Subqueries.Scalar s) {
            return s.type();
        }
        if (e instanceof Conditional.Cast c) {
            return c.target().type();
        }
        if (e instanceof Function f) {
            return function(f);
        }
        return null;
    }

    private static SqlType function(Function f) {
        return switch (f.fn()) {
            case UPPER, LOWER, SUBSTRING, TRIM, LTRIM, RTRIM, REPLACE, CONCAT -> SqlType.VARCHAR;
            case CURRENT_TIME -> SqlType.TIME;
            case LENGTH, CHAR_LENGTH, POSITION, SIGN, EXTRACT -> SqlType.BIGINT;
            case ABS, ROUND, FLOOR, CEIL, CEILING -> widen(of(f.args().get(0)));
            case MOD -> numeric(of(f.args().get(0)), of(f.args().get(1)));
            case POWER, SQRT -> SqlType.DOUBLE;
            case CURRENT_DATE -> SqlType.DATE;
            case CURRENT_TIMESTAMP, NOW, LOCALTIMESTAMP -> SqlType.TIMESTAMP;
        };
    }

    /** The type of arithmetic on two operands: DOUBLE over DECIMAL over BIGINT. */
    static SqlType numeric(SqlType a, SqlType b) {
        if (a == SqlType.DOUBLE || b == SqlType.DOUBLE) {
            return SqlType.DOUBLE;
        }
        if (a == SqlType.DECIMAL || b == SqlType.DECIMAL) {
            return SqlType.DECIMAL;
        }
        if (a == null && b == null) {
            return null;
        }
        return SqlType.BIGINT;
    }

    static SqlType widen(SqlType t) {
        return t == SqlType.INTEGER || t == SqlType.SMALLINT || t == SqlType.TINYINT ? SqlType.BIGINT : t;
    }

    private static SqlType merge(SqlType a, SqlType b) {
        if (a == null) {
            return b;
        }
        if (b == null || a == b) {
            return a;
        }
        if (a.isNumeric() && b.isNumeric()) {
            return numeric(a, b);
        }
        return SqlType.VARCHAR;
    }
}
