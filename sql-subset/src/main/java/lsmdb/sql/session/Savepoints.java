package lsmdb.sql.session;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A transaction's savepoints, innermost last, over an undo log of its buffered writes: while a savepoint is set, each
 * write records what its key held before (its earlier buffered value, or nothing), so rolling back to a savepoint
 * undoes the writes made since, newest first (the snapshot stays the transaction's). Setting a savepoint costs
 * nothing and rolling back costs the writes it undoes, where copying the buffer made each savepoint cost the whole
 * buffer again (Spring's PROPAGATION_NESTED sets one per nested call). Names may repeat; the innermost one of a name
 * counts (SQL's rule).
 */
final class Savepoints {

    /** A savepoint: its name, the undo log's length when set, and the buffer's counted bytes then. */
    private record Mark(String name, int undoLength, long writesHeld) {
    }

    private final List<Mark> marks = new ArrayList<>();
    /** Keys written while a savepoint was set, oldest first, with what each held before (null: nothing). */
    private final List<byte[]> undoKeys = new ArrayList<>();
    private final List<byte[]> undoValues = new ArrayList<>();

    /** Sets savepoint {@code name} over the writes so far, which {@code writesHeld} bytes were counted for. */
    void set(String name, long writesHeld) {
        marks.add(new Mark(name, undoKeys.size(), writesHeld));
    }

    /** Whether a savepoint is set, so that writes must be recorded ({@link #recordBefore}). */
    boolean any() {
        return !marks.isEmpty();
    }

    /** Records that {@code key}, about to be written, held {@code before} (null: no buffered write). */
    void recordBefore(byte[] key, byte[] before) {
        undoKeys.add(key);
        undoValues.add(before);
    }

    /**
     * Undoes in {@code writes} every write made since savepoint {@code name}, which stays set while those after it
     * are dropped; the bytes counted for the writes as it found them.
     */
    long rollbackTo(String name, TreeMap<byte[], byte[]> writes) throws SQLException {
        int i = find(name);
        Mark m = marks.get(i);
        for (int u = undoKeys.size() - 1; u >= m.undoLength(); u--) {
            byte[] before = undoValues.get(u);
            if (before == null) {
                writes.remove(undoKeys.get(u));
            } else {
                writes.put(undoKeys.get(u), before);
            }
        }
        truncateUndo(m.undoLength());
        marks.subList(i + 1, marks.size()).clear();
        return m.writesHeld();
    }

    /** Drops savepoint {@code name} and those set after it; the writes stay. */
    void release(String name) throws SQLException {
        marks.subList(find(name), marks.size()).clear();
        if (marks.isEmpty()) {
            truncateUndo(0); // no savepoint left to roll back to
        }
    }

    /** Forgets every savepoint: the transaction ended. */
    void clear() {
        marks.clear();
        truncateUndo(0);
    }

    private void truncateUndo(int length) {
        undoKeys.subList(length, undoKeys.size()).clear();
        undoValues.subList(length, undoValues.size()).clear();
    }

    private int find(String name) throws SQLException {
        for (int i = marks.size() - 1; i >= 0; i--) {
            if (marks.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new SQLException("no savepoint named " + name + " in this transaction", "3B001");
    }
}
