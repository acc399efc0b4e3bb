package lsmdb.e2e.diff;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import java.util.Set;

/**
 * Differential and metamorphic testing. Per case: a random table and rows, loaded into lsmdb and HSQLDB, then random
 * queries run on both and compared (in order when fully ordered, as multisets otherwise), plus two oracles needing
 * no second database: TLP ({@code WHERE p}, {@code WHERE NOT (p)} and {@code WHERE (p) IS NULL} together give all
 * rows) and the un-optimised form (the key hidden behind {@code k + 0}, so no access path applies, gives the same
 * rows).
 */
final class DifferentialRun {

    /** What one run found. Mismatches carry the seed and SQL that reproduce them. */
    static final class Stats {
        long cases;
        long compared;
        long bothRefused;
        long lsmdbRefusedOnly;
        long hsqldbRefusedOnly;
        long tlpChecked;
        long tlpUnsupported;
        long unoptimisedChecked;
        final List<String> mismatches = new ArrayList<>();
        /** Why lsmdb refused what HSQLDB ran (42000: not implemented yet), by message, to see what to build next. */
        final Map<String, Long> lsmdbRefusals = new TreeMap<>();
        /** Why HSQLDB refused what lsmdb ran, by message: what the generator should stop writing. */
        final Map<String, Long> hsqldbRefusals = new TreeMap<>();

        @Override
        public String toString() {
            return "cases " + cases + ", queries compared with HSQLDB " + compared + ", mismatches "
                    + mismatches.size() + " (both refused " + bothRefused + ", only lsmdb refused "
                    + lsmdbRefusedOnly + ", only HSQLDB refused " + hsqldbRefusedOnly + "); TLP checks " + tlpChecked
                    + " (unsupported " + tlpUnsupported + "), un-optimised-form checks " + unoptimisedChecked
                    + "; lsmdb refusals " + lsmdbRefusals + "; HSQLDB refusals " + hsqldbRefusals;
        }
    }

    private static final int MAX_MISMATCHES = 50;

    private final Set<Feature> features;
    private final int queriesPerCase;

    DifferentialRun(Set<Feature> features, int queriesPerCase) {
        this.features = features;
        this.queriesPerCase = queriesPerCase;
    }

    /** Runs cases seed, seed+1, ... until {@code cases} are done or {@code deadlineNanos} passes. */
    Stats run(long seed, int cases, long deadlineNanos) throws SQLException {
        Stats stats = new Stats();
        for (int i = 0; i < cases && System.nanoTime() < deadlineNanos; i++) {
            runCase(seed + i, stats);
            stats.cases++;
        }
        return stats;
    }

    /** Runs the cases of the given seeds. */
    Stats runSeeds(String[] seeds) throws SQLException {
        Stats stats = new Stats();
        for (String s : seeds) {
            runCase(Long.parseLong(s.trim()), stats);
            stats.cases++;
        }
        return stats;
    }

    private void runCase(long caseSeed, Stats stats) throws SQLException {
        Random r = new Random(caseSeed);
        boolean quotes = features.contains(Feature.QUOTED_STRINGS);
        boolean indexes = features.contains(Feature.INDEXES);
        boolean several = features.contains(Feature.JOIN) || features.contains(Feature.SUBQUERIES)
                || features.contains(Feature.UNION);
        List<TableModel> tables = new ArrayList<>();
        List<String> setup = new ArrayList<>();
        // Indexes are made in lsmdb only: they change no answer, only lsmdb's access paths, and HSQLDB 2.7.3 answers
        // wrongly with one: after CREATE TABLE t0 (k INT PRIMARY KEY, c1 DECIMAL(10,2)); INSERT (34, 0.00), (15, 0.25);
        // CREATE INDEX i ON t0 (c1), "SELECT c1 FROM t0 WHERE c1 <= k AND c1 >= 0" gives only 0.00 (0.25 too without it).
        Set<String> lsmdbOnly = new HashSet<>();
        for (int t = 0, n = several ? 3 : 1; t < n; t++) {
            TableModel table = TableModel.random("t" + t, r, indexes);
            tables.add(table);
            setup.add(table.createSql());
            // indexes made before the rows (maintained by each insert) or after them (built from a snapshot)
            boolean indexFirst = r.nextBoolean();
            List<String> indexSql = table.indexSql(r);
            lsmdbOnly.addAll(indexSql);
            if (indexFirst) {
                setup.addAll(indexSql);
            }
            // the first table larger; the others small, so three-way joins stay cheap
            setup.addAll(table.insertSql(r, t == 0 ? 5 + r.nextInt(30) : 3 + r.nextInt(12), quotes));
            if (!indexFirst) {
                setup.addAll(indexSql);
            }
        }
        String name = "diff" + caseSeed + "x" + System.nanoTime();
        // both are mem: databases, which outlive their connections until SHUTDOWN: each case shuts both down, or a
        // long run keeps every case's database (a 1 GB heap filled after ~8 minutes)
        try (Connection lsm = DriverManager.getConnection("jdbc:lsm:mem:" + name);
                Connection hsql = DriverManager.getConnection("jdbc:hsqldb:mem:" + name, "SA", "")) {
            try {
                compareAll(lsm, hsql, setup, lsmdbOnly, tables, r, caseSeed, stats);
            } finally {
                Rows.execute(lsm, "SHUTDOWN");
                Rows.execute(hsql, "SHUTDOWN");
            }
        }
    }

