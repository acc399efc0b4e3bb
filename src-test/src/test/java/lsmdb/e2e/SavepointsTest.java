package lsmdb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * JDBC savepoints, named and unnamed, and Spring's {@code PROPAGATION_NESTED} runs the inner work under a JDBC savepoint of the outer transaction: a
 * failing inner part is rolled back to the savepoint while the outer part commits, and an outer rollback takes
 * the committed inner part with it.
 */
class SavepointsTest {

    @TempDir
    Path tmp;

    @Test
    void nestedPropagationRollsBackToASavepointAndKeepsTheOuterWork() {
        try (HikariDataSource ds = Pools.small(tmp)) {
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            jdbc.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, item VARCHAR(20))");
            jdbc.execute("CREATE TABLE audit (id BIGINT PRIMARY KEY, what VARCHAR(40))");
            jdbc.update("INSERT INTO audit VALUES (1, 'existing')");
            DataSourceTransactionManager tm = new DataSourceTransactionManager(ds);
            TransactionTemplate outer = new TransactionTemplate(tm);
            TransactionTemplate nested = new TransactionTemplate(tm);
            nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);

            outer.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO orders VALUES (10, 'book')");
                // The nested part fails on a duplicate key: only it is undone.
                assertThrows(DuplicateKeyException.class, () -> nested.executeWithoutResult(inner -> {
                    jdbc.update("INSERT INTO orders VALUES (11, 'pen')");
                    jdbc.update("INSERT INTO audit VALUES (1, 'duplicate')");
                }));
                // A nested part that succeeds is released into the outer transaction.
                nested.executeWithoutResult(inner -> jdbc.update("INSERT INTO audit VALUES (2, 'ordered book')"));
                assertEquals(List.of(10L), jdbc.queryForList("SELECT id FROM orders ORDER BY id", Long.class),
                        "inside the transaction, the rolled-back nested insert is gone");
            });
            assertEquals(List.of(10L), jdbc.queryForList("SELECT id FROM orders ORDER BY id", Long.class));
            assertEquals(List.of("existing", "ordered book"),
                    jdbc.queryForList("SELECT what FROM audit ORDER BY id", String.class));

            // An outer rollback undoes what a released nested part did.
            assertThrows(IllegalStateException.class, () -> outer.executeWithoutResult(status -> {
                nested.executeWithoutResult(inner -> jdbc.update("INSERT INTO orders VALUES (12, 'lamp')"));
                throw new IllegalStateException("outer fails");
            }));
            assertEquals(List.of(10L), jdbc.queryForList("SELECT id FROM orders ORDER BY id", Long.class));
        }
    }

    @Test
    void jdbcSavepointsNamedAndUnnamed() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:lsm:" + tmp.resolve("j"));
                java.sql.Connection other = java.sql.DriverManager.getConnection("jdbc:lsm:" + tmp.resolve("j"))) {
            assertEquals(true, c.getMetaData().supportsSavepoints());
            c.createStatement().execute("CREATE TABLE t (k INT PRIMARY KEY)");
            assertEquals("3B001", assertThrows(java.sql.SQLException.class, c::setSavepoint).getSQLState(),
                    "no savepoint in auto-commit mode");
            c.setAutoCommit(false);
            c.createStatement().execute("INSERT INTO t VALUES (1)");
            java.sql.Savepoint a = c.setSavepoint();
            c.createStatement().execute("INSERT INTO t VALUES (2)");
            java.sql.Savepoint b = c.setSavepoint("after_two");
            c.createStatement().execute("INSERT INTO t VALUES (3)");
            assertEquals("after_two", b.getSavepointName());
            assertThrows(java.sql.SQLException.class, b::getSavepointId);
            assertThrows(java.sql.SQLException.class, a::getSavepointName);
            c.rollback(b);
            assertEquals(List.of(1, 2), keys(c));
            c.rollback(a);
            assertEquals(List.of(1), keys(c));
            assertEquals("3B001", assertThrows(java.sql.SQLException.class, () -> c.rollback(b)).getSQLState(),
                    "rolling back to a savepoint releases the ones after it");
            java.sql.Savepoint d = c.setSavepoint("d");
            c.createStatement().execute("INSERT INTO t VALUES (4)");
            c.releaseSavepoint(d);
            assertEquals("3B001", assertThrows(java.sql.SQLException.class, () -> c.rollback(d)).getSQLState());
            other.setAutoCommit(false);
            java.sql.Savepoint foreign = other.setSavepoint();
            assertEquals("3B001", assertThrows(java.sql.SQLException.class, () -> c.rollback(foreign)).getSQLState());
            c.commit();
            assertEquals(List.of(), keys(other), "other's transaction reads at the snapshot its savepoint took");
            other.rollback();
            assertEquals(List.of(1, 4), keys(other));
            assertEquals("3B001", assertThrows(java.sql.SQLException.class, () -> c.rollback(a)).getSQLState(),
                    "a commit ends every savepoint");
        }
    }

    private static List<Integer> keys(java.sql.Connection c) throws Exception {
        List<Integer> out = new java.util.ArrayList<>();
        try (java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT k FROM t ORDER BY k")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }
}
