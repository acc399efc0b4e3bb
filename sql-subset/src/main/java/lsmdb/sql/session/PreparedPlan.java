package lsmdb.sql.session;

import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Prepared;
import lsmdb.sql.SqlType;
import lsmdb.sql.plan.Plan;

/**
 * What a session hands out for a prepared statement: its plan and the plan's header, in one class for every kind of
 * statement. Executing reads the header from a field instead of asking the plan, whose class differs per kind: a
 * bulk load compiled those calls and casts for the INSERT plan's class only, and the first query deoptimised them.
 */
final class PreparedPlan implements Prepared {

    private static final Object[] NO_LITERALS = new Object[0];

    final Plan plan;
    final Plan.Header header;
    /**
     * The values of a statement run as text whose literals became its plan's parameters (parse.LiteralParameters),
     * used when it runs without parameters of its own; else none.
     */
    final Object[] literals;

    PreparedPlan(Plan plan) {
        this(plan, NO_LITERALS);
    }

    PreparedPlan(Plan plan, Object[] literals) {
        this.plan = plan;
        this.header = plan.header();
        this.literals = literals;
    }

    @Override
    public String sql() {
        return header.sql();
    }

    @Override
    public int parameterCount() {
        return header.parameterCount();
    }

    @Override
    public SqlType parameterType(int index) {
        return header.parameterTypes()[index];
    }

    @Override
    public boolean isQuery() {
        return plan.isQuery();
    }

    @Override
    public List<ColumnInfo> resultColumns() {
        return plan.resultColumns();
    }

    @Override
    public String toString() {
        return plan.toString();
    }
}
