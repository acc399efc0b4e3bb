package lsmdb.flyway;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.internal.database.base.Schema;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.jdbc.JdbcTemplate;

/** A schema: {@code PUBLIC} exists and holds the tables; lsmdb cannot create or drop schemas. */
final class LsmSchema extends Schema<LsmFlywayDatabase, LsmTable> {

    LsmSchema(JdbcTemplate jdbcTemplate, LsmFlywayDatabase database, String name) {
        super(jdbcTemplate, database, name);
    }

    @Override
    protected boolean doExists() {
        return LsmFlywayConnection.PUBLIC.equalsIgnoreCase(name);
    }

    @Override
    protected boolean doEmpty() throws SQLException {
        return doAllTables().length == 0;
    }

    @Override
    protected void doCreate() throws SQLException {
        throw new SQLFeatureNotSupportedException("lsmdb has one schema, PUBLIC; it cannot create " + name, "0A000");
    }

    @Override
    protected void doDrop() throws SQLException {
        throw new SQLFeatureNotSupportedException("lsmdb cannot drop schema " + name, "0A000");
    }

    @Override
    protected void doClean() throws SQLException {
        for (LsmTable t : doAllTables()) {
            t.drop();
        }
    }

    @Override
    protected LsmTable[] doAllTables() throws SQLException {
        List<LsmTable> tables = new ArrayList<>();
        try (ResultSet rs = database.getJdbcMetaData().getTables(null, name, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(new LsmTable(jdbcTemplate, database, this, rs.getString("TABLE_NAME")));
            }
        }
        return tables.toArray(new LsmTable[0]);
    }

    @Override
    public Table<?, ?> getTable(String tableName) {
        return new LsmTable(jdbcTemplate, database, this, tableName);
    }
}
