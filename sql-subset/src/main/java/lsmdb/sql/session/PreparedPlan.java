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
    /** The statement as given: its plan's text has {@code ?} where it has literals. */
    private final String sql;

    PreparedPlan(Plan plan) {
        this.plan = plan;
        this.header = plan.header();
        this.literals = NO_LITERALS;
        this.sql = header.sql();
    }

    PreparedPlan(Plan plan, Object[] literals, String sql) {
        this.plan = plan;
        this.header = plan.header();
        this.literals = literals;
        this.sql = sql;
    }

    /** The text as given, so that preparing it again (replication's next generation) finds its literals again. */
    @Override
    public String sql() {
        return sql;
    }

    /** The parameters the given text has: none when its literals became its plan's. */
    @Override
    public int parameterCount() {
        return literals.length > 0 ? 0 : header.parameterCount();
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
