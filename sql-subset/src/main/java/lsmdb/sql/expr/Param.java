package lsmdb.sql.expr;

/** The statement's {@code ?} number {@code index} (0-based). */
public record Param(int index) implements Expr {

    @Override
    public Object eval(Env env) {
        return env.params[index];
    }

    @Override
    public boolean isConstant() {
        return true;
    }

    @Override
    public String toString() {
        return "?" + (index + 1);
    }
}
