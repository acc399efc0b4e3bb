package lsmdb.cli.stress;

import java.sql.Connection;
import java.util.Random;

/**
 * A kind of workload operation as one worker thread runs it: on the shared model, with the thread's own connection
 * and random stream.
 */
abstract class Operations {
    final Model m;
    final Connection c;
    final Random rnd;

    Operations(Model m, Connection c, Random rnd) {
        this.m = m;
        this.c = c;
        this.rnd = rnd;
    }
}