    /** Sets both databases up and compares the case's queries. */
    private void compareAll(Connection lsm, Connection hsql, List<String> setup, Set<String> lsmdbOnly,
                            List<TableModel> tables, Random r, long caseSeed, Stats stats) throws SQLException {
        for (String sql : setup) {
            if (!lsmdbOnly.contains(sql)) {
                Rows.execute(hsql, sql);
            }
            try {
                Rows.execute(lsm, sql);
            } catch (SQLException e) {
                record(stats, caseSeed, sql, "setup failed on lsmdb: " + e.getSQLState() + " " + e.getMessage(),
                        setup);
                return;
            }
        }
        QueryGenerator gen = new QueryGenerator(r, features, tables);
        for (int q = 0; q < queriesPerCase; q++) {
            GeneratedQuery query = gen.query();
            compareWithHsqldb(lsm, hsql, query, caseSeed, setup, stats);
            if (query.where() != null) {
                checkUnoptimised(lsm, query, caseSeed, setup, stats);
                if (query.partitionable()) {
                    checkTlp(lsm, query, caseSeed, setup, stats);
                }
            }
        }
    }

    private void compareWithHsqldb(Connection lsm, Connection hsql, GeneratedQuery query, long seed,
            List<String> setup, Stats stats) {
        String sql = query.sql(false);
        List<String> expected;
        try {
            expected = Rows.query(hsql, query.hsqldbSql());
        } catch (SQLException e) {
            try {
                Rows.query(lsm, sql);
                stats.hsqldbRefusedOnly++;
                String why = e.getSQLState() + " " + String.valueOf(e.getMessage()).replaceAll("\\d+", "N");
                stats.hsqldbRefusals.merge(why.length() > 90 ? why.substring(0, 90) : why, 1L, Long::sum);
            } catch (SQLException | RuntimeException both) {
                stats.bothRefused++;
            }
            return;
        }
        List<String> actual;
        try {
            actual = Rows.query(lsm, sql);
        } catch (SQLException e) {
            stats.lsmdbRefusedOnly++;
            String why = e.getSQLState() + " " + String.valueOf(e.getMessage()).replaceAll("\\d+", "N");
            stats.lsmdbRefusals.merge(why.length() > 90 ? why.substring(0, 90) : why, 1L, Long::sum);
            // 42000 = not implemented yet. 22003 = lsmdb's integer overflow (BIGINT max + 1), which HSQLDB avoids by
            // widening BIGINT arithmetic to DECIMAL; PostgreSQL and H2 raise 22003 like lsmdb. Anything else is a
            // wrong answer.
            if (!"42000".equals(e.getSQLState()) && !"22003".equals(e.getSQLState())) {
                record(stats, seed, sql, "lsmdb failed " + e.getSQLState() + " " + e.getMessage()
                        + "; HSQLDB returned " + abbreviate(expected), setup);
            }
            return;
        } catch (RuntimeException e) {
            record(stats, seed, sql, "lsmdb leaked " + e, setup);
            return;
        }
        stats.compared++;
        boolean same = query.ordered() ? actual.equals(expected) : Rows.sorted(actual).equals(Rows.sorted(expected));
        if (!same) {
            record(stats, seed, sql, "lsmdb " + abbreviate(actual) + " vs HSQLDB " + abbreviate(expected), setup);
        }
    }

    private void checkUnoptimised(Connection lsm, GeneratedQuery query, long seed, List<String> setup, Stats stats) {
        if (!features.contains(Feature.ARITHMETIC) || query.sql(true).equals(query.sql(false))) {
            return;
        }
        try {
            List<String> plain = Rows.query(lsm, query.sql(false));
            List<String> hidden = Rows.query(lsm, query.sql(true));
            stats.unoptimisedChecked++;
            boolean same = query.ordered() ? plain.equals(hidden) : Rows.sorted(plain).equals(Rows.sorted(hidden));
            if (!same) {
                record(stats, seed, query.sql(false) + "  vs  " + query.sql(true), "un-optimised form differs: "
                        + abbreviate(plain) + " vs " + abbreviate(hidden), setup);
            }
        } catch (SQLException | RuntimeException e) {
            // refused: the HSQLDB comparison already counts and reports it
        }
    }

    /** REQUIRES: the query is partitionable (no aggregate, DISTINCT or LIMIT between its rows and its WHERE). */
    private void checkTlp(Connection lsm, GeneratedQuery query, long seed, List<String> setup, Stats stats) {
        if (!features.contains(Feature.PREDICATE_IS_NULL)) {
            return;
        }
        String p = query.where();
        try {
            List<String> all = Rows.query(lsm, query.withWhere(null, false));
            List<String> parts = new ArrayList<>(Rows.query(lsm, query.withWhere(p, false)));
            parts.addAll(Rows.query(lsm, query.withWhere("NOT (" + p + ")", false)));
            parts.addAll(Rows.query(lsm, query.withWhere("(" + p + ") IS NULL", false)));
            stats.tlpChecked++;
            if (!Rows.sorted(all).equals(Rows.sorted(parts))) {
                record(stats, seed, query.withWhere(p, false), "TLP: p, NOT p and p IS NULL give "
                        + abbreviate(Rows.sorted(parts)) + " but the table has " + abbreviate(Rows.sorted(all)), setup);
            }
        } catch (SQLException e) {
            stats.tlpUnsupported++;
        } catch (RuntimeException e) {
            record(stats, seed, p, "lsmdb leaked " + e, setup);
        }
    }

    private static void record(Stats stats, long seed, String sql, String what, List<String> setup) {
        if (stats.mismatches.size() < MAX_MISMATCHES) {
            stats.mismatches.add("seed " + seed + ": " + sql + "\n    " + what + "\n    setup: "
                    + String.join("; ", setup));
        } else {
            stats.mismatches.add("seed " + seed + ": " + sql);
        }
    }

    private static String abbreviate(List<String> rows) {
        return rows.size() <= 6 ? rows.toString() : rows.subList(0, 6) + "... (" + rows.size() + " rows)";
    }
}
