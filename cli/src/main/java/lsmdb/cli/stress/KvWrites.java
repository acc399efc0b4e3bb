package lsmdb.cli.stress;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The workload's writes of the kv table, each under the locks of the rows it writes: single-row statements,
 * multi-row transactions (retried after a write conflict), and statements that must be refused or change nothing.
 */
final class KvWrites extends Operations {

    KvWrites(Model m, Connection c, Random rnd) {
        super(m, c, rnd);
    }

    /** One auto-commit INSERT, UPSERT, UPDATE or DELETE of a random row. */
    void single() throws Exception {
        int k = rnd.nextInt(m.kv.length);
        m.kvLocks[k].lock();
        try {
            String cur = m.kv[k];
            long txn = m.txnIds.incrementAndGet();
            int op = rnd.nextInt(10);
            boolean delete = cur != null && op >= 7;
            String v = delete ? null : Schema.kvValue(k, txn, rnd.nextInt(120));
            String sql = delete ? "DELETE FROM kv WHERE k = ?"
                    : cur == null ? (op < 7 ? "INSERT INTO kv VALUES (?, ?)" : "UPSERT INTO kv VALUES (?, ?)")
                    : (op < 4 ? "UPDATE kv SET v = ? WHERE k = ?" : "UPSERT INTO kv VALUES (?, ?)");
            m.begin(txn, Map.of(Schema.kvSlot(k), delete ? ExpectedState.ABSENT : v));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (delete) {
                    ps.setLong(1, k);
                } else if (sql.startsWith("UPDATE")) {
                    ps.setString(1, v);
                    ps.setLong(2, k);
                } else {
                    ps.setLong(1, k);
                    ps.setString(2, v);
                }
                int n = ps.executeUpdate();
                if (!sql.startsWith("UPSERT") && n != 1) {
                    m.violation(sql + " on kv/" + k + " changed " + n + " rows, expected 1");
                }
            } catch (SQLException e) {
                if (!Model.isConflict(e)) {
                    throw e;
                }
                m.expected.aborted(txn);
                m.result.conflicts.incrementAndGet();
                return;
            }
            m.expected.committed(txn);
            m.kv[k] = v;
            m.result.commits.incrementAndGet();
        } finally {
            m.kvLocks[k].unlock();
        }
    }

    /** A transaction writing 2 to 6 random rows, attempted until it commits (at most 50 times). */
    void multi() throws Exception {
        TreeSet<Integer> keys = new TreeSet<>();
        int n = 2 + rnd.nextInt(5);
        while (keys.size() < n) {
            keys.add(rnd.nextInt(m.kv.length));
        }
        for (int attempt = 0; attempt < 50 && !m.stop; attempt++) {
            if (tryMulti(keys)) {
                return;
            }
        }
    }

    /** One attempt; false after a write conflict. */
    private boolean tryMulti(TreeSet<Integer> keys) throws Exception {
        c.setAutoCommit(false);
        List<ReentrantLock> held = new ArrayList<>();
        long txn = -1;
        try {
            if (rnd.nextBoolean()) {
                // Reading first takes the snapshot before the locks: a row another thread commits meanwhile
                // makes this commit a write conflict, as it must.
                Schema.readKv(c, keys.first());
            }
            for (int k : keys) {
                m.kvLocks[k].lock();
                held.add(m.kvLocks[k]);
            }
            Map<String, String> writes = new LinkedHashMap<>();
            long id = m.txnIds.incrementAndGet();
            for (int k : keys) {
                writes.put(Schema.kvSlot(k), rnd.nextInt(4) == 0 ? ExpectedState.ABSENT
                        : Schema.kvValue(k, id, rnd.nextInt(120)));
            }
            txn = m.begin(id, writes);
            try (PreparedStatement up = c.prepareStatement("UPSERT INTO kv VALUES (?, ?)");
                    PreparedStatement del = c.prepareStatement("DELETE FROM kv WHERE k = ?")) {
                for (int k : keys) {
                    String v = writes.get(Schema.kvSlot(k));
                    if (v.equals(ExpectedState.ABSENT)) {
                        del.setLong(1, k);
                        // A delete is no blind write: on a snapshot older than the row it finds nothing,
                        // writes nothing and so conflicts with nothing. Like an application checking its
                        // row count, give up the attempt when the count says the snapshot is stale.
                        if (del.executeUpdate() != (m.kv[k] == null ? 0 : 1)) {
                            c.rollback();
                            m.expected.aborted(txn);
                            m.result.staleDeletes.incrementAndGet();
                            return false;
                        }
                    } else {
                        up.setLong(1, k);
                        up.setString(2, v);
                        up.executeUpdate();
                    }
                }
            }
            int first = keys.first();
            String own = Schema.readKv(c, first);
            String mine = writes.get(Schema.kvSlot(first));
            if (!(own == null ? ExpectedState.ABSENT : own).equals(mine)) {
                m.violation("transaction " + txn + " does not read its own write of kv/" + first + ": " + own);
            }
            c.commit();
            m.expected.committed(txn);
            for (int k : keys) {
                String v = writes.get(Schema.kvSlot(k));
                m.kv[k] = v.equals(ExpectedState.ABSENT) ? null : v;
            }
            m.result.commits.incrementAndGet();
            return true;
        } catch (SQLException e) {
            m.conflicted(c, e, txn);
            return false;
        } finally {
            held.forEach(ReentrantLock::unlock);
            c.setAutoCommit(true);
        }
    }

    /** Statements that must fail or change nothing: a duplicate insert, an update or delete of a missing row. */
    void refused() throws Exception {
        int k = rnd.nextInt(m.kv.length);
        m.kvLocks[k].lock();
        try (Statement s = c.createStatement()) {
            if (m.kv[k] != null) {
                try {
                    s.executeUpdate("INSERT INTO kv VALUES (" + k + ", 'dup')");
                    m.violation("a duplicate INSERT of kv/" + k + " succeeded");
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) {
                        m.violation("a duplicate INSERT of kv/" + k + " failed with " + e.getSQLState() + ": "
                                + e.getMessage());
                    }
                }
            } else {
                String sql = rnd.nextBoolean() ? "UPDATE kv SET v = 'ghost' WHERE k = " + k
                        : "DELETE FROM kv WHERE k = " + k;
                int n = s.executeUpdate(sql);
                if (n != 0) {
                    m.violation(sql + " (of a missing row) changed " + n + " rows");
                }
            }
            m.result.refusals.incrementAndGet();
        } finally {
            m.kvLocks[k].unlock();
        }
    }
}
