package lsmdb.flyway;

import java.sql.Connection;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.jdbc.StatementInterceptor;

/**
 * An lsmdb database as Flyway sees it: DDL is not transactional (it takes effect at once), one connection does
 * everything (an embedded database has no server-side session state to separate), and the schema history table is
 * a table of lsmdb's SQL subset keyed by {@code installed_rank}.
 */
final class LsmFlywayDatabase extends Database<LsmFlywayConnection> {

    LsmFlywayDatabase(Configuration configuration, JdbcConnectionFactory factory, StatementInterceptor interceptor) {
        super(configuration, factory, interceptor);
    }

    @Override
    protected LsmFlywayConnection doGetConnection(Connection connection) {
        return new LsmFlywayConnection(this, connection);
    }

    @Override
    public void ensureSupported(Configuration configuration) {
        // every lsmdb version speaks the SQL the history table needs
    }

    @Override
    public String getRawCreateScript(Table table, boolean baseline) {
        return "CREATE TABLE " + table + " (\n"
                + "    \"installed_rank\" INT NOT NULL PRIMARY KEY,\n"
                + "    \"version\" VARCHAR(50),\n"
                + "    \"description\" VARCHAR(200) NOT NULL,\n"
                + "    \"type\" VARCHAR(20) NOT NULL,\n"
                + "    \"script\" VARCHAR(1000) NOT NULL,\n"
                + "    \"checksum\" INT,\n"
                + "    \"installed_by\" VARCHAR(100) NOT NULL,\n"
                + "    \"installed_on\" TIMESTAMP,\n"
                + "    \"execution_time\" INT NOT NULL,\n"
                + "    \"success\" BOOLEAN NOT NULL\n"
                + ");\n"
                + (baseline ? getBaselineStatement(table) + ";\n" : "");
    }

    @Override
    protected String doGetCurrentUser() {
        return "";
    }

    @Override
    public boolean supportsDdlTransactions() {
        return false;
    }

    @Override
    public String getBooleanTrue() {
        return "TRUE";
    }

    @Override
    public String getBooleanFalse() {
        return "FALSE";
    }

    @Override
    public boolean catalogIsSchema() {
        return false;
    }

    @Override
    public boolean useSingleConnection() {
        return true;
    }
}
