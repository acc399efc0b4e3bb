package lsmdb.sql.catalog;

import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import lsmdb.core.LsmDb;
import lsmdb.core.WriteBatch;
import lsmdb.core.util.Coding;
import lsmdb.sql.Errors;

/**
 * Identity values, handed out from ranges reserved in the engine so that no value is ever handed out twice, also
 * across a crash, while inserters touch the engine once per {@link #RANGE} values instead of once per row.
 *
 * <pre>
 * key     0x00 'H' | table id (4 bytes, BE)
 * value   high-water mark (fixed64): every value handed out so far is at most this
 * </pre>
 *
 * The mark is written before any value above the old one is handed out; a row holding such a value is written
 * later, so the engine's log order guarantees that a recovered row never lies above the recovered mark. After a
 * reopen values continue above the mark: the unused rest of the last range is a gap, as SPEC §3.1 allows.
 * Thread-safe: one short lock per table, held across the engine write only when a new range is reserved.
 */
public final class IdentityRanges {

    /** Values reserved per engine write: large enough that the write is rare, small enough to keep gaps small. */
    static final long RANGE = 1000;

    private final LsmDb db;
    private final ConcurrentHashMap<Integer, Counter> counters = new ConcurrentHashMap<>();

    IdentityRanges(LsmDb db) {
        this.db = db;
    }

    /** The per-table state: the next value, and the reserved (durable) mark it may reach without a write. */
    private static final class Counter {
        long next;
        long reserved;
    }

    /** A fresh value for table {@code tableId}'s identity column. */
    public long next(int tableId) throws SQLException {
        Counter c = counter(tableId);
        synchronized (c) {
            long v = c.next;
            if (v > c.reserved) {
                reserve(tableId, c, rangeEnd(v));
            }
            c.next = v + 1;
            return v;
        }
    }

    /**
     * Records an explicit value given for a BY DEFAULT identity column: later values come after it (as H2 does),
     * and the mark moves past it before the row that holds it can be written.
     */
    public void observe(int tableId, long value) throws SQLException {
        Counter c = counter(tableId);
        synchronized (c) {
            if (value >= c.next && value < Long.MAX_VALUE) {
                if (value > c.reserved) {
                    reserve(tableId, c, rangeEnd(value));
                }
                c.next = value + 1;
            }
        }
    }

    private static long rangeEnd(long first) {
        return first > Long.MAX_VALUE - RANGE ? Long.MAX_VALUE : first + RANGE - 1;
    }

    private Counter counter(int tableId) throws SQLException {
        Counter c = counters.get(tableId);
        if (c != null) {
            return c;
        }
        long mark;
        try {
            byte[] v = db.get(key(tableId));
            mark = v == null ? 0 : Coding.getFixed64(v, 0);
        } catch (IOException e) {
            throw Errors.io(e);
        }
        Counter fresh = new Counter();
        fresh.next = mark + 1;
        fresh.reserved = mark;
        Counter raced = counters.putIfAbsent(tableId, fresh);
        return raced == null ? fresh : raced;
    }

    /** REQUIRES: holding {@code c}'s lock. Makes {@code mark} durable before values up to it are used. */
    private void reserve(int tableId, Counter c, long mark) throws SQLException {
        byte[] v = new byte[8];
        Coding.putFixed64(v, 0, mark);
        try {
            db.write(new WriteBatch().put(key(tableId), v));
        } catch (IOException e) {
            throw Errors.io(e);
        }
        c.reserved = mark;
    }

    /** Forgets a dropped table's counter; its key goes with the table's catalog entries. */
    void forget(int tableId) {
        counters.remove(tableId);
    }

    static byte[] key(int tableId) {
        return CatalogKeys.ofTable(CatalogKeys.IDENTITY, tableId);
    }
}
