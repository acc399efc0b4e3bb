package lsmdb.sql.indexbuild;

import java.util.Arrays;

/**
 * Puts the entries of a new index into key order in one pass over its table, without sorting the entries
 * themselves: rows arrive in primary-key order, so the entries of one distinct column value arrive in key order
 * already. Each entry is filed under its column value (a hash table over the distinct values); only the distinct
 * values are sorted, and a stable counting sort by their rank orders the entries. Everything lives in a few flat
 * arrays (no object per entry), and the bytes held are counted so the builder can stop at its memory budget.
 *
 * <p>Not thread-safe.
 */
final class IndexEntrySorter {

    /** Column values, one copy per distinct value, and the primary-key suffixes, one per entry. */
    private final Arena values = new Arena();
    private final Arena suffixes = new Arena();
    /** Per distinct value: where its bytes start, how long, whether it holds a NULL, how many entries it has. */
    private int[] valueStart = new int[1024];
    private int[] valueLength = new int[1024];
    private boolean[] valueHasNull = new boolean[1024];
    private int[] valueCount = new int[1024];
    private int distinct;
    /** Per entry: its distinct value and where its suffix starts (its end is the next one's start). */
    private int[] entryValue = new int[4096];
    private int[] suffixStart = new int[4097];
    private int entries;
    /** Open addressing over distinct value ids + 1 (0 = empty). */
    private int[] slots = new int[2048];

    /** Adds an entry of distinct value {@code id} (from {@link #valueId}) and primary-key suffix. */
    void add(int id, byte[] key, int suffixFrom) {
        if (entries == entryValue.length) {
            entryValue = Arrays.copyOf(entryValue, entries * 2);
            suffixStart = Arrays.copyOf(suffixStart, entries * 2 + 1);
        }
        entryValue[entries] = id;
        suffixStart[entries] = suffixes.size;
        suffixes.write(key, suffixFrom, key.length - suffixFrom);
        entries++;
        suffixStart[entries] = suffixes.size;
        valueCount[id]++;
    }

    int size() {
        return entries;
    }

    /** The longest column part of any entry. */
    int longestColumns() {
        int max = 0;
        for (int v = 0; v < distinct; v++) {
            max = Math.max(max, valueLength[v]);
        }
        return max;
    }

    /** The longest primary-key suffix of any entry. */
    int longestSuffix() {
        int max = 0;
        for (int e = 0; e < entries; e++) {
            max = Math.max(max, suffixStart[e + 1] - suffixStart[e]);
        }
        return max;
    }

    /** Bytes held (arrays included), for the memory budget. */
    long memoryBytes() {
        return values.buf.length + suffixes.buf.length + 4L * (entryValue.length + suffixStart.length + slots.length)
                + 13L * valueStart.length;
    }

    /** The distinct values in key order and, after them, every entry in key order ({@link #sort()} fills them). */
    private int[] sortedValues;
    private int[] runStart;
    private int[] ordered;

    /**
     * Puts the entries in key order: column value, then primary key (arrival order). The entries of the
     * {@code i}-th smallest value are {@link #ordered}{@code (runStart(sortedValue(i)) + k)}, k below its count.
     */
    void sort() {
        Integer[] byValue = new Integer[distinct];
        for (int i = 0; i < distinct; i++) {
            byValue[i] = i;
        }
        byte[] b = values.buf;
        Arrays.sort(byValue, (x, y) -> Arrays.compareUnsigned(b, valueStart[x], valueStart[x] + valueLength[x],
                b, valueStart[y], valueStart[y] + valueLength[y]));
        sortedValues = new int[distinct];
        runStart = new int[distinct];
        int[] next = new int[distinct];
        int at = 0;
        for (int i = 0; i < distinct; i++) {
            int v = byValue[i];
            sortedValues[i] = v;
            runStart[v] = at;
            next[v] = at;
            at += valueCount[v];
        }
        ordered = new int[entries];
        for (int e = 0; e < entries; e++) {
            ordered[next[entryValue[e]]++] = e;
        }
    }

    int distinct() {
        return distinct;
    }

