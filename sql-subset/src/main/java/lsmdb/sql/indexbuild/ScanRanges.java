package lsmdb.sql.indexbuild;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The key ranges of a table that several threads scan at once, rebalanced while they run: a thread that finished
 * its range takes the upper half of what another thread has left of its own ({@link #steal}), and that one stops
 * where the taken half begins. The threads then end together even when one range costs more than the other (the
 * newest rows still sit in the memtable and level 0, under more sources to merge) or one thread got less CPU.
 *
 * <p>A thread only asks for a split while it scans nothing, and a scanner answers (every few hundred rows, or when
 * it ends), so no two threads wait for each other. Thread-safe.
 */
final class ScanRanges {

    /** Splits one thread may take: past them the halves left are small and not worth a scan of their own. */
    static final int MAX_STEALS = 4;

    /**
     * Rows a scanner must have scanned of its range before it hands half of the rest over: a range that small ends
     * soon anyway, and a handed-over half costs a seek and table files of its own.
     */
    private final int minRowsBeforeSplit;

    ScanRanges(int minRowsBeforeSplit) {
        this.minRowsBeforeSplit = minRowsBeforeSplit;
    }

    /** One key range being scanned: {@code [from, to)}, {@code to} lowered by splits. */
    final class Range {
        final byte[] from;
        private byte[] to;
        /** Splits are computed below this: {@code to}, or the last row's key for the table's last range. */
        private byte[] ceiling;
        /** Whether a thread waits for a split of this range (the scanner looks every few hundred rows). */
        private volatile boolean splitWanted;
        /** The waiting thread's request, answered by {@link #split} or {@link #finish}. */
        private Request pending;
        private boolean done;

        /** One thread's wait for a split: its answer stays its own whatever others ask later. */
        private final class Request {
            boolean answered;
            Range given;
        }

        Range(byte[] from, byte[] to, byte[] ceiling) {
            this.from = from;
            this.to = to;
            this.ceiling = ceiling;
        }

        synchronized byte[] to() {
            return to;
        }

        synchronized boolean isDone() {
            return done;
        }

        /** Whether a thread waits for {@link #split}. */
        boolean splitWanted() {
            return splitWanted;
        }

        /**
         * The scanner's answer to a waiting thread, at row {@code current} after {@code scanned} rows of the range:
         * hands over the upper half of the rest and returns the key the scanner must now stop before; null (nothing
         * handed over) when the rest cannot be split or the range is too small to split.
         */
        synchronized byte[] split(byte[] current, int scanned) {
            if (pending == null) {
                return null;
            }
            if (scanned < minRowsBeforeSplit) {
                answer(null);
                return null;
            }
            byte[] mid = TableHalves.midpoint(current, ceiling);
            if (Arrays.compareUnsigned(mid, current) <= 0 || Arrays.compareUnsigned(mid, ceiling) >= 0) {
                answer(null);
                return null;
            }
            Range upper = new Range(mid, to, ceiling);
            to = mid;
            ceiling = mid;
            answer(upper);
            return mid;
        }

        /** The scanner is done with this range (or failed): a waiting thread gets nothing. */
        synchronized void finish() {
            done = true;
            if (pending != null) {
                answer(null);
            }
        }

        private void answer(Range r) {
            pending.given = r;
            pending.answered = true;
            pending = null;
            splitWanted = false;
            notifyAll();
        }

        /** Asks the scanner for the upper half of what it has left; null if it ended first or could not split. */
        synchronized Range requestSplit() {
            if (done || pending != null) {
                return null;
            }
            Request mine = new Request();
            pending = mine;
            splitWanted = true;
            boolean interrupted = false;
            while (!mine.answered) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the scanner answers soon: it looks every few hundred rows
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return mine.given;
        }
    }

    private final List<Range> running = new ArrayList<>();

    /** A range to scan, counted as running until its {@link Range#finish}. */
    synchronized Range start(byte[] from, byte[] to, byte[] ceiling) {
        Range r = new Range(from, to, ceiling);
        running.add(r);
        return r;
    }

    /**
     * The upper half of what another thread's range has left, now running for the caller; null when every other
     * range ended or none could be split. REQUIRES: the caller scans no range now.
     */
    Range steal() {
        List<Range> candidates;
        synchronized (this) {
            running.removeIf(Range::isDone);
            candidates = new ArrayList<>(running);
        }
        for (Range r : candidates) {
            Range upper = r.requestSplit();
            if (upper != null) {
                synchronized (this) {
                    running.add(upper);
                }
                return upper;
            }
        }
        return null;
    }
}
