package lsmdb.sql.expr;

/**
 * What an expression is evaluated against: the current row, the statement's parameters, the rows of the enclosing
 * queries (for correlated subqueries, {@link #outer}) and the execution context. One per operator invocation; not
 * thread-safe.
 */
public final class Env {

    public final Object[] params;
    public final Env outer;
    public final ExecutionContext context;
    public Object[] row;

    public Env(Object[] params, Env outer, ExecutionContext context) {
        this.params = params;
        this.outer = outer;
        this.context = context;
    }

    /** An environment for a nested query whose outer row is this one's current row. */
    public Env nested() {
        return new Env(params, this, context);
    }

    public Env withRow(Object[] r) {
        Env e = new Env(params, outer, context);
        e.row = r;
        return e;
    }
}
