package lsmdb.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway through its public API against a {@code jdbc:lsm:} database, as an application runs it at startup. */
class FlywayMigrationTest {

    @TempDir
    Path tmp;

    @Test
    void migrateAppliesVersionedMigrationsRecordsThemAndRepeatsAsANoOp() throws Exception {
        String url = "jdbc:lsm:" + tmp.resolve("db");
        MigrateResult first = Flyway.configure().dataSource(url, "", "").load().migrate();
        assertTrue(first.success);
        assertEquals(2, first.migrationsExecuted);
        assertEquals("2", first.targetSchemaVersion);
        try (Connection c = DriverManager.getConnection(url);
             ResultSet rs = c.createStatement().executeQuery("SELECT name FROM people ORDER BY id")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            assertEquals(List.of("ada", "semi;colon"), names);
        }
        try (Connection c = DriverManager.getConnection(url);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" ORDER BY \"installed_rank\"")) {
            List<String> history = new ArrayList<>();
            while (rs.next()) {
                history.add(rs.getString(1) + ":" + rs.getBoolean(2));
            }
            assertEquals(List.of("1:true", "2:true"), history);
        }
        MigrateResult again = Flyway.configure().dataSource(url, "", "").load().migrate();
        assertTrue(again.success);
        assertEquals(0, again.migrationsExecuted, "a second run applies nothing");
        assertEquals(2, Flyway.configure().dataSource(url, "", "").load().info().applied().length);
    }
}
