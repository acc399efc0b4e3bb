package lsmdb.cli.stress;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The workload's reads, each checked: a locked row holds its acknowledged value; within one snapshot the accounts
 * keep their constant sum, a range scan is ordered, COUNT(*) agrees with a scan, and a repeated read repeats.
 */
final class CheckedReads extends Operations {

    CheckedReads(Model m, Connection c, Random rnd) {
        super(m, c, rnd);
    }

    /** Reads a random row under its lock: it must hold the value last acknowledged. */
    void point() throws Exception {
        int k = rnd.nextInt(m.kv.length);
        m.kvLocks[k].lock();
        try {
            String got = Schema.readKv(c, k);
            if (!Objects.equals(got, m.kv[k])) {
                m.violation("kv/" + k + " reads " + got + " but " + m.kv[k] + " was acknowledged");
            }
            m.result.reads.incrementAndGet();
        } finally {
            m.kvLocks[k].unlock();
        }
    }

    /** Several reads in one read-only transaction, checked against each other. */
    void snapshotScan() throws Exception {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            List<Long> balances = balances(s);
            int lo = rnd.nextInt(m.kv.length);
            int hi = lo + 1 + rnd.nextInt(200);
            long prev = -1;
            try (ResultSet rs = s.executeQuery("SELECT k, v FROM kv WHERE k >= " + lo + " AND k < " + hi
                    + " ORDER BY k")) {
                while (rs.next()) {
                    long k = rs.getLong(1);
                    if (k <= prev || k < lo || k >= hi || !rs.getString(2).startsWith("k" + k + "-t")) {
                        m.violation("scan of [" + lo + ", " + hi + ") returned kv/" + k + " = " + rs.getString(2)
                                + " after kv/" + prev);
                    }
                    prev = k;
                }
            }
            long count;
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kv")) {
                rs.next();
                count = rs.getLong(1);
            }
            long rows = 0;
            try (ResultSet rs = s.executeQuery("SELECT k FROM kv")) {
                while (rs.next()) {
                    rows++;
                }
            }
            if (rows != count) {
                m.violation("in one snapshot COUNT(*) FROM kv is " + count + " but a scan returns " + rows);
            }
            if (!balances.equals(balances(s))) {
                m.violation("a repeated read of acct in one transaction differs");
            }
            c.commit();
            m.result.scans.incrementAndGet();
        } finally {
            c.setAutoCommit(true);
        }
    }

    private List<Long> balances(Statement s) throws SQLException {
        List<Long> balances = new ArrayList<>();
        long sum = 0;
        try (ResultSet rs = s.executeQuery("SELECT id, bal FROM acct ORDER BY id")) {
            while (rs.next()) {
                balances.add(rs.getLong(2));
                sum += rs.getLong(2);
            }
        }
        int accounts = m.acct.length;
        if (balances.size() != accounts || sum != Schema.INITIAL_BALANCE * accounts) {
            m.violation("a snapshot holds " + balances.size() + " accounts summing to " + sum + ", expected "
                    + accounts + " summing to " + Schema.INITIAL_BALANCE * accounts);
        }
        return balances;
    }
}
