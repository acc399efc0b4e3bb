package lsmdb.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** jdbi and Spring's JdbcTemplate over a HikariCP pool: queries, updates, batches, transactions, errors. */
class ClientLibrariesTest {

    @TempDir
    Path tmp;

    private HikariDataSource pool() {
        return Pools.small(tmp);
    }

    @Test
    void springJdbcTemplate() {
        try (HikariDataSource ds = pool()) {
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            jdbc.execute("CREATE TABLE people (id BIGINT PRIMARY KEY, name VARCHAR(40), age INT)");
            assertEquals(1, jdbc.update("INSERT INTO people VALUES (?, ?, ?)", 1L, "ada", 36));
            int[] counts = jdbc.batchUpdate("INSERT INTO people VALUES (?, ?, ?)",
                    List.of(new Object[] {2L, "grace", 45}, new Object[] {3L, "linus", null}));
            assertArrayEquals(new int[] {1, 1}, counts);
            assertEquals("grace", jdbc.queryForObject("SELECT name FROM people WHERE id = ?", String.class, 2L));
            assertEquals(3L, jdbc.queryForObject("SELECT COUNT(*) FROM people", Long.class));
            List<Map<String, Object>> rows = jdbc.queryForList("SELECT id, age FROM people WHERE age IS NULL");
            assertEquals(1, rows.size());
            assertEquals(3L, rows.get(0).get("ID"));
            assertThrows(DuplicateKeyException.class, () -> jdbc.update("INSERT INTO people VALUES (1, 'x', 1)"));
            assertThrows(BadSqlGrammarException.class, () -> jdbc.queryForList("SELECT nope FROM people"));
            assertThrows(DataIntegrityViolationException.class,
                    () -> jdbc.update("INSERT INTO people VALUES (?, ?, ?)", null, "nokey", 1));
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
            assertThrows(IllegalStateException.class, () -> tx.executeWithoutResult(status -> {
                jdbc.update("UPDATE people SET age = 99 WHERE id = 1");
                throw new IllegalStateException("roll back");
            }));
            assertEquals(36, jdbc.queryForObject("SELECT age FROM people WHERE id = 1", Integer.class));
            tx.executeWithoutResult(status -> jdbc.update("UPDATE people SET age = 37 WHERE id = 1"));
            assertEquals(37, jdbc.queryForObject("SELECT age FROM people WHERE id = 1", Integer.class));
        }
    }

    @Test
    void jdbi() {
        try (HikariDataSource ds = pool()) {
            Jdbi jdbi = Jdbi.create(ds);
            jdbi.useHandle(h -> {
                h.execute("CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(20))");
                h.createUpdate("INSERT INTO items VALUES (:id, :label)").bind("id", 1).bind("label", "one").execute();
                h.createUpdate("INSERT INTO items VALUES (:id, :label)").bind("id", 2).bindNull("label",
                        java.sql.Types.VARCHAR).execute();
                var batch = h.prepareBatch("INSERT INTO items VALUES (?, ?)");
                for (int i = 3; i <= 5; i++) {
                    batch.add(i, "n" + i);
                }
                assertEquals(3, batch.execute().length);
            });
            List<String> labels = jdbi.withHandle(h -> h.createQuery("SELECT label FROM items WHERE id >= :from ORDER BY id")
                    .bind("from", 3).mapTo(String.class).list());
            assertEquals(List.of("n3", "n4", "n5"), labels);
            jdbi.useTransaction(h -> h.execute("UPDATE items SET label = 'uno' WHERE id = 1"));
            assertEquals("uno", jdbi.withHandle(h -> h.createQuery("SELECT label FROM items WHERE id = 1")
                    .mapTo(String.class).one()));
            assertThrows(RuntimeException.class, () -> jdbi.useTransaction(h -> {
                h.execute("UPDATE items SET label = 'never' WHERE id = 1");
                throw new RuntimeException("roll back");
            }));
            Map<String, Object> row = jdbi.withHandle(h -> h.createQuery("SELECT * FROM items WHERE id = 2").mapToMap().one());
            assertTrue(row.containsKey("label") || row.containsKey("LABEL"), row.toString());
            assertEquals("uno", jdbi.withHandle(h -> h.createQuery("SELECT label FROM items WHERE id = 1")
                    .mapTo(String.class).one()));
        }
    }
}
