package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.types.Comparison;

/**
 * GROUP BY over input that arrives with each group's rows together (the planner proves it from key or index order):
 * one group's accumulators at a time, each group emitted as soon as its last row has passed, in input order. The
 * output is the same as {@link Aggregate}'s, whose order is first-seen order too, in the memory of one group: its
 * DISTINCT aggregates' values, counted against maxQueryMemory. A group whose values outgrow it is finished by sorting
 * ({@link GroupSpill}, spilling) and still emitted in its place, so the output keeps its order.
 * REQUIRES: at least one group expression (without GROUP BY there is one row even over no input).
 */
public record StreamAggregate(Node input, List<Expr> groups, List<Aggregate.Call> calls) implements Node {

    @Override
    public Cursor open(Env env) throws SQLException {
        ExecContext ctx = (ExecContext) env.context;
        Cursor in = input.open(env);
        Env local = new Env(env.params, env.outer, env.context);
        int n = groups.size();
        Expr[] groupExprs = groups.toArray(new Expr[0]);
        Expr[] args = new Expr[calls.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = calls.get(i).arg();
        }
        return new Cursor() {
            private final Object[] values = new Object[n];
            private Object[] groupValues;
            private Object[] groupKeys;
            private Accumulator[] accs;
            /** The budget the group's DISTINCT values hold. */
            private long heldBytes;
            /** The group's DISTINCT values outgrew the budget: its rest is folded by sorting. */
            private boolean overBudget;
            private boolean done;

            @Override
            public Object[] next() throws SQLException {
                if (done) {
                    return null;
                }
                if (accs == null && !startWith(in.next())) {
                    return null;
                }
                for (;;) {
                    if (overBudget) {
                        return restOfGroupSorted();
                    }
                    Object[] r = in.next();
                    if (r == null) {
                        done = true;
                        Object[] last = result();
                        releaseGroup(); // the last group's values: the statement's later operators have the budget
                        return last;
                    }
                    ctx.tick();
                    evaluate(r);
                    if (sameGroup()) {
                        accumulate(r);
                    } else {
                        Object[] out = result();
                        begin(r);
                        return out;
                    }
                }
            }

            private boolean startWith(Object[] r) throws SQLException {
                if (r == null) {
                    done = true;
                    return false;
                }
                evaluate(r);
                begin(r);
                return true;
            }

            private void evaluate(Object[] r) throws SQLException {
                local.row = r;
                for (int i = 0; i < n; i++) {
                    values[i] = groups.get(i).eval(local);
                }
            }

            private boolean sameGroup() {
                for (int i = 0; i < n; i++) {
                    if (!Objects.equals(groupKeys[i], Comparison.groupKey(values[i]))) {
                        return false;
                    }
                }
                return true;
            }

            /** Starts a group with row r, whose group values are in {@code values}. */
            private void begin(Object[] r) throws SQLException {
                releaseGroup();
                groupValues = values.clone();
                groupKeys = new Object[n];
                for (int i = 0; i < n; i++) {
                    groupKeys[i] = Comparison.groupKey(values[i]);
                }
                accs = Accumulator.of(calls);
                accumulate(r);
            }

            private void accumulate(Object[] r) throws SQLException {
                local.row = r;
                long bytes = Aggregate.add(accs, args, local);
                if (bytes > 0) {
                    heldBytes += bytes;
                    overBudget = !ctx.tryReserve(bytes);
                }
            }

            /**
             * The current group's row, its held state and its remaining input rows grouped by sorting; the next
             * group, if any, begun with its first row.
             */
            private Object[] restOfGroupSorted() throws SQLException {
                Aggregate.Group held = new Aggregate.Group(groupValues, accs);
                releaseGroup(); // GroupSpill writes the group out, its sort counting what it holds
                accs = null;
                RowsOfGroup rest = new RowsOfGroup();
                Object[] out = GroupSpill.oneGroup(held, rest, local, groupExprs, calls, ctx);
                if (rest.nextGroupsFirst == null) {
                    done = true;
                } else {
                    evaluate(rest.nextGroupsFirst);
                    begin(rest.nextGroupsFirst);
                }
                return out;
            }

            private void releaseGroup() {
                ctx.release(heldBytes);
                heldBytes = 0;
                overBudget = false;
            }

            /** The input's rows up to the first of another group, which it keeps. */
            final class RowsOfGroup implements Cursor {
                Object[] nextGroupsFirst;
                private boolean ended;

                @Override
                public Object[] next() throws SQLException {
                    Object[] r = ended ? null : in.next();
                    if (r == null) {
                        ended = true;
                        return null;
                    }
                    evaluate(r);
                    if (sameGroup()) {
                        return r;
                    }
                    nextGroupsFirst = r;
                    ended = true;
                    return null;
                }

                @Override
                public void close() {
                    // the input is the aggregate's to close
                }
            }

            private Object[] result() throws SQLException {
                Object[] row = new Object[n + accs.length];
                System.arraycopy(groupValues, 0, row, 0, n);
                for (int i = 0; i < accs.length; i++) {
                    row[n + i] = accs[i].result();
                }
                return row;
            }

            @Override
            public void close() {
                releaseGroup(); // a subquery's aggregate runs again for each outer row
                in.close();
            }
        };
    }

    @Override
    public int width() {
        return groups.size() + calls.size();
    }

    @Override
    public void explain(List<String> out, int depth) {
        out.add(Node.indent(depth) + "STREAM AGGREGATE GROUP BY " + groups + " " + calls);
        input.explain(out, depth + 1);
    }
}
