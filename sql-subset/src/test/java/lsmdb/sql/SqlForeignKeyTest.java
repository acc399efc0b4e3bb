package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Foreign keys (SPEC §3.1): 23503 in every direction, under snapshots, and across concurrent transactions. */
class SqlForeignKeyTest extends SqlTestBase {

    @Test
    void columnReferenceIsEnforcedOnChildInsertAndUpdate() throws Exception {
        exec("CREATE TABLE p (id INT PRIMARY KEY, name VARCHAR(10))");
        exec("CREATE TABLE c (id INT PRIMARY KEY, pid INT REFERENCES p (id))");
        exec("INSERT INTO p VALUES (1, 'a'), (2, 'b')");
        exec("INSERT INTO c VALUES (10, 1), (11, NULL)");
        SQLException e = fails("23503", "INSERT INTO c VALUES (12, 3)");
        assertTrue(e.getMessage().contains("P"), e.getMessage());
        fails("23503", "UPDATE c SET pid = 5 WHERE id = 10");
        exec("UPDATE c SET pid = 2 WHERE id = 10");
        exec("UPDATE c SET pid = 1 WHERE id = 11");
        assertEquals(List.of(row(10, 2), row(11, 1)), query("SELECT * FROM c ORDER BY id"));
    }

    @Test
    void parentDeleteAndRekeyAreRefusedWhileChildrenExist() throws Exception {
        exec("CREATE TABLE p (id INT PRIMARY KEY, name VARCHAR(10))");
        exec("CREATE TABLE c (id INT PRIMARY KEY, pid INT, FOREIGN KEY (pid) REFERENCES p (id))");
        exec("INSERT INTO p VALUES (1, 'a'), (2, 'b')");
        exec("INSERT INTO c VALUES (10, 1)");
        fails("23503", "DELETE FROM p WHERE id = 1");
        fails("23503", "UPDATE p SET id = 3 WHERE id = 1");
        fails("23503", "DELETE FROM p");
        fails("23503", "TRUNCATE TABLE p");
        exec("UPDATE p SET name = 'z' WHERE id = 1");
        exec("DELETE FROM p WHERE id = 2");
        exec("DELETE FROM c");
        exec("DELETE FROM p");
        assertEquals(List.of(), query("SELECT * FROM p"));
        fails("23503", "DROP TABLE p");
        exec("DROP TABLE c");
        exec("DROP TABLE p");
    }

    @Test
    void compositeKeyToUniqueConstraintAfterReopen() throws Exception {
        exec("CREATE TABLE p (id INT PRIMARY KEY, a VARCHAR(5) NOT NULL, b INT NOT NULL, CONSTRAINT pu UNIQUE (a, b))");
        exec("CREATE TABLE c (id INT PRIMARY KEY, x VARCHAR(5), y INT,"
                + " CONSTRAINT c_fk FOREIGN KEY (x, y) REFERENCES p (a, b))");
        exec("INSERT INTO p VALUES (1, 'k', 1)");
        reopen();
        exec("INSERT INTO c VALUES (1, 'k', 1), (2, 'k', NULL)");
        fails("23503", "INSERT INTO c VALUES (3, 'k', 2)");
        fails("23503", "UPDATE p SET b = 5");
        fails("23503", "DELETE FROM p");
        assertTrue(fails("42000", "ALTER TABLE p DROP CONSTRAINT pu").getMessage().contains("C_FK"));
        assertTrue(fails("42000", "DROP INDEX pu").getMessage().contains("C_FK"));
        exec("ALTER TABLE c DROP CONSTRAINT c_fk");
        exec("INSERT INTO c VALUES (3, 'k', 2)");
        exec("DELETE FROM p");
        exec("ALTER TABLE p DROP CONSTRAINT pu");
        exec("INSERT INTO p VALUES (2, 'k', 1), (3, 'k', 1)");
    }

