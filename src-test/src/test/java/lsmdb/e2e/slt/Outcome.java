package lsmdb.e2e.slt;

/** What became of one record: passed, failed (with why) or skipped (with why), and how long it ran. */
record Outcome(int line, Status status, String reason, long millis) {

    enum Status { PASS, FAIL, SKIP }

    static Outcome pass(int line) {
        return new Outcome(line, Status.PASS, null, 0);
    }

    static Outcome fail(int line, String reason) {
        return new Outcome(line, Status.FAIL, reason, 0);
    }

    Outcome timed(long ms) {
        return new Outcome(line, status, reason, ms);
    }

    static Outcome skip(int line, String reason) {
        return new Outcome(line, Status.SKIP, reason, 0);
    }
}
