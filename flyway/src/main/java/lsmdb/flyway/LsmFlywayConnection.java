package lsmdb.flyway;

import org.flywaydb.core.internal.database.base.Connection;
import org.flywaydb.core.internal.database.base.Schema;

/** A Flyway connection: lsmdb has one schema for user tables, {@code PUBLIC}, always current. */
final class LsmFlywayConnection extends Connection<LsmFlywayDatabase> {

    static final String PUBLIC = "PUBLIC";

    LsmFlywayConnection(LsmFlywayDatabase database, java.sql.Connection connection) {
        super(database, connection);
    }

    @Override
    protected String getCurrentSchemaNameOrSearchPath() {
        return PUBLIC;
    }

    @Override
    public Schema<?, ?> getSchema(String name) {
        return new LsmSchema(jdbcTemplate, database, name);
    }
}