    @Test
    void childIndexIsCreatedAndUsed() throws Exception {
        exec("CREATE TABLE p (id INT PRIMARY KEY)");
        exec("CREATE TABLE c (id INT PRIMARY KEY, pid INT REFERENCES p (id))");
        assertEquals(1, db.indexes("C").size());
        exec("INSERT INTO p VALUES (1), (2)");
        exec("INSERT INTO c VALUES (1, 1)");
        exec("DROP INDEX " + db.indexes("C").get(0).name());
        // Without the index the reverse check scans the child.
        fails("23503", "DELETE FROM p WHERE id = 1");
        exec("DELETE FROM p WHERE id = 2");
    }

    @Test
    void selfReferenceWithinOneStatement() throws Exception {
        exec("CREATE TABLE n (id INT PRIMARY KEY, parent INT REFERENCES n (id))");
        exec("INSERT INTO n VALUES (2, 1), (1, NULL)");
        fails("23503", "DELETE FROM n WHERE id = 1");
        exec("DELETE FROM n");
        assertEquals(List.of(), query("SELECT * FROM n"));
    }

    @Test
    void addForeignKeyChecksExistingRows() throws Exception {
        exec("CREATE TABLE p (id BIGINT PRIMARY KEY)");
        exec("CREATE TABLE c (id INT PRIMARY KEY, pid INT)");
        exec("INSERT INTO p VALUES (1)");
        exec("INSERT INTO c VALUES (1, 1), (2, 2)");
        fails("23503", "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p (id)");
        assertEquals(List.of(), db.indexes("C"));
        exec("DELETE FROM c WHERE id = 2");
        exec("ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p (id)");
        fails("23503", "INSERT INTO c VALUES (2, 2)");
        fails("42000", "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p (id)");
        fails("42000", "ALTER TABLE c DROP COLUMN pid");
        fails("42S02", "ALTER TABLE c ADD FOREIGN KEY (pid) REFERENCES nope (id)");
        fails("42S22", "ALTER TABLE c ADD FOREIGN KEY (nope) REFERENCES p (id)");
        exec("CREATE TABLE q (id INT PRIMARY KEY, v INT)");
        assertTrue(fails("42000", "ALTER TABLE c ADD FOREIGN KEY (pid) REFERENCES q (v)").getMessage()
                .contains("UNIQUE"));
        exec("ALTER TABLE c ADD COLUMN qid INT REFERENCES q (id)");
        fails("23503", "INSERT INTO c VALUES (3, 1, 9)");
        exec("ALTER TABLE c RENAME COLUMN pid TO parent_id");
        exec("ALTER TABLE p RENAME TO par");
        reopen();
        fails("23503", "INSERT INTO c (id, parent_id) VALUES (3, 5)");
        fails("23503", "DELETE FROM par");
        exec("INSERT INTO c (id, parent_id) VALUES (3, 1)");
    }

    @Test
    void referentialActionsAreRefused() throws Exception {
        exec("CREATE TABLE p (id INT PRIMARY KEY)");
        fails("42000", "CREATE TABLE c (id INT PRIMARY KEY, pid INT, FOREIGN KEY (pid) REFERENCES p (id)"
                + " ON DELETE CASCADE)");
        exec("CREATE TABLE c (id INT PRIMARY KEY, pid INT)");
        fails("42000", "ALTER TABLE c ADD FOREIGN KEY (pid) REFERENCES p (id) ON DELETE SET NULL");
        fails("42S02", "CREATE TABLE d (id INT PRIMARY KEY, pid INT REFERENCES nope (id))");
        fails("42S02", "SELECT * FROM d");
    }

    @Test
    void transactionReadsItsOwnParent() throws Exception {
        exec("CREATE TABLE p (id INT PRIMARY KEY)");
        exec("CREATE TABLE c (id INT PRIMARY KEY, pid INT REFERENCES p (id))");
        session.setAutoCommit(false);
        exec("INSERT INTO p VALUES (1)");
        exec("INSERT INTO c VALUES (1, 1)");
        fails("23503", "DELETE FROM p");
        session.commit();
        assertEquals(List.of(row(1, 1)), query("SELECT * FROM c"));
    }