    /** The id of the {@code i}-th smallest distinct value. REQUIRES: {@link #sort()}. */
    int sortedValue(int i) {
        return sortedValues[i];
    }

    /** Where value {@code v}'s entries start among the {@link #ordered} ones. REQUIRES: {@link #sort()}. */
    int runStart(int v) {
        return runStart[v];
    }

    int count(int v) {
        return valueCount[v];
    }

    boolean valueHasNull(int v) {
        return valueHasNull[v];
    }

    /** The {@code k}-th entry in key order. REQUIRES: {@link #sort()}. */
    int ordered(int k) {
        return ordered[k];
    }

    /** Compares distinct value {@code v} of this sorter with {@code w} of {@code other} (unsigned bytes). */
    int compareValues(int v, IndexEntrySorter other, int w) {
        return Arrays.compareUnsigned(values.buf, valueStart[v], valueStart[v] + valueLength[v],
                other.values.buf, other.valueStart[w], other.valueStart[w] + other.valueLength[w]);
    }

    /** Appends entry {@code e}'s column part to {@code dst} at {@code at}; returns the new end. */
    int copyColumns(int e, byte[] dst, int at) {
        int v = entryValue[e];
        System.arraycopy(values.buf, valueStart[v], dst, at, valueLength[v]);
        return at + valueLength[v];
    }

    int columnsLength(int e) {
        return valueLength[entryValue[e]];
    }

    boolean hasNull(int e) {
        return valueHasNull[entryValue[e]];
    }

    int suffixLength(int e) {
        return suffixStart[e + 1] - suffixStart[e];
    }

    int copySuffix(int e, byte[] dst, int at) {
        int n = suffixLength(e);
        System.arraycopy(suffixes.buf, suffixStart[e], dst, at, n);
        return at + n;
    }

    /** How many distinct values {@link #valueId} has entered. */
    int distinctValues() {
        return distinct;
    }

    /** Column bytes of distinct value {@code v}, for messages. */
    byte[] value(int v) {
        return Arrays.copyOfRange(values.buf, valueStart[v], valueStart[v] + valueLength[v]);
    }

    /** The id of the distinct column part {@code col[0, n)}, entered now if it is new. */
    int valueId(byte[] col, int n, boolean hasNull) {
        int h = hash(col, n);
        int mask = slots.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int s = slots[i];
            if (s == 0) {
                int id = newValue(col, n, hasNull);
                slots[i] = id + 1;
                if (distinct * 2 > slots.length) {
                    rehash();
                }
                return id;
            }
            int v = s - 1;
            if (valueLength[v] == n && Arrays.equals(values.buf, valueStart[v], valueStart[v] + n, col, 0, n)) {
                return v;
            }
        }
    }

    private int newValue(byte[] col, int n, boolean hasNull) {
        if (distinct == valueStart.length) {
            int cap = distinct * 2;
            valueStart = Arrays.copyOf(valueStart, cap);
            valueLength = Arrays.copyOf(valueLength, cap);
            valueHasNull = Arrays.copyOf(valueHasNull, cap);
            valueCount = Arrays.copyOf(valueCount, cap);
        }
        valueStart[distinct] = values.size;
        valueLength[distinct] = n;
        valueHasNull[distinct] = hasNull;
        values.write(col, 0, n);
        return distinct++;
    }

    private void rehash() {
        int[] bigger = new int[slots.length * 2];
        int mask = bigger.length - 1;
        for (int v = 0; v < distinct; v++) {
            int i = hash(values.buf, valueStart[v], valueLength[v]) & mask;
            while (bigger[i] != 0) {
                i = (i + 1) & mask;
            }
            bigger[i] = v + 1;
        }
        slots = bigger;
    }

    private static int hash(byte[] b, int n) {
        return hash(b, 0, n);
    }

    private static int hash(byte[] b, int from, int n) {
        int h = 0x9E3779B9;
        for (int i = from; i < from + n; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    /** A growable byte array. */
    private static final class Arena {
        byte[] buf = new byte[4096];
        int size;

        void write(byte[] src, int from, int n) {
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
            System.arraycopy(src, from, buf, size, n);
            size += n;
        }
    }
}
