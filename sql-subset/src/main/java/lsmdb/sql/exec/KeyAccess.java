package lsmdb.sql.exec;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.codec.KeyLayout;
import lsmdb.sql.codec.RowKeys;
import lsmdb.sql.expr.Env;
import lsmdb.sql.expr.Expr;
import lsmdb.sql.types.Coercion;

/**
 * How a scan narrows the rows of a table by its primary key: equality on the first {@code eqCount} key columns
 * (several alternatives for {@code IN}), then optionally a range on the next one. The filter above still checks every
 * row, so a bound that cannot be turned into a key (a value of another type) just widens the scan.
 *
 * @param alternatives each a list of {@code eqCount} expressions (empty when eqCount is 0)
 */
public record KeyAccess(List<List<Expr>> alternatives, int eqCount, Expr lower, boolean lowerInclusive, Expr upper,
                        boolean upperInclusive) {

    /** What a bound expression evaluates to when, for this execution, it does not bound the range. */
    public static final Object UNBOUNDED = new Object();

    public static final KeyAccess FULL = new KeyAccess(List.of(List.of()), 0, null, false, null, false);

    /** A key range [from, to); {@code from == to}-less point ranges are marked {@code point}. */
    record Span(byte[] from, byte[] to, boolean point) {
    }

    /** What {@link #onlyKey} answers when the spans are not one whole key (a range, several keys, or no exact key). */
    static final byte[] NOT_ONE_KEY = new byte[0];

    /**
     * The one key {@code spans} name: null when they name none (a NULL bound), {@link #NOT_ONE_KEY} when they are a
     * range or several keys, or are null (a bound that converts into no key exactly, {@link #exactSpans}).
     */
    static byte[] onlyKey(List<Span> spans) {
        if (spans == null || spans.size() > 1 || spans.size() == 1 && !spans.get(0).point()) {
            return NOT_ONE_KEY;
        }
        return spans.isEmpty() ? null : spans.get(0).from();
    }

    public boolean isFull() {
        return eqCount == 0 && lower == null && upper == null;
    }

    public String describe(Table t) {
        if (isFull()) {
            return "FULL SCAN";
        }
        return eqCount == t.keySlots().length ? "PRIMARY KEY POINT" : "PRIMARY KEY RANGE";
    }

    /** The key spans to read, in key order, without overlaps; an empty list when a bound is NULL. */
    List<Span> spans(KeyLayout layout, Env env) throws SQLException {
        if (alternatives.size() == 1) {
            return single(layout, env, false);
        }
        return spans(layout, env, new Span(layout.start(), layout.end(), false));
    }

    /** The spans of the one alternative (no IN list), without the sorting and merging several need. */
    private List<Span> single(KeyLayout layout, Env env, boolean exact) throws SQLException {
        List<Expr> alt = alternatives.get(0);
        Object[] values = new Object[eqCount + 1];
        for (int i = 0; i < eqCount; i++) {
            Object v = keyValue(alt.get(i), layout, i, env);
            if (v == null) {
                return List.of();
            }
            if (v == NOT_A_KEY) {
                return exact ? null : List.of(new Span(layout.start(), layout.end(), false));
            }
            values[i] = v;
        }
        Span s = span(layout, values, env);
        if (s == NOT_A_SPAN) {
            return exact ? null : List.of(new Span(layout.start(), layout.end(), false));
        }
        return s == null ? List.of() : List.of(s);
    }

    /**
     * {@link #spans(KeyLayout, Env)} when every bound converts exactly into its key column for this execution, so
     * the spans hold exactly the rows the bounds select; null when one does not (the spans would be wider).
     */
    List<Span> exactSpans(KeyLayout layout, Env env) throws SQLException {
        return alternatives.size() == 1 ? single(layout, env, true) : spans(layout, env, null);
    }

    private List<Span> spans(KeyLayout layout, Env env, Span all) throws SQLException {
        List<Span> out = new ArrayList<>();
        for (List<Expr> alt : alternatives) {
            Object[] values = new Object[eqCount + 1];
            boolean skip = false;
            for (int i = 0; i < eqCount; i++) {
                Object v = keyValue(alt.get(i), layout, i, env);
                if (v == null) {
                    skip = true;
                    break;
                }
                if (v == NOT_A_KEY) {
                    return all == null ? null : List.of(all);
                }
                values[i] = v;
            }
            if (skip) {
                continue;
            }
            Span s = span(layout, values, env);
            if (s == NOT_A_SPAN) {
                return all == null ? null : List.of(all);
            }
            if (s != null) {
                out.add(s);
            }
        }
        out.sort((a, b) -> Arrays.compareUnsigned(a.from(), b.from()));
        List<Span> merged = new ArrayList<>();
        for (Span s : out) {
            Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && Arrays.equals(last.from(), s.from())) {
                continue;
            }
            merged.add(s);
        }
        return merged;
    }

    private static final Object NOT_A_KEY = new Object();
    private static final Span NOT_A_SPAN = new Span(null, null, false);

    private Span span(KeyLayout layout, Object[] values, Env env) throws SQLException {
        int nKeys = layout.keyCount();
        byte[] base = eqCount == 0 ? layout.start() : layout.prefix(values, eqCount);
        if (eqCount == nKeys && layout.exactPoints()) {
            return new Span(base, null, true);
        }
        byte[] from = base;
        byte[] to = eqCount == 0 ? layout.end() : RowKeys.after(base);
        boolean last = eqCount == nKeys - 1 && layout.lastIsRaw();
        // a descending column stores greater values first: a value's lower bound bounds the keys from above
        boolean desc = eqCount < nKeys && layout.descending(eqCount);
        Expr lower = desc ? this.upper : this.lower;
        boolean lowerInclusive = desc ? this.upperInclusive : this.lowerInclusive;
        Expr upper = desc ? this.lower : this.upper;
        boolean upperInclusive = desc ? this.lowerInclusive : this.upperInclusive;
        if (lower != null || upper != null) {
            from = desc ? withByte(base, 0xfe) : layout.nonNullStart(base); // descending non-NULL values: 0xFE
            to = desc ? withByte(base, 0xff) : to;
        }
        Object lowerValue = lower == null ? UNBOUNDED : keyValue(lower, layout, eqCount, env);
        if (lowerValue != UNBOUNDED) {
            Object v = lowerValue;
            if (v == null) {
                return null;
            }
            if (v == NOT_A_KEY) {
                return NOT_A_SPAN;
            }
            values[eqCount] = v;
            byte[] k = layout.prefix(values, eqCount + 1);
            byte[] bound = lowerInclusive ? k : last ? RowKeys.next(k) : RowKeys.after(k);
            if (Arrays.compareUnsigned(bound, from) > 0) {
                from = bound;
            }
        }
        Object upperValue = upper == null ? UNBOUNDED : keyValue(upper, layout, eqCount, env);
        if (upperValue != UNBOUNDED) {
            Object v = upperValue;
            if (v == null) {
                return null;
            }
            if (v == NOT_A_KEY) {
                return NOT_A_SPAN;
            }
            values[eqCount] = v;
            byte[] k = layout.prefix(values, eqCount + 1);
            byte[] bound = !upperInclusive ? k : last ? RowKeys.next(k) : RowKeys.after(k);
            if (Arrays.compareUnsigned(bound, to) < 0) {
                to = bound;
            }
        }
        return Arrays.compareUnsigned(from, to) >= 0 ? null : new Span(from, to, false);
    }

    private static byte[] withByte(byte[] prefix, int b) {
        byte[] k = Arrays.copyOf(prefix, prefix.length + 1);
        k[prefix.length] = (byte) b;
        return k;
    }

    /** The bound's value as key column {@code i} stores it; null for NULL, NOT_A_KEY if it does not convert. */
    private static Object keyValue(Expr e, KeyLayout layout, int i, Env env) throws SQLException {
        Object v = e.eval(env);
        if (v == null || v == UNBOUNDED) {
            return v;
        }
        ColumnInfo c = layout.keyColumn(i);
        try {
            Object k = Coercion.store(v, c);
            // A value that only converts with loss (2.5 into an INT key) cannot bound a key scan exactly.
            if (lsmdb.sql.types.Comparison.compare(k, v) != 0) {
                return NOT_A_KEY;
            }
            return k;
        } catch (SQLException notAKey) {
            return NOT_A_KEY;
        }
    }
}
