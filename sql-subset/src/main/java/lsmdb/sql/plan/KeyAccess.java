package lsmdb.sql.plan;

import java.util.List;

/**
 * How a statement reaches rows by key, derived from the top-level AND terms of its WHERE on the key column: a set
 * of point lookups ({@code key = x}, {@code key IN (...)}), a bounded range ({@code <, <=, >, >=, BETWEEN}), or the
 * whole table. The WHERE is still applied to every row found, so this only narrows what is read.
 */
public sealed interface KeyAccess {

    record Points(List<Expr> keys) implements KeyAccess {
    }

    /** Bounds on the key; each list holds every bound of that side (the tightest wins at execution). */
    record Range(List<Bound> lower, List<Bound> upper) implements KeyAccess {
    }

    record Bound(Expr value, boolean inclusive) {
    }

    record Full() implements KeyAccess {
    }
}
