package lsmdb.sql.indexbuild;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The entries of an index built in parts, in key order: each part ({@link IndexEntrySorter}) sorted the entries of
 * one key range of the table, the ranges ascending. Values ascend across all parts; within one value the parts
 * come in range order, which is primary-key order. Only the distinct values are compared: the order is a list of
 * runs (one part's entries of one value), which can be cut in pieces written at once.
 *
 * <p>Immutable once built; {@link #forEach} may run on several threads over different runs.
 */
final class MergedEntries {

    /** Receives one entry: entry {@code e} of {@code part}. */
    interface Visitor {
        void entry(IndexEntrySorter part, int e) throws IOException;
    }

    private final List<IndexEntrySorter> parts;
    /** Per run: its part, the value's id in that part, and the entries before it in the whole order. */
    private int[] runPart = new int[16];
    private int[] runValue = new int[16];
    private long[] runFirstEntry = new long[17];
    private int runs;
    private boolean repeatedNonNull;

    /** REQUIRES: every part {@link IndexEntrySorter#sort() sorted}. */
    MergedEntries(List<IndexEntrySorter> parts) {
        this.parts = parts;
        int n = parts.size();
        int[] head = new int[n]; // per part: the rank of its next distinct value
        while (true) {
            int best = -1;
            for (int p = 0; p < n; p++) {
                if (head[p] < parts.get(p).distinct() && (best < 0 || compareHeads(p, best, head) < 0)) {
                    best = p;
                }
            }
            if (best < 0) {
                return;
            }
            IndexEntrySorter bestPart = parts.get(best);
            int bestValue = bestPart.sortedValue(head[best]);
            long total = 0;
            for (int p = best; p < n; p++) { // no part before best holds this value: best is the first minimum
                IndexEntrySorter part = parts.get(p);
                if (head[p] >= part.distinct()) {
                    continue;
                }
                int v = part.sortedValue(head[p]);
                if (p != best && part.compareValues(v, bestPart, bestValue) != 0) {
                    continue;
                }
                addRun(p, v, part.count(v));
                total += part.count(v);
                head[p]++;
            }
            repeatedNonNull |= total > 1 && !bestPart.valueHasNull(bestValue);
        }
    }

    private void addRun(int part, int value, int count) {
        if (runs == runPart.length) {
            runPart = Arrays.copyOf(runPart, runs * 2);
            runValue = Arrays.copyOf(runValue, runs * 2);
            runFirstEntry = Arrays.copyOf(runFirstEntry, runs * 2 + 1);
        }
        runPart[runs] = part;
        runValue[runs] = value;
        runFirstEntry[runs + 1] = runFirstEntry[runs] + count;
        runs++;
    }

    /** Whether some value without a NULL has more than one entry across the parts (a unique index's violation). */
    boolean hasRepeatedNonNull() {
        return repeatedNonNull;
    }

    int runs() {
        return runs;
    }

    /** The first run of the {@code k}-th of {@code pieces} about equal pieces of the entries (cut between runs). */
    int pieceStart(int k, int pieces) {
        long target = runFirstEntry[runs] * k / pieces;
        int r = Arrays.binarySearch(runFirstEntry, 0, runs + 1, target);
        return r >= 0 ? r : -r - 1;
    }

    /** Hands every entry to {@code visitor}, in key order. */
    void forEach(Visitor visitor) throws IOException {
        forEach(0, runs, visitor);
    }

    /** Hands the entries of runs {@code [fromRun, toRun)} to {@code visitor}, in key order. */
    void forEach(int fromRun, int toRun, Visitor visitor) throws IOException {
        for (int r = fromRun; r < toRun; r++) {
            IndexEntrySorter part = parts.get(runPart[r]);
            int v = runValue[r];
            int from = part.runStart(v);
            int to = from + part.count(v);
            for (int k = from; k < to; k++) {
                visitor.entry(part, part.ordered(k));
            }
        }
    }

    private int compareHeads(int p, int q, int[] head) {
        IndexEntrySorter a = parts.get(p);
        IndexEntrySorter b = parts.get(q);
        return a.compareValues(a.sortedValue(head[p]), b, b.sortedValue(head[q]));
    }
}
