package lsmdb.jdbc;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lsmdb.sql.DatabaseOptions;

/**
 * A parsed {@code jdbc:lsm:} URL: where the database is and the engine options (SPEC §2). Option names are
 * case-insensitive; URL options win over {@link Properties}; an unknown option or bad value is 08001 naming it.
 * {@code queryMemory} is the connection's own maxQueryMemory in bytes, or -1 for the database's default;
 * {@code transactionMemory} its maxTransactionMemory, or -1 for the default (a quarter of the heap);
 * {@code named} holds the option names the URL and properties gave (lower case).
 */
record ConnectionConfig(String url, Path directory, String memName, DatabaseOptions options, boolean create,
                        Map<String, String> cluster, long queryMemory, long transactionMemory,
                        java.util.Set<String> named) {

    static final String PREFIX = "jdbc:lsm:";

    static boolean accepts(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    static ConnectionConfig parse(String url, Properties info) throws SQLException {
        try {
            return parseChecked(url, info);
        } catch (IllegalArgumentException outOfBounds) {
            // Options refuses a value beyond an option's bounds, naming the option and the bounds
            throw bad("bad value in " + url + ": " + outOfBounds.getMessage());
        }
    }

    private static ConnectionConfig parseChecked(String url, Properties info) throws SQLException {
        String rest = url.substring(PREFIX.length());
        String location = rest;
        Map<String, String> opts = new LinkedHashMap<>();
        if (info != null) {
            for (String name : info.stringPropertyNames()) {
                opts.put(name.toLowerCase(Locale.ROOT), info.getProperty(name));
            }
        }
        int q = rest.indexOf('?');
        if (q >= 0) {
            location = rest.substring(0, q);
            for (String pair : rest.substring(q + 1).split("[&;]")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw bad("malformed option '" + pair + "' in " + url + " (expected key=value)");
                }
                opts.put(pair.substring(0, eq).toLowerCase(Locale.ROOT), pair.substring(eq + 1));
            }
        }
        if (location.isEmpty()) {
            throw bad("no database path in " + url + " (use jdbc:lsm:/path/to/db or jdbc:lsm:mem:NAME)");
        }
        DatabaseOptions o = DatabaseOptions.defaults();
        boolean create = true;
        long queryMemory = -1;
        long transactionMemory = -1;
        Map<String, String> cluster = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : opts.entrySet()) {
            String v = e.getValue().trim();
            switch (e.getKey()) {
                case "user", "password" -> {
                    // accepted and ignored: sent by pools and shells
                }
                case "sync" -> o = o.withSync(bool(e.getKey(), v));
                case "cluster", "node", "reads" -> cluster.put(e.getKey(), v); // for the replication module (ClusterOpener)
                case "create" -> create = bool(e.getKey(), v);
                case "readonly" -> o = o.withReadOnly(bool(e.getKey(), v));
                case "paranoidchecks" -> o = o.withParanoidChecks(bool(e.getKey(), v));
                case "writebuffersize" -> o = o.withWriteBufferSize(size(e.getKey(), v, 64 << 10));
                case "blocksize" -> o = o.withBlockSize((int) Math.min(size(e.getKey(), v, 256), Integer.MAX_VALUE));
                case "bloombitsperkey" -> {
                    long n = number(e.getKey(), v);
                    if (n < 0 || n > 64) {
                        throw bad("bad value '" + v + "' for option bloomBitsPerKey (0..64)");
                    }
                    o = o.withBloomBitsPerKey((int) n);
                }
                case "blockcachesize" -> o = o.withBlockCacheSize(size(e.getKey(), v, 0));
                case "maxquerymemory" -> {
                    queryMemory = size(e.getKey(), v, 1 << 10);
                    if (queryMemory > 1L << 40) {
                        throw bad("bad value '" + v + "' for option maxQueryMemory (at most 1TB)");
                    }
                }
                case "maxtransactionmemory" -> {
                    transactionMemory = size(e.getKey(), v, 1 << 10);
                    if (transactionMemory > 1L << 40) {
                        throw bad("bad value '" + v + "' for option maxTransactionMemory (at most 1TB)");
                    }
                }
                case "mmapreads" -> o = o.withMmapReads(bool(e.getKey(), v));
                case "compression" -> {
                    try {
                        o = o.withCompression(v);
                    } catch (IllegalArgumentException ex) {
                        throw bad("bad value '" + v + "' for option compression (none, lz4 or zstd)");
                    }
                }
                default -> throw bad("unknown option '" + e.getKey() + "' in " + url);
            }
        }
        o = o.withCreateIfMissing(create);
        if (location.startsWith("mem:")) {
            String name = location.substring(4);
            if (name.isEmpty()) {
                throw bad("jdbc:lsm:mem: needs a name, as in jdbc:lsm:mem:test");
            }
            if (!cluster.isEmpty()) {
                throw bad("cluster= needs a directory, not jdbc:lsm:mem: (" + url + ")");
            }
            return new ConnectionConfig(url, null, name, o, create, Map.of(), queryMemory, transactionMemory,
                    java.util.Set.copyOf(opts.keySet()));
        }
        return new ConnectionConfig(url, Path.of(location).toAbsolutePath().normalize(), null, o, create,
                Map.copyOf(cluster), queryMemory, transactionMemory, java.util.Set.copyOf(opts.keySet()));
    }

    private static boolean bool(String name, String v) throws SQLException {
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw bad("bad value '" + v + "' for option " + name + " (true or false)");
    }

    private static long number(String name, String v) throws SQLException {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw bad("bad value '" + v + "' for option " + name + " (a number)");
        }
    }

    /** A size: digits, then at most one unit letter (K, M, G or T, powers of 1024), then at most a B. */
    private static final Pattern SIZE = Pattern.compile("([0-9]+)([KMGT]?)B?");

    /** Sizes like {@code 4MB}, {@code 512KB}, {@code 1GB}, {@code 64k} or plain bytes. */
    private static long size(String name, String v, long min) throws SQLException {
        Matcher m = SIZE.matcher(v.toUpperCase(Locale.ROOT).replace(" ", ""));
        long n;
        try {
            if (!m.matches()) {
                throw new NumberFormatException(v); // 1KT, 4MBB, -1, 2.5M: none is a size
            }
            // T as well: maxQueryMemory's limit is said in it
            int shift = m.group(2).isEmpty() ? 0 : 10 * (1 + "KMGT".indexOf(m.group(2)));
            n = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
        } catch (NumberFormatException | ArithmeticException e) {
            throw bad("bad value '" + v + "' for option " + name + " (a size such as 4MB)");
        }
        if (n < min) {
            throw bad("bad value '" + v + "' for option " + name + " (at least " + min + " bytes)");
        }
        return n;
    }

    private static SQLException bad(String message) {
        return new SQLNonTransientConnectionException(message, "08001");
    }
}
