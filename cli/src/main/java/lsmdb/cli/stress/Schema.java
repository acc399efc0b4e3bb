package lsmdb.cli.stress;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The stress workload's tables and how their rows map to expected-state slots: {@code kv/K} (a row of kv),
 * {@code acct/I} (an account's balance) and {@code scratch} (the scratch table: {@code ~} dropped, {@code 0}
 * created and empty, {@code G:N} holding rows 0..N-1 written by transaction G). Two secondary indexes ({@code kv(v)},
 * moved by every rewrite of a row, and {@code acct(bal)}, moved by every transfer) make the slot {@code indexes}:
 * {@code consistent} when each index holds exactly its table's rows, else what differs.
 */
final class Schema {

    static final long INITIAL_BALANCE = 1000;

    private Schema() {
    }

    static void create(Connection c, int accounts) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(200) NOT NULL)");
            s.execute("CREATE TABLE acct (id INT PRIMARY KEY, bal BIGINT NOT NULL)");
            s.execute("CREATE INDEX kv_v ON kv(v)");
            s.execute("CREATE INDEX acct_bal ON acct(bal)");
            c.setAutoCommit(false);
            for (int i = 0; i < accounts; i++) {
                s.executeUpdate("INSERT INTO acct VALUES (" + i + ", " + INITIAL_BALANCE + ")");
            }
            c.commit();
            c.setAutoCommit(true);
        }
    }

    static boolean exists(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kv")) {
            return rs.next();
        } catch (SQLException e) {
            if ("42S02".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    static String kvSlot(long k) {
        return "kv/" + k;
    }

    static String acctSlot(int id) {
        return "acct/" + id;
    }

    /** A kv value names its key and transaction (so a value in the wrong row is caught), then padding. */
    static String kvValue(long k, long txn, int pad) {
        return "k" + k + "-t" + txn + "-" + "x".repeat(pad);
    }

    static String scratchRow(long generation, int id) {
        return "g" + generation + "-" + id;
    }

    /** Everything the database holds, as slots. */
    static Map<String, String> read(Connection c) throws SQLException {
        Map<String, String> m = new HashMap<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT k, v FROM kv")) {
                while (rs.next()) {
                    m.put(kvSlot(rs.getLong(1)), rs.getString(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, bal FROM acct")) {
                while (rs.next()) {
                    m.put(acctSlot(rs.getInt(1)), Long.toString(rs.getLong(2)));
                }
            }
        }
        m.put("scratch", readScratch(c));
        m.put(INDEXES_SLOT, checkIndexes(c, m));
        return m;
    }

    static final String INDEXES_SLOT = "indexes";
    static final String CONSISTENT = "consistent";

    /**
     * Reads each table again through its secondary index (a range over the whole index, checked with EXPLAIN to
     * be the index path) and compares with the rows the primary key gave: a lost, stale or duplicated index entry
     * after a crash shows here.
     */
    static String checkIndexes(Connection c, Map<String, String> rows) throws SQLException {
        Map<String, String> viaKv = new HashMap<>();
        String kvProblem = readThroughIndex(c, "kv_v", "SELECT k, v FROM kv WHERE v >= ''", viaKv, "kv/");
        if (kvProblem != null) {
            return kvProblem;
        }
        Map<String, String> viaAcct = new HashMap<>();
        String acctProblem = readThroughIndex(c, "acct_bal",
                "SELECT id, bal FROM acct WHERE bal >= " + Long.MIN_VALUE, viaAcct, "acct/");
        if (acctProblem != null) {
            return acctProblem;
        }
        Map<String, String> expected = new HashMap<>();
        rows.forEach((slot, value) -> {
            if (slot.startsWith("kv/") || slot.startsWith("acct/")) {
                expected.put(slot, value);
            }
        });
        viaKv.putAll(viaAcct);
        if (viaKv.equals(expected)) {
            return CONSISTENT;
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            if (!e.getValue().equals(viaKv.get(e.getKey()))) {
                return "index-mismatch:" + e.getKey() + ":table=" + e.getValue() + ":index=" + viaKv.get(e.getKey());
            }
        }
        for (String slot : viaKv.keySet()) {
            if (!expected.containsKey(slot)) {
                return "index-entry-without-row:" + slot;
            }
        }
        return "index-mismatch";
    }

    private static String readThroughIndex(Connection c, String index, String sql, Map<String, String> out,
            String prefix) throws SQLException {
        try (Statement s = c.createStatement()) {
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            if (!plan.toString().contains("INDEX " + index.toUpperCase(java.util.Locale.ROOT))
                    && !plan.toString().contains("INDEX " + index)) {
                return "index-not-used:" + index + ":" + plan.toString().replace('\n', ' ').trim();
            }
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    String slot = prefix + rs.getLong(1);
                    if (out.put(slot, rs.getString(2)) != null) {
                        return "index-duplicate:" + index + ":" + slot;
                    }
                }
            }
        }
        return null;
    }

    /** Row {@code k}'s value in kv, or null when there is none. */
    static String readKv(Connection c, int k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM kv WHERE k = ?")) {
            ps.setLong(1, k);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The scratch table's slot value, or a description of what is wrong with its rows. */
    static String readScratch(Connection c) throws SQLException {
        Map<Integer, String> rows = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, v FROM scratch")) {
            while (rs.next()) {
                rows.put(rs.getInt(1), rs.getString(2));
            }
        } catch (SQLException e) {
            if ("42S02".equals(e.getSQLState())) {
                return ExpectedState.ABSENT;
            }
            throw e;
        }
        if (rows.isEmpty()) {
            return "0";
        }
        String first = rows.get(0);
        if (first == null || !first.startsWith("g")) {
            return "bad-rows:" + rows.size() + ":no-row-0";
        }
        long gen = Long.parseLong(first.substring(1, first.indexOf('-')));
        for (int i = 0; i < rows.size(); i++) {
            if (!scratchRow(gen, i).equals(rows.get(i))) {
                return "bad-rows:" + rows.size() + ":row-" + i + "=" + rows.get(i);
            }
        }
        return gen + ":" + rows.size();
    }
}