    @Test
    void concurrentParentDeleteAndChildInsertCannotBothCommit() throws Exception {
        exec("CREATE TABLE p (id INT PRIMARY KEY)");
        exec("CREATE TABLE c (id INT PRIMARY KEY, pid INT REFERENCES p (id))");
        exec("INSERT INTO p VALUES (1), (2)");
        for (boolean childFirst : new boolean[] {true, false}) {
            Session deleter = db.openSession();
            Session inserter = db.openSession();
            deleter.setAutoCommit(false);
            inserter.setAutoCommit(false);
            exec(deleter, "DELETE FROM p WHERE id = 1");
            exec(inserter, "INSERT INTO c VALUES (1, 1)");
            Session first = childFirst ? inserter : deleter;
            Session second = childFirst ? deleter : inserter;
            first.commit();
            SQLException e = assertThrows(SQLException.class, second::commit);
            assertTrue(e.getSQLState().equals("40001") || e.getSQLState().equals("23503"), e.getSQLState());
            deleter.close();
            inserter.close();
            // Whatever won, no child is left without its parent.
            assertEquals(List.of(), query("SELECT c.id FROM c LEFT JOIN p ON c.pid = p.id WHERE p.id IS NULL"));
            exec("DELETE FROM c");
            exec("INSERT INTO p SELECT 1 FROM p WHERE NOT EXISTS (SELECT 1 FROM p WHERE id = 1) AND id = 2");
        }
    }

    @Test
    void autoCommitChildInsertAfterConcurrentParentDeleteFails() throws Exception {
        exec("CREATE TABLE p (id INT PRIMARY KEY)");
        exec("CREATE TABLE c (id INT PRIMARY KEY, pid INT REFERENCES p (id))");
        exec("INSERT INTO p VALUES (1)");
        Session deleter = db.openSession();
        deleter.setAutoCommit(false);
        exec(deleter, "DELETE FROM p WHERE id = 1");
        exec("INSERT INTO c VALUES (1, 1)");
        SQLException e = assertThrows(SQLException.class, deleter::commit);
        assertEquals("40001", e.getSQLState());
        deleter.close();
        assertEquals(List.of(row(1, 1)), query("SELECT * FROM c"));
    }

    @Test
    void concurrentAutoCommitWritersLeaveNoOrphans() throws Exception {
        exec("CREATE TABLE p (id INT PRIMARY KEY)");
        exec("CREATE TABLE c (id INT PRIMARY KEY, pid INT REFERENCES p (id))");
        for (int i = 0; i < 8; i++) {
            exec("INSERT INTO p VALUES (" + i + ")");
        }
        java.util.concurrent.atomic.AtomicInteger nextChild = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ConcurrentLinkedQueue<Throwable> unexpected = new java.util.concurrent.ConcurrentLinkedQueue<>();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long seed = t;
            threads.add(new Thread(() -> {
                java.util.Random r = new java.util.Random(seed);
                try (Session s = db.openSession()) {
                    for (int i = 0; i < 300; i++) {
                        int parent = r.nextInt(8);
                        try {
                            switch (r.nextInt(4)) {
                                case 0 -> exec(s, "DELETE FROM c WHERE pid = " + parent);
                                case 1 -> exec(s, "DELETE FROM p WHERE id = " + parent);
                                case 2 -> exec(s, "INSERT INTO p VALUES (" + parent + ")");
                                default -> exec(s, "INSERT INTO c VALUES (" + nextChild.incrementAndGet() + ", "
                                        + parent + ")");
                            }
                        } catch (SQLException e) {
                            if (!e.getSQLState().equals("23503") && !e.getSQLState().equals("23505")) {
                                unexpected.add(e);
                            }
                        }
                    }
                } catch (Throwable e) {
                    unexpected.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), List.copyOf(unexpected));
        assertEquals(List.of(), query("SELECT c.id, c.pid FROM c LEFT JOIN p ON c.pid = p.id WHERE p.id IS NULL"));
    }
}
