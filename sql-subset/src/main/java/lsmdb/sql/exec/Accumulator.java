package lsmdb.sql.exec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import lsmdb.sql.types.Arithmetic;
import lsmdb.sql.types.Comparison;

/**
 * One aggregate's running state for one group. A grouping that spills writes states out ({@link #count},
 * {@link #value}, {@link #distinctValues}) and merges them back, so a group's rows may be folded in several pieces.
 */
final class Accumulator {
    private final Aggregate.Call call;
    /** DISTINCT's values so far, by their group key: the values themselves are kept to be written out on a spill. */
    private final Map<Object, Object> seen;
    private long count;
    private Object value;
    /** An AVG of integers: its sum runs in BIGINT, in DECIMAL past that range, and its result is a DOUBLE. */
    private boolean integerAverage;

    Accumulator(Aggregate.Call call) {
        this(call, call.distinct());
    }

    private Accumulator(Aggregate.Call call, boolean keepsSet) {
        this.call = call;
        this.seen = keepsSet ? new HashMap<>() : null;
    }

    /** An accumulator that is handed each DISTINCT value once (a spilled grouping's merge dedups by sorting). */
    static Accumulator deduplicated(Aggregate.Call call) {
        return new Accumulator(call, false);
    }

    static Accumulator[] of(java.util.List<Aggregate.Call> calls) {
        Accumulator[] a = new Accumulator[calls.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = new Accumulator(calls.get(i));
        }
        return a;
    }

    /** COUNT(*)'s row. */
    void countRow() {
        count++;
    }

    /** Folds in {@code v}; true when it is a DISTINCT value not seen before, now held in memory. */
    boolean add(Object v) throws SQLException {
        if (v == null) {
            return false;
        }
        if (seen != null && seen.putIfAbsent(Comparison.groupKey(v), v) != null) {
            return false;
        }
        fold(v);
        return seen != null;
    }

    private void fold(Object v) throws SQLException {
        count++;
        switch (call.kind()) {
            case COUNT_STAR, COUNT -> { }
            case SUM, AVG -> {
                if (!(v instanceof Number)) {
                    v = Arithmetic.apply('+', 0L, v);
                }
                v = widen(v);
                value = value == null ? v : add(value, v);
            }
            case MIN, MAX -> value = better(v, value) ? v : value;
            default -> throw new IllegalStateException();
        }
    }

    /** For MIN and MAX: whether {@code v} replaces {@code current} (an equal value does not: the first stays). */
    private boolean better(Object v, Object current) throws SQLException {
        if (current == null) {
            return true;
        }
        int c = Comparison.compare(v, current);
        return call.kind() == Aggregate.Kind.MIN ? c < 0 : c > 0;
    }

    /**
     * Adds the state of the same group over a later stretch of the input (a spilled {@link #count}/{@link #value}
     * pair, DISTINCT aside): sums in the order of the input, as folding the rows one by one would.
     */
    void merge(long otherCount, Object otherValue) throws SQLException {
        count += otherCount;
        if (otherValue == null) {
            return;
        }
        switch (call.kind()) {
            case SUM, AVG -> value = value == null ? otherValue : add(value, otherValue);
            case MIN, MAX -> value = better(otherValue, value) ? otherValue : value;
            default -> { }
        }
    }

    boolean distinct() {
        return call.distinct();
    }

    long count() {
        return count;
    }

    Object value() {
        return value;
    }

    /** DISTINCT's values held, each once. */
    Collection<Object> distinctValues() {
        return seen.values();
    }

    /**
     * A sum's next step. SUM of integers fails past BIGINT's range (22003, as SQLite's sum() does: its type is
     * BIGINT); AVG of integers goes on in DECIMAL, as its result is a DOUBLE that no sum's size should break.
     */
    private Object add(Object sum, Object v) throws SQLException {
        if (call.kind() == Aggregate.Kind.AVG && v instanceof Long y) {
            integerAverage = true;
            if (sum instanceof Long x) {
                long r = x + y;
                if (((x ^ r) & (y ^ r)) >= 0) {
                    return r;
                }
                return BigDecimal.valueOf(x).add(BigDecimal.valueOf(y));
            }
        }
        return Arithmetic.apply('+', sum, v);
    }

    /** Integers of every width are summed as BIGINT. */
    private static Object widen(Object v) {
        return v instanceof Integer || v instanceof Short || v instanceof Byte ? (Object) ((Number) v).longValue() : v;
    }

    Object result() {
        return switch (call.kind()) {
            case COUNT_STAR, COUNT -> count;
            case SUM, MIN, MAX -> value;
            case AVG -> {
                if (value == null) {
                    yield null;
                }
                if (value instanceof BigDecimal d) {
                    BigDecimal avg = d.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128);
                    yield integerAverage ? (Object) avg.doubleValue() : avg;
                }
                yield ((Number) value).doubleValue() / count;
            }
        };
    }
}
