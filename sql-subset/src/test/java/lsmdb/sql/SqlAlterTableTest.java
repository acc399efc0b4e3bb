package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ALTER TABLE (SPEC §3.1): every form, rows written before and after, read after reopen and compaction. */
class SqlAlterTableTest extends SqlTestBase {

    private void flushAndCompact() throws Exception {
        db.engine().flush();
        db.engine().compactRange(null, null);
    }

    @Test
    void addColumnReadsDefaultInOldRowsAndSurvivesReopenAndCompaction() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, a VARCHAR(10))");
        exec("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
        exec("ALTER TABLE t ADD COLUMN b INT DEFAULT 7");
        exec("ALTER TABLE t ADD c VARCHAR(5)");
        exec("INSERT INTO t VALUES (3, 'three', NULL, 'x')");
        exec("INSERT INTO t (id, a) VALUES (4, 'four')");
        List<List<Object>> expected = List.of(row(1, "one", 7, null), row(2, "two", 7, null),
                row(3, "three", null, "x"), row(4, "four", 7, null));
        assertEquals(expected, query("SELECT * FROM t ORDER BY id"));
        reopen();
        assertEquals(expected, query("SELECT * FROM t ORDER BY id"));
        flushAndCompact();
        assertEquals(expected, query("SELECT * FROM t ORDER BY id"));
        assertEquals(List.of(row(3)), query("SELECT id FROM t WHERE b IS NULL"));
        assertEquals(List.of(row(4L)), query("SELECT COUNT(*) FROM t WHERE a IS NOT NULL"));
    }

    @Test
    void addColumnThatExistsIs42S21AndIfNotExistsIsQuiet() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, a INT)");
        fails("42S21", "ALTER TABLE t ADD COLUMN a INT");
        exec("ALTER TABLE t ADD COLUMN IF NOT EXISTS a INT");
        fails("42S02", "ALTER TABLE nope ADD COLUMN a INT");
    }

    @Test
    void addNotNullColumnNeedsDefaultWhenTheTableHasRows() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY)");
        exec("ALTER TABLE t ADD COLUMN a INT NOT NULL");
        exec("INSERT INTO t VALUES (1, 1)");
        fails("23502", "ALTER TABLE t ADD COLUMN b INT NOT NULL");
        exec("ALTER TABLE t ADD COLUMN b INT NOT NULL DEFAULT 5");
        assertEquals(List.of(row(1, 1, 5)), query("SELECT * FROM t"));
        fails("23502", "INSERT INTO t VALUES (2, 2, NULL)");
        fails("23502", "UPDATE t SET b = NULL");
        fails("22018", "ALTER TABLE t ADD COLUMN c INT DEFAULT 'abc'");
    }

    @Test
    void dropColumnSkipsStoredValuesAndRefusesKeysAndIndexedColumns() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, a INT, b VARCHAR(10), c INT)");
        exec("CREATE INDEX t_c ON t (c)");
        exec("INSERT INTO t VALUES (1, 10, 'x', 100), (2, 20, 'y', 200)");
        exec("ALTER TABLE t DROP COLUMN b");
        exec("INSERT INTO t VALUES (3, 30, 300)");
        List<List<Object>> expected = List.of(row(1, 10, 100), row(2, 20, 200), row(3, 30, 300));
        assertEquals(expected, query("SELECT * FROM t ORDER BY id"));
        assertEquals(List.of(row(2)), query("SELECT id FROM t WHERE c = 200"));
        assertTrue(fails("42000", "ALTER TABLE t DROP COLUMN id").getMessage().contains("primary key"));
        assertTrue(fails("42000", "ALTER TABLE t DROP COLUMN c").getMessage().contains("T_C"));
        fails("42S22", "ALTER TABLE t DROP COLUMN b");
        exec("ALTER TABLE t DROP COLUMN IF EXISTS b");
        fails("42S22", "SELECT b FROM t");
        // A column of the same name added again is a new column: old rows read its default, not the old value.
        exec("ALTER TABLE t ADD COLUMN b VARCHAR(10) DEFAULT 'new'");
        reopen();
        flushAndCompact();
        assertEquals(List.of(row(1, 10, 100, "new"), row(2, 20, 200, "new"), row(3, 30, 300, "new")),
                query("SELECT * FROM t ORDER BY id"));
        exec("UPDATE t SET a = a + 1 WHERE id = 1");
        exec("DROP INDEX t_c");
        exec("ALTER TABLE t DROP COLUMN c");
        reopen();
        assertEquals(List.of(row(1, 11, "new"), row(2, 20, "new"), row(3, 30, "new")),
                query("SELECT * FROM t ORDER BY id"));
    }

    @Test
    void indexesAfterADroppedColumnKeepWorking() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, c INT)");
        exec("CREATE UNIQUE INDEX t_c ON t (c)");
        exec("INSERT INTO t VALUES (1, 1, 1, 1), (2, 2, 2, 2)");
        exec("ALTER TABLE t DROP COLUMN a");
        exec("INSERT INTO t VALUES (3, 3, 3)");
        fails("23505", "INSERT INTO t VALUES (4, 4, 3)");
        exec("UPDATE t SET c = 20 WHERE id = 2");
        reopen();
        assertEquals(List.of(row(2, 2, 20)), query("SELECT * FROM t WHERE c = 20"));
        assertEquals(List.of(), query("SELECT * FROM t WHERE c = 2"));
    }

    @Test
    void renameColumnAndTable() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, a INT)");
        exec("CREATE INDEX t_a ON t (a)");
        exec("INSERT INTO t VALUES (1, 10)");
        exec("ALTER TABLE t RENAME COLUMN a TO b");
        fails("42S22", "SELECT a FROM t");
        fails("42S21", "ALTER TABLE t RENAME COLUMN b TO id");
        exec("ALTER TABLE t RENAME TO u");
        fails("42S02", "SELECT * FROM t");
        exec("INSERT INTO u VALUES (2, 20)");
        reopen();
        assertEquals(List.of(row(2)), query("SELECT id FROM u WHERE b = 20"));
        assertEquals(List.of(row(1, 10), row(2, 20)), query("SELECT id, b FROM u ORDER BY id"));
        assertEquals(List.of("ID", "B"), db.table("U").columns().stream().map(ColumnInfo::name).toList());
        exec("CREATE TABLE t (x INT)");
        fails("42S01", "ALTER TABLE t RENAME TO u");
    }

    @Test
    void setAndDropDefault() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, a INT, s VARCHAR(10))");
        exec("INSERT INTO t (id) VALUES (1)");
        exec("ALTER TABLE t ALTER COLUMN a SET DEFAULT 42");
        exec("ALTER TABLE t ALTER COLUMN s SET DEFAULT 'it''s'");
        exec("INSERT INTO t (id) VALUES (2)");
        reopen();
        exec("INSERT INTO t (id) VALUES (3)");
        exec("ALTER TABLE t ALTER COLUMN a DROP DEFAULT");
        exec("INSERT INTO t (id) VALUES (4)");
        // Changing a default changes no stored row.
        assertEquals(List.of(row(1, null, null), row(2, 42, "it's"), row(3, 42, "it's"), row(4, null, "it's")),
                query("SELECT * FROM t ORDER BY id"));
        exec("ALTER TABLE t ADD COLUMN ts TIMESTAMP DEFAULT CURRENT_TIMESTAMP");
        assertEquals(List.of(row(0L)), query("SELECT COUNT(*) FROM t WHERE ts IS NULL"));
        fails("42S22", "ALTER TABLE t ALTER COLUMN nope SET DEFAULT 1");
        exec("ALTER TABLE t ADD COLUMN d INT DEFAULT ((1) + (2))");
        exec("ALTER TABLE t ADD COLUMN e DATE DEFAULT (CURRENT_DATE)");
        exec("ALTER TABLE t ADD COLUMN f DECIMAL(10,2) DEFAULT (-1.5)");
        assertEquals(List.of(row(3, new java.math.BigDecimal("-1.50"))), query("SELECT DISTINCT d, f FROM t"));
        assertEquals(List.of(row(0L)), query("SELECT COUNT(*) FROM t WHERE e IS NULL"));
    }

    /** CREATE TABLE's DEFAULTs and identity and ALTER's DEFAULTs are one set of rules, kept in step by ALTER. */
    @Test
    void alterDefaultsAndCreateDefaultsAreOneSetOfRules() throws Exception {
        exec("CREATE TABLE r (a INT DEFAULT 1, id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                + "b VARCHAR(5) DEFAULT 'x', c INT DEFAULT 7)");
        exec("ALTER TABLE r ALTER COLUMN b SET DEFAULT 'y'");
        exec("ALTER TABLE r ALTER COLUMN c DROP DEFAULT");
        exec("INSERT INTO r (a) VALUES (5)");
        assertEquals(List.of(row(5, 1L, "y", null)), query("SELECT a, id, b, c FROM r"));
        exec("ALTER TABLE r DROP COLUMN a"); // the identity and the later DEFAULTs move one column left
        exec("ALTER TABLE r ADD COLUMN d INT DEFAULT 4");
        exec("INSERT INTO r (c) VALUES (9)");
        assertEquals(List.of(row(1L, "y", null, 4), row(2L, "y", 9, 4)), query("SELECT id, b, c, d FROM r ORDER BY id"));
        reopen();
        exec("INSERT INTO r (d) VALUES (0)");
        // A reopen starts a new identity range (values are never reused, gaps are allowed).
        assertEquals(List.of(row("y", null, 0)), query("SELECT b, c, d FROM r WHERE id > 2"));
        fails("42000", "ALTER TABLE r ALTER COLUMN c SET DEFAULT (c + 1)");
    }

    @Test
    void setNotNullOverNullsFailsAndChangesNothing() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, a INT)");
        exec("INSERT INTO t VALUES (1, 1), (2, NULL)");
        fails("23502", "ALTER TABLE t ALTER COLUMN a SET NOT NULL");
        exec("INSERT INTO t VALUES (3, NULL)");
        exec("UPDATE t SET a = 0 WHERE a IS NULL");
        exec("ALTER TABLE t ALTER COLUMN a SET NOT NULL");
        fails("23502", "INSERT INTO t VALUES (4, NULL)");
        reopen();
        fails("23502", "INSERT INTO t VALUES (4, NULL)");
        assertTrue(!db.table("T").columns().get(1).nullable());
        exec("ALTER TABLE t ALTER COLUMN a DROP NOT NULL");
        exec("INSERT INTO t VALUES (4, NULL)");
        fails("42000", "ALTER TABLE t ALTER COLUMN id DROP NOT NULL");
    }

    @Test
    void setNotNullWaitsForNoTransactionThatWroteANullBefore() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, a INT)");
        Session other = db.openSession();
        other.setAutoCommit(false);
        exec(other, "INSERT INTO t VALUES (1, NULL)");
        exec("ALTER TABLE t ALTER COLUMN a SET NOT NULL");
        java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                other::commit);
        assertEquals("40001", e.getSQLState());
        assertEquals(List.of(), query("SELECT * FROM t"));
        other.close();
    }

    @Test
    void tableWithoutKeyKeepsItsHiddenRowIdAcrossAlters() throws Exception {
        exec("CREATE TABLE t (a INT, b INT)");
        exec("INSERT INTO t VALUES (1, 2)");
        exec("ALTER TABLE t ADD COLUMN c INT DEFAULT 3");
        exec("ALTER TABLE t DROP COLUMN a");
        exec("INSERT INTO t VALUES (5, 6)");
        reopen();
        exec("INSERT INTO t VALUES (7, 8)");
        assertEquals(List.of(row(1L, 2, 3), row(2L, 5, 6), row(3L, 7, 8)),
                query("SELECT _ROWID_, b, c FROM t ORDER BY _ROWID_"));
        exec("DELETE FROM t WHERE c = 6");
        assertEquals(List.of(row(2), row(7)), query("SELECT b FROM t ORDER BY b"));
    }

    @Test
    void severalChangesInOneStatementAndUnknownFormsAreRefused() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, a INT)");
        assertTrue(fails("42000", "ALTER TABLE t ADD b INT, ADD c INT").getMessage().contains("several"));
        assertTrue(fails("42000", "ALTER TABLE t ALTER COLUMN a TYPE BIGINT").getMessage().contains("ALTER"));
        assertTrue(fails("42000", "ALTER TABLE t ADD CONSTRAINT pk PRIMARY KEY (a)").getMessage()
                .contains("PRIMARY KEY"));
        assertTrue(fails("42000", "ALTER TABLE t MODIFY a BIGINT").getMessage().contains("MODIFY"));
        assertTrue(fails("42000", "ALTER TABLE t ADD COLUMN b INT UNIQUE").getMessage().contains("UNIQUE"));
    }

    @Test
    void uniqueConstraintsAddedAndDropped() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT)");
        exec("INSERT INTO t VALUES (1, 1, 1), (2, 1, 2)");
        fails("23505", "ALTER TABLE t ADD CONSTRAINT ua UNIQUE (a)");
        assertEquals(List.of(), db.indexes("T"));
        exec("ALTER TABLE t ADD CONSTRAINT ub UNIQUE (b)");
        fails("23505", "INSERT INTO t VALUES (3, 3, 2)");
        exec("ALTER TABLE t ADD UNIQUE (a, b)");
        exec("ALTER TABLE t DROP CONSTRAINT ub");
        exec("INSERT INTO t VALUES (3, 3, 2)");
        fails("42000", "ALTER TABLE t DROP CONSTRAINT ub");
        exec("ALTER TABLE t DROP CONSTRAINT IF EXISTS ub");
    }

    @Test
    void ddlCommitsTheOpenTransactionFirst() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY)");
        session.setAutoCommit(false);
        exec("INSERT INTO t VALUES (1)");
        exec("ALTER TABLE t ADD COLUMN a INT DEFAULT 9");
        session.rollback();
        assertEquals(List.of(row(1, 9)), query("SELECT * FROM t"));
    }

    @Test
    void cachedPlansSeeTheNewSchema() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, a INT)");
        Prepared p = session.prepare("SELECT * FROM t");
        exec("INSERT INTO t VALUES (1, 2)");
        exec("ALTER TABLE t ADD COLUMN b INT DEFAULT 3");
        Result r = session.execute(p, new Object[0]);
        try (RowCursor c = r.rows()) {
            assertTrue(c.next());
            assertEquals(3, c.columns().size());
            assertEquals(3, c.get(2));
        }
    }

    @Test
    void altersWhileAnotherSessionWrites() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, a INT)");
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (Session s = db.openSession()) {
                Prepared insert = s.prepare("INSERT INTO t (id, a) VALUES (?, ?)");
                for (int i = 0; i < 400; i++) {
                    s.execute(insert, new Object[] {i, i * 2});
                    if (i % 7 == 0) {
                        exec(s, "UPDATE t SET a = a + 0 WHERE id = " + (i / 2));
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        writer.start();
        for (int round = 0; round < 10; round++) {
            exec("ALTER TABLE t ADD COLUMN b" + round + " INT DEFAULT " + round);
            if (round > 0) {
                exec("ALTER TABLE t DROP COLUMN b" + (round - 1));
            }
        }
        writer.join();
        assertEquals(null, failure.get());
        assertEquals(List.of(row(400L, 400L)), query("SELECT COUNT(*), SUM(CASE WHEN a = id * 2 THEN 1 ELSE 0 END)"
                + " FROM t"));
        assertEquals(List.of(row(400L)), query("SELECT COUNT(*) FROM t WHERE b9 = 9"));
        reopen();
        assertEquals(List.of(row(400L)), query("SELECT COUNT(*) FROM t WHERE b9 = 9 AND a = id * 2"));
    }
}
