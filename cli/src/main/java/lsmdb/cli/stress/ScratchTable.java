package lsmdb.cli.stress;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.Random;

/**
 * The scratch table's life cycle, one step at a time under its lock: created, loaded in one transaction, checked,
 * dropped (a range delete in the engine) — DDL and bulk writes racing the other threads' flushes and compactions.
 */
final class ScratchTable extends Operations {

    ScratchTable(Model m, Connection c, Random rnd) {
        super(m, c, rnd);
    }

    /** Creates, loads, checks or drops the scratch table, as its state calls for. */
    void step() throws Exception {
        m.scratchLock.lock();
        try {
            String cur = m.scratch;
            String next;
            long txn = m.txnIds.incrementAndGet();
            if (cur.equals(ExpectedState.ABSENT)) {
                next = "0";
                m.begin(txn, Map.of("scratch", next));
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE scratch (id INT PRIMARY KEY, v VARCHAR(100) NOT NULL)");
                }
            } else if (cur.equals("0")) {
                int rows = 20 + rnd.nextInt(300);
                next = txn + ":" + rows;
                m.begin(txn, Map.of("scratch", next));
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO scratch VALUES (?, ?)")) {
                    for (int i = 0; i < rows; i++) {
                        ps.setInt(1, i);
                        ps.setString(2, Schema.scratchRow(txn, i));
                        ps.executeUpdate();
                    }
                    c.commit();
                } finally {
                    c.setAutoCommit(true);
                }
            } else if (rnd.nextInt(3) == 0) {
                String got = Schema.readScratch(c);
                if (!got.equals(cur)) {
                    m.violation("scratch reads " + got + " but " + cur + " was acknowledged");
                }
                m.result.reads.incrementAndGet();
                return;
            } else {
                next = ExpectedState.ABSENT;
                m.begin(txn, Map.of("scratch", next));
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE scratch");
                }
            }
            m.expected.committed(txn);
            m.scratch = next;
            m.result.ddl.incrementAndGet();
        } finally {
            m.scratchLock.unlock();
        }
    }
}
