package lsmdb.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/** The JDBC driver for {@code jdbc:lsm:} URLs; registers itself with {@link DriverManager}. */
public final class LsmDriver implements Driver {

    static final int MAJOR = 0;
    static final int MINOR = 1;
    static final String VERSION = "0.1.0";

    static {
        try {
            DriverManager.registerDriver(new LsmDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null; // JDBC: another driver's URL
        }
        ConnectionConfig config = ConnectionConfig.parse(url, info);
        return new LsmConnection(config, DatabaseRegistry.acquire(config));
    }

    @Override
    public boolean acceptsURL(String url) {
        return ConnectionConfig.accepts(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        String[][] options = {
            {"sync", "true", "fsync the WAL before a commit returns"},
            {"create", "true", "create the database if missing"},
            {"readOnly", "false", "open without writing"},
            {"writeBufferSize", "4MB", "memtable size that triggers a flush"},
            {"blockSize", "4KB", "table data block size"},
            {"bloomBitsPerKey", "10", "bloom filter bits per key; 0 disables"},
            {"blockCacheSize", "32MB", "cache of table blocks read without mmapReads (and in memory databases)"},
            {"mmapReads", "true", "map tables into memory and read them in place"},
            {"compression", "none", "block compression: none, lz4 or zstd"},
            {"maxQueryMemory", "64MB", "this connection's memory per statement for sorts, hash joins and grouping"},
            {"maxTransactionMemory", "1/4 heap", "this connection's uncommitted writes per transaction; past it 53200"},
        };
        DriverPropertyInfo[] out = new DriverPropertyInfo[options.length];
        for (int i = 0; i < options.length; i++) {
            out[i] = new DriverPropertyInfo(options[i][0], info == null ? options[i][1]
                    : info.getProperty(options[i][0], options[i][1]));
            out[i].description = options[i][2];
        }
        return out;
    }

    @Override
    public int getMajorVersion() {
        return MAJOR;
    }

    @Override
    public int getMinorVersion() {
        return MINOR;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw Jdbc.unsupported("Driver.getParentLogger");
    }
}
