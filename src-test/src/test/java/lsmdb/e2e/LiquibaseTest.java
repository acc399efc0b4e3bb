package lsmdb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import liquibase.Contexts;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Liquibase changelog (createTable with and without keys, addColumn, createIndex, addUniqueConstraint,
 * addForeignKeyConstraint) applies, its constraints hold, and a second update finds nothing to do.
 */
class LiquibaseTest {

    @TempDir
    Path tmp;

    private void update(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            try (Liquibase lb = new Liquibase("liquibase/changelog.xml", new ClassLoaderResourceAccessor(), database)) {
                lb.update(new Contexts());
            }
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void changelogAppliesAndASecondUpdateIsANoOp() throws Exception {
        String url = "jdbc:lsm:" + tmp.resolve("db");
        update(url);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertEquals(2, count(s, "SELECT COUNT(*) FROM DATABASECHANGELOG"));
            s.execute("INSERT INTO author (id, name) VALUES (1, 'Ann')");
            s.execute("INSERT INTO book (id, title, author_id, isbn) VALUES (1, 'A', 1, 'x-1')");
            s.execute("INSERT INTO audit_log VALUES ('one')");
            s.execute("INSERT INTO book_tag VALUES (1, 'a'), (1, 'b')");
            assertEquals(0, count(s, "SELECT pages FROM book WHERE id = 1"));
            assertEquals("23503", assertThrows(SQLException.class,
                    () -> s.execute("INSERT INTO book (id, author_id) VALUES (2, 9)")).getSQLState());
            assertEquals("23505", assertThrows(SQLException.class,
                    () -> s.execute("INSERT INTO book (id, isbn) VALUES (3, 'x-1')")).getSQLState());
            assertEquals("23505", assertThrows(SQLException.class,
                    () -> s.execute("INSERT INTO book_tag VALUES (1, 'a')")).getSQLState());
            assertEquals("23503", assertThrows(SQLException.class,
                    () -> s.execute("DELETE FROM author")).getSQLState());
        }
        update(url);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertEquals(2, count(s, "SELECT COUNT(*) FROM DATABASECHANGELOG"));
            assertEquals(1, count(s, "SELECT COUNT(*) FROM book"));
            try (ResultSet rs = c.getMetaData().getImportedKeys(null, null, "BOOK")) {
                assertTrue(rs.next());
                assertEquals("FK_BOOK_AUTHOR", rs.getString("FK_NAME"));
            }
        }
    }
}
