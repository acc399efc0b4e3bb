package lsmdb.flyway;

import java.sql.Connection;
import java.sql.Types;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.base.BaseDatabaseType;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.jdbc.StatementInterceptor;
import org.flywaydb.core.internal.parser.Parser;
import org.flywaydb.core.internal.parser.ParsingContext;

/**
 * Flyway's entry point for {@code jdbc:lsm:} URLs, found through {@code META-INF/services}: Flyway asks each
 * registered database type whether it handles a URL, then builds the database, connection, schema and table model
 * from it. (Not a {@code CommunityDatabaseType}: Flyway hides those unless {@code communityDBSupportEnabled} is set.)
 */
public final class LsmDatabaseType extends BaseDatabaseType {

    @Override
    public String getName() {
        return "lsmdb";
    }

    @Override
    public int getNullType() {
        return Types.VARCHAR;
    }

    @Override
    public boolean handlesJDBCUrl(String url) {
        return url.startsWith("jdbc:lsm:");
    }

    @Override
    public String getDriverClass(String url, ClassLoader classLoader) {
        return "lsmdb.jdbc.LsmDriver";
    }

    @Override
    public boolean handlesDatabaseProductNameAndVersion(String productName, String productVersion, Connection c) {
        return productName.startsWith("lsmdb"); // Flyway passes "name major.minor"
    }

    @Override
    public Database<?> createDatabase(Configuration configuration, JdbcConnectionFactory factory,
                                      StatementInterceptor interceptor) {
        return new LsmFlywayDatabase(configuration, factory, interceptor);
    }

    @Override
    public Parser createParser(Configuration configuration, ResourceProvider resources, ParsingContext context) {
        return new LsmParser(configuration, context);
    }
}
