package lsmdb.cli.stress;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Random;

/** One thread of the workload, with its own connection and random stream: draws each next operation. */
final class Worker implements Runnable {
    private final Model m;
    private final Workload.Config cfg;
    private final int id;
    private final Random rnd;

    Worker(Model m, Workload.Config cfg, int id, Random rnd) {
        this.m = m;
        this.cfg = cfg;
        this.id = id;
        this.rnd = rnd;
    }

    @Override
    public void run() {
        long deadline = System.currentTimeMillis() + cfg.durationMillis();
        try (Connection c = DriverManager.getConnection(cfg.url())) {
            KvWrites writes = new KvWrites(m, c, rnd);
            Transfers transfers = new Transfers(m, c, rnd);
            CheckedReads reads = new CheckedReads(m, c, rnd);
            ScratchTable scratch = new ScratchTable(m, c, rnd);
            while (!m.stop && System.currentTimeMillis() < deadline) {
                int p = rnd.nextInt(100);
                if (p < 30) {
                    writes.single();
                } else if (p < 50) {
                    writes.multi();
                } else if (p < 65) {
                    transfers.transfer();
                } else if (p < 75) {
                    reads.point();
                } else if (p < 87) {
                    reads.snapshotScan();
                } else if (p < 92) {
                    scratch.step();
                } else {
                    writes.refused();
                }
            }
        } catch (Exception e) {
            m.violation("thread " + id + " failed: " + e);
        }
    }
}
