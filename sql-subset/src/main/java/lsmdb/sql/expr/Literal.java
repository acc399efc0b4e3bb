package lsmdb.sql.expr;

import lsmdb.sql.types.SqlValues;

public record Literal(Object value) implements Expr {

    public static final Literal NULL = new Literal(null);

    @Override
    public Object eval(Env env) {
        return value;
    }

    @Override
    public boolean isConstant() {
        return true;
    }

    @Override
    public String toString() {
        return value == null ? "NULL" : SqlValues.show(value);
    }
}
