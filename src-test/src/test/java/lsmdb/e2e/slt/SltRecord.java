package lsmdb.e2e.slt;

import java.util.List;

/**
 * One record of a sqllogictest file: a statement, a query, or a control line ({@code hash-threshold}, {@code halt}).
 * {@code line} is the 1-based line of the record's {@code statement}/{@code query} keyword: the key the baseline
 * and the reports use.
 */
record SltRecord(Kind kind, int line, List<String> conditions, String sql, boolean expectError,
        String expectedSqlState, String types, SortMode sort, String label, List<String> expected,
        int hashThreshold) {

    enum Kind { STATEMENT, QUERY, HASH_THRESHOLD, HALT }

    static SltRecord statement(int line, List<String> conditions, String sql, boolean expectError, String sqlState) {
        return new SltRecord(Kind.STATEMENT, line, conditions, sql, expectError, sqlState, null, null, null,
                List.of(), 0);
    }

    static SltRecord query(int line, List<String> conditions, String sql, String types, SortMode sort, String label,
            List<String> expected) {
        return new SltRecord(Kind.QUERY, line, conditions, sql, false, null, types, sort, label, expected, 0);
    }

    static SltRecord control(Kind kind, int line, List<String> conditions, int hashThreshold) {
        return new SltRecord(kind, line, conditions, null, false, null, null, null, null, List.of(), hashThreshold);
    }

    boolean countable() {
        return kind == Kind.STATEMENT || kind == Kind.QUERY;
    }
}
