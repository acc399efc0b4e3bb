package lsmdb.cli.stress;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the workload's threads share: the acknowledged value of every row (what reads are checked against), the
 * locks that keep it exact (a thread writes a row only while holding its lock), the journal of intents, the
 * counters, and the stop flag the first violation raises.
 */
final class Model {

    final Workload.Result result;
    /** The journal of this run; set before the threads start. */
    ExpectedState expected;
    final AtomicLong txnIds;
    final String[] kv;
    final long[] acct;
    /** The scratch table's journal slot: ABSENT, "0" (created, empty) or "txn:rows". Guarded by scratchLock. */
    String scratch;
    final ReentrantLock[] kvLocks;
    final ReentrantLock[] acctLocks;
    final ReentrantLock scratchLock = new ReentrantLock();
    volatile boolean stop;
    private final long seed;
    private final PrintWriter out;

    /** The model of the rows in {@code base} (the database as the run found it). */
    Model(Workload.Config cfg, Map<String, String> base, AtomicLong txnIds, Workload.Result result, PrintWriter out) {
        this.seed = cfg.seed();
        this.out = out;
        this.result = result;
        this.txnIds = txnIds;
        kv = new String[cfg.keys()];
        acct = new long[cfg.accounts()];
        kvLocks = locks(cfg.keys());
        acctLocks = locks(cfg.accounts());
        for (int k = 0; k < kv.length; k++) {
            String v = base.get(Schema.kvSlot(k));
            kv[k] = v == null || v.equals(ExpectedState.ABSENT) ? null : v;
        }
        for (int i = 0; i < acct.length; i++) {
            acct[i] = Long.parseLong(base.get(Schema.acctSlot(i)));
        }
        scratch = base.getOrDefault("scratch", ExpectedState.ABSENT);
    }

    private static ReentrantLock[] locks(int n) {
        ReentrantLock[] l = new ReentrantLock[n];
        for (int i = 0; i < n; i++) {
            l[i] = new ReentrantLock();
        }
        return l;
    }

    /** Journals the intent of transaction {@code txn} (fsynced) before its statements run. */
    long begin(long txn, Map<String, String> writes) throws IOException {
        expected.intent(txn, writes);
        return txn;
    }

    /** Records a violation, prints it at once (the crash loop reads the output), and stops every thread. */
    void violation(String what) {
        result.violations.add(what);
        out.println("VIOLATION seed=" + seed + ": " + what);
        out.flush();
        stop = true;
    }

    static boolean isConflict(SQLException e) {
        return "40001".equals(e.getSQLState());
    }

    /**
     * Ends a transaction attempt that failed with {@code e}: a write conflict is rolled back, journalled as aborted
     * (when its intent {@code txn} was, i.e. {@code txn >= 0}) and counted, to be retried; any other failure is
     * thrown on.
     */
    void conflicted(Connection c, SQLException e, long txn) throws SQLException, IOException {
        if (!isConflict(e)) {
            throw e;
        }
        c.rollback();
        if (txn >= 0) {
            expected.aborted(txn);
        }
        result.conflicts.incrementAndGet();
    }
}
