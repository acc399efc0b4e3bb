package lsmdb.flyway;

import java.sql.SQLException;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.jdbc.JdbcTemplate;

/**
 * A table. Locking is a no-op: an lsmdb directory is opened by one process at a time (its {@code LOCK} file), so
 * two Flyway runs against one database cannot interleave across processes, and Flyway serializes its own work.
 */
final class LsmTable extends Table<LsmFlywayDatabase, LsmSchema> {

    LsmTable(JdbcTemplate jdbcTemplate, LsmFlywayDatabase database, LsmSchema schema, String name) {
        super(jdbcTemplate, database, schema, name);
    }

    @Override
    protected void doDrop() throws SQLException {
        jdbcTemplate.execute("DROP TABLE " + this);
    }

    @Override
    protected boolean doExists() throws SQLException {
        return exists(null, schema, name);
    }

    @Override
    protected void doLock() {
        // see the class comment
    }
}
