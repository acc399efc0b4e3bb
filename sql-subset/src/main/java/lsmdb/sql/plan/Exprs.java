package lsmdb.sql.plan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import lsmdb.sql.exec.Subqueries;
import lsmdb.sql.expr.ColumnRef;
import lsmdb.sql.expr.Conditional;
import lsmdb.sql.expr.Conditions;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.expr.Function;
import lsmdb.sql.expr.Like;
import lsmdb.sql.expr.Operators;

/** What the planner needs to know about an expression: the slots it reads and whether it runs a subquery. */
public final class Exprs {

    private Exprs() {
    }

    public static List<Expr> children(Expr e) {
        if (e instanceof Conditions.Compare c) {
            return List.of(c.left(), c.right());
        }
        if (e instanceof Conditions.And a) {
            return a.terms();
        }
        if (e instanceof Conditions.Or o) {
            return o.terms();
        }
        if (e instanceof Conditions.Not n) {
            return List.of(n.operand());
        }
        if (e instanceof Conditions.IsNull n) {
            return List.of(n.operand());
        }
        if (e instanceof Conditions.Between b) {
            return List.of(b.operand(), b.low(), b.high());
        }
        if (e instanceof Conditions.InList in) {
            List<Expr> all = new ArrayList<>(in.values());
            all.add(in.operand());
            return all;
        }
        if (e instanceof Like l) {
            return l.escape() == null ? List.of(l.operand(), l.pattern()) : List.of(l.operand(), l.pattern(), l.escape());
        }
        if (e instanceof Operators.Arith a) {
            return List.of(a.left(), a.right());
        }
        if (e instanceof Operators.Negate n) {
            return List.of(n.operand());
        }
        if (e instanceof Operators.Concat c) {
            return List.of(c.left(), c.right());
        }
        if (e instanceof Conditional.Case c) {
            List<Expr> all = new ArrayList<>();
            if (c.operand() != null) {
                all.add(c.operand());
            }
            all.addAll(c.whens());
            all.addAll(c.thens());
            if (c.otherwise() != null) {
                all.add(c.otherwise());
            }
            return all;
        }
        if (e instanceof Conditional.Coalesce c) {
            return c.args();
        }
        if (e instanceof Conditional.NullIf n) {
            return List.of(n.left(), n.right());
        }
        if (e instanceof Conditional.Cast c) {
            return List.of(c.operand());
        }
        if (e instanceof Function f) {
            return f.args();
        }
        if (e instanceof Subqueries.In in) {
            return List.of(in.operand());
        }
        return List.of();
    }

    /** The block slots (depth-0 column references) {@code e} reads. */
    public static BitSet slots(Expr e) {
        BitSet out = new BitSet();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, BitSet out) {
        if (e instanceof ColumnRef c && c.depth() == 0) {
            out.set(c.index());
        }
        for (Expr child : children(e)) {
            collect(child, out);
        }
    }

    /** Whether {@code e} runs a correlated subquery (which may read any slot of the block). */
    public static boolean correlatedSubquery(Expr e) {
        if (e instanceof Subqueries.Scalar s && s.correlated()
                || e instanceof Subqueries.Exists x && x.correlated()
                || e instanceof Subqueries.In in && in.correlated()) {
            return true;
        }
        for (Expr child : children(e)) {
            if (correlatedSubquery(child)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code e} reads no slot of the block (constants, parameters, outer references). */
    public static boolean rowFree(Expr e) {
        return slots(e).isEmpty() && !correlatedSubquery(e);
    }

    /** The terms of a conjunction, flattened. */
    public static void conjuncts(Expr e, List<Expr> out) {
        if (e instanceof Conditions.And a) {
            for (Expr t : a.terms()) {
                conjuncts(t, out);
            }
        } else if (e != null) {
            out.add(e);
        }
    }

    public static Expr and(List<Expr> terms) {
        if (terms.isEmpty()) {
            return null;
        }
        return terms.size() == 1 ? terms.get(0) : new Conditions.And(List.copyOf(terms));
    }

    /** Whether {@code list} holds {@code e} itself (not merely an equal expression). */
    static boolean containsSame(List<Expr> list, Expr e) {
        for (Expr x : list) {
            if (x == e) {
                return true;
            }
        }
        return false;
    }
}
