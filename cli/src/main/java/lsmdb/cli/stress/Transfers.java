package lsmdb.cli.stress;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Transfers between two accounts in one transaction, which reads the balances before it locks them: a concurrent
 * transfer makes the commit a write conflict (retried), and one that commits on a stale read is a lost update.
 */
final class Transfers extends Operations {

    Transfers(Model m, Connection c, Random rnd) {
        super(m, c, rnd);
    }

    /** Moves 1 to 50 between two random accounts, attempted until it commits (at most 50 times). */
    void transfer() throws Exception {
        int a = rnd.nextInt(m.acct.length);
        int b = rnd.nextInt(m.acct.length - 1);
        b = b >= a ? b + 1 : b;
        for (int attempt = 0; attempt < 50 && !m.stop; attempt++) {
            if (tryTransfer(a, b, 1 + rnd.nextInt(50))) {
                return;
            }
        }
    }

    /** One attempt; false after a write conflict. */
    private boolean tryTransfer(int a, int b, long amount) throws Exception {
        c.setAutoCommit(false);
        ReentrantLock first = m.acctLocks[Math.min(a, b)];
        ReentrantLock second = m.acctLocks[Math.max(a, b)];
        boolean locked = false;
        long txn = -1;
        try {
            long balA = readBalance(a);
            long balB = readBalance(b);
            first.lock();
            second.lock();
            locked = true;
            // Under the locks the model holds the committed balances; a stale snapshot must not commit.
            boolean stale = balA != m.acct[a] || balB != m.acct[b];
            Map<String, String> writes = new LinkedHashMap<>();
            writes.put(Schema.acctSlot(a), Long.toString(balA - amount));
            writes.put(Schema.acctSlot(b), Long.toString(balB + amount));
            txn = m.begin(m.txnIds.incrementAndGet(), writes);
            try (PreparedStatement ps = c.prepareStatement("UPDATE acct SET bal = ? WHERE id = ?")) {
                ps.setLong(1, balA - amount);
                ps.setInt(2, a);
                int n1 = ps.executeUpdate();
                ps.setLong(1, balB + amount);
                ps.setInt(2, b);
                int n2 = ps.executeUpdate();
                if (n1 != 1 || n2 != 1) {
                    m.violation("transfer " + txn + " updated " + n1 + " and " + n2 + " rows, expected 1 and 1");
                }
            }
            c.commit();
            m.expected.committed(txn);
            if (stale) {
                m.violation("transfer " + txn + " committed on a stale snapshot (lost update): read " + balA + ", "
                        + balB + " but " + m.acct[a] + ", " + m.acct[b] + " were committed");
            }
            m.acct[a] = balA - amount;
            m.acct[b] = balB + amount;
            m.result.commits.incrementAndGet();
            return true;
        } catch (SQLException e) {
            m.conflicted(c, e, txn);
            return false;
        } finally {
            if (locked) {
                second.unlock();
                first.unlock();
            }
            c.setAutoCommit(true);
        }
    }

    private long readBalance(int a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT bal FROM acct WHERE id = ?")) {
            ps.setInt(1, a);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    m.violation("account " + a + " is missing");
                    return 0;
                }
                return rs.getLong(1);
            }
        }
    }
}
