package lsmdb.sql.exec;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.codec.RowKeys;

/**
 * Hidden row ids of tables without a primary key, one counter per table shared by every session, so concurrent
 * inserters never collide. A counter starts after the largest id committed (ids of rows deleted from the end may be
 * used again after a reopen, as SQLite's rowids are).
 */
public final class RowIds {

    private final LsmDb engine;
    private final ConcurrentHashMap<Integer, AtomicLong> next = new ConcurrentHashMap<>();

    public RowIds(LsmDb engine) {
        this.engine = engine;
    }

    long allocate(Table t) {
        return next.computeIfAbsent(t.id(), id -> new AtomicLong(last(t))).incrementAndGet();
    }

    private long last(Table t) {
        try (LsmIterator it = engine.iterator(null, t.prefix(), t.prefixEnd())) {
            it.seekToLast();
            if (!it.isValid()) {
                return 0;
            }
            Object[] row = new Object[t.width()];
            RowKeys.decode(t, it.key(), row);
            return (Long) row[t.keySlots()[0]];
        }
    }
}
