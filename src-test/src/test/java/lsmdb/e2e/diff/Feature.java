package lsmdb.e2e.diff;

import java.util.EnumSet;
import java.util.Set;

/**
 * SQL the query generator may use. Switch features on as the SQL layer implements them; a feature that finds a bug
 * stays off with a comment naming the bug until it is fixed, so CI stays green while the bug is on record.
 */
enum Feature {
    COMPARISON, AND_OR_NOT, IS_NULL, BETWEEN, IN_LIST, ORDER_BY, LIMIT, COUNT_STAR,
    /** ORDER BY c, k (a total order on any column), and ORDER BY in joins, groups and unions. */
    MULTI_ORDER_BY,
    /** Comparisons between columns or literals of different numeric types (INT vs DOUBLE vs DECIMAL). */
    MIXED_NUMERIC,
    /** Arithmetic on columns in predicates ({@code k + 0}), also used to defeat the access path. */
    ARITHMETIC,
    /** String literals containing a quote ('it''s'). */
    QUOTED_STRINGS,
    /** {@code (p) IS NULL} on a predicate, the third TLP partition. */
    PREDICATE_IS_NULL,
    /** Inner and left joins of two or three tables, on keys, indexed columns and plain columns. */
    JOIN,
    /** GROUP BY with HAVING (needs AGGREGATES). */
    GROUP_BY,
    /** COUNT, SUM, AVG, MIN, MAX, with or without GROUP BY. */
    AGGREGATES,
    /** [NOT] IN / [NOT] EXISTS / scalar subqueries, correlated or not, in WHERE and in the select list. */
    SUBQUERIES,
    /** SELECT DISTINCT and aggregates of DISTINCT values. */
    DISTINCT,
    UNION,
    /** CASE (searched and simple), COALESCE and NULLIF in select lists. */
    CASE,
    FUNCTIONS,
    /** Secondary indexes (some single-column, some with the key) on about one column in three. */
    INDEXES;

    /** What lsmdb implements today: everything but FUNCTIONS (not generated yet). */
    static Set<Feature> today() {
        return EnumSet.of(COMPARISON, AND_OR_NOT, IS_NULL, BETWEEN, IN_LIST, ORDER_BY, LIMIT, COUNT_STAR,
                MULTI_ORDER_BY, MIXED_NUMERIC, ARITHMETIC, QUOTED_STRINGS, PREDICATE_IS_NULL, JOIN, GROUP_BY,
                AGGREGATES, SUBQUERIES, DISTINCT, UNION, CASE, INDEXES);
    }

    /** {@code -Ddiff.features=+CASE,-MIXED_NUMERIC} adjusts today's set for an experiment. */
    static Set<Feature> fromProperty(String spec) {
        Set<Feature> set = today();
        if (spec == null || spec.isBlank()) {
            return set;
        }
        for (String item : spec.split(",")) {
            String name = item.trim();
            if (name.startsWith("-")) {
                set.remove(valueOf(name.substring(1)));
            } else {
                set.add(valueOf(name.startsWith("+") ? name.substring(1) : name));
            }
        }
        return set;
    }
}
