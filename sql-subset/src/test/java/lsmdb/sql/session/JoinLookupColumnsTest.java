package lsmdb.sql.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lsmdb.core.LsmDb;
import lsmdb.core.Options;
import lsmdb.core.io.MemFileSystem;
import lsmdb.sql.Session;
import lsmdb.sql.SqlDatabase;
import lsmdb.sql.exec.IndexScan;
import lsmdb.sql.exec.Joins;
import lsmdb.sql.exec.TableScan;
import lsmdb.sql.plan.Plan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inner side of an index join builds no column that only the conditions its lookup carries read (the join does
 * not check those again): the join key of each inner row is not decoded, unless the block reads it elsewhere. The
 * answers themselves are checked by ProjectedReadsTest and the index join model tests.
 */
class JoinLookupColumnsTest {

    private SqlDatabase db;
    private Session session;

    @BeforeEach
    void open() throws Exception {
        db = SqlDatabase.open(LsmDb.open(Path.of("/db"), Options.defaults().withFileSystem(new MemFileSystem())));
        session = db.openSession();
        for (String ddl : List.of(
                "CREATE TABLE cu (id BIGINT PRIMARY KEY, name VARCHAR(20), city VARCHAR(10))",
                "CREATE TABLE od (id BIGINT PRIMARY KEY, cust BIGINT, amount DECIMAL(12,2), note VARCHAR(20))",
                "CREATE INDEX od_cust ON od(cust)")) {
            session.execute(session.prepare(ddl), new Object[0]);
        }
    }

    @AfterEach
    void close() throws Exception {
        session.close();
        db.close();
    }

    @Test
    void anIndexLookupDoesNotBuildTheJoinKeyItCarries() throws Exception {
        // od's columns: id, cust, amount, note
        assertArrayEquals(new boolean[] {true, false, true, false},
                innerColumns("SELECT o.id, o.amount FROM cu c JOIN od o ON o.cust = c.id WHERE c.id = ?"));
        assertArrayEquals(new boolean[] {true, true, true, false},
                innerColumns("SELECT o.id, o.cust, o.amount FROM cu c JOIN od o ON o.cust = c.id WHERE c.id = ?"));
        assertArrayEquals(new boolean[] {false, false, true, false},
                innerColumns("SELECT c.name, o.amount FROM cu c LEFT JOIN od o ON o.cust = c.id WHERE c.id = ?"));
    }

    @Test
    void aKeyLookupDoesNotBuildTheKeyItCarries() throws Exception {
        // cu's columns: id, name, city
        assertArrayEquals(new boolean[] {false, true, false},
                innerColumns("SELECT c.name, o.amount FROM od o JOIN cu c ON c.id = o.cust WHERE o.id = ?"));
        assertArrayEquals(new boolean[] {true, true, false},
                innerColumns("SELECT c.id, c.name FROM od o JOIN cu c ON c.id = o.cust WHERE o.id = ?"));
    }

    @Test
    void aConditionTheLookupDoesNotCarryKeepsItsColumns() throws Exception {
        // a DECIMAL compared with the BIGINT key may not convert exactly: the join checks it, so cust is built
        session.execute(session.prepare("CREATE TABLE pr (id BIGINT PRIMARY KEY, ref DECIMAL(12,2))"),
                new Object[0]);
        assertArrayEquals(new boolean[] {true, true, true, false},
                innerColumns("SELECT o.id, o.amount FROM pr p JOIN od o ON o.cust = p.ref WHERE p.id = ?"));
    }

    /** Which of the index join's inner table's columns its lookup builds (null: every one). */
    private boolean[] innerColumns(String sql) throws Exception {
        Plan plan = ((PreparedPlan) session.prepare(sql)).plan;
        List<Joins.Index> joins = new ArrayList<>();
        collect(((Plan.Select) plan).root(), joins);
        assertEquals(1, joins.size(), sql);
        TableScan inner = joins.get(0).other() instanceof IndexScan ix ? ix.table() : (TableScan) joins.get(0).other();
        boolean[] wanted = inner.wanted();
        if (wanted == null) {
            wanted = new boolean[inner.table().columns().size()];
            java.util.Arrays.fill(wanted, true);
        }
        return wanted;
    }

    private static void collect(Object node, List<Joins.Index> out) throws Exception {
        if (node instanceof Joins.Index j) {
            out.add(j);
        }
        if (node == null || !node.getClass().isRecord()) {
            return;
        }
        for (RecordComponent rc : node.getClass().getRecordComponents()) {
            rc.getAccessor().setAccessible(true);
            Object v = rc.getAccessor().invoke(node);
            if (v instanceof lsmdb.sql.exec.Node) {
                collect(v, out);
            }
        }
    }
}
