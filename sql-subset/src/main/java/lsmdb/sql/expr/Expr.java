package lsmdb.sql.expr;

import java.sql.SQLException;

/**
 * A bound expression: names resolved to row slots, ready to evaluate against an {@link Env}. Immutable and shared by
 * every execution of a cached plan. Conditions evaluate to Boolean or null (SQL's UNKNOWN).
 */
public interface Expr {

    Object eval(Env env) throws SQLException;

    /** True when the value depends on no row (literals, parameters and functions of them). */
    default boolean isConstant() {
        return false;
    }

    /** SQL-like text for EXPLAIN and messages. */
    String toString();
}
