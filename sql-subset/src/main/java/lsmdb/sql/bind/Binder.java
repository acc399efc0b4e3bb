package lsmdb.sql.bind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lsmdb.sql.Errors;
import lsmdb.sql.SqlType;
import lsmdb.sql.catalog.Catalog;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.expr.Param;
import net.sf.jsqlparser.expression.JdbcParameter;

/** What binding one statement needs throughout: the catalog, and the statement's parameters and their types. */
final class Binder {

    /** Views that name views are expanded at most this deep (a cycle cannot be created, but be safe). */
    static final int MAX_VIEW_DEPTH = 16;

    final Catalog catalog;
    final String sql;
    private final List<SqlType> parameterTypes = new ArrayList<>();
    private int nextParameter;
    int viewDepth;
    /** Subqueries bound so far: a statement without any may read without a snapshot when it reads once. */
    int subqueries;
    /** Whether the statement reads something besides stored rows and its parameters: a clock, a system table. */
    private boolean readsChangingState;
    /** The bound query of each [NOT] EXISTS and [NOT] IN subquery, for the planner's decorrelation. */
    final java.util.Map<Expr, lsmdb.sql.plan.Query> subqueryQueries = new java.util.IdentityHashMap<>();

    Binder(Catalog catalog, String sql) {
        this.catalog = catalog;
        this.sql = sql;
    }

    /** Notes that the statement reads a clock or a system table: its result may change with nothing committed. */
    void readsChangingState() {
        readsChangingState = true;
    }

    /** True unless {@link #readsChangingState} was called: see {@code Plan.Header#repeatable}. */
    boolean repeatable() {
        return !readsChangingState;
    }

    Expr remember(Expr subquery, lsmdb.sql.plan.Query query) {
        subqueryQueries.put(subquery, query);
        return subquery;
    }

    Param parameter(JdbcParameter p) throws SQLException {
        int index;
        if (p.getIndex() != null && !p.isUseFixedIndex()) {
            index = p.getIndex() - 1;
        } else if (p.isUseFixedIndex()) {
            throw Errors.unsupported("numbered parameters (?" + p.getIndex() + ")");
        } else {
            index = nextParameter;
        }
        nextParameter = Math.max(nextParameter, index + 1);
        while (parameterTypes.size() <= index) {
            parameterTypes.add(null);
        }
        return new Param(index);
    }

    /** A parameter compared with or assigned to something typed takes that type, for ParameterMetaData. */
    void typeParameter(Expr a, Expr b) {
        if (a instanceof Param p && !(b instanceof Param)) {
            setType(p.index(), Typing.of(b));
        } else if (b instanceof Param p && !(a instanceof Param)) {
            setType(p.index(), Typing.of(a));
        }
    }

    void setType(int index, SqlType type) {
        if (type != null && parameterTypes.get(index) == null) {
            parameterTypes.set(index, type);
        }
    }

    int parameterCount() {
        return nextParameter;
    }

    SqlType[] parameterTypes() {
        return parameterTypes.subList(0, nextParameter).toArray(new SqlType[0]);
    }
}
