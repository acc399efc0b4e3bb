package lsmdb.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lsmdb.core.LsmDb;
import lsmdb.core.Options;
import lsmdb.core.io.MemFileSystem;
import lsmdb.sql.Result;
import lsmdb.sql.RowCursor;
import lsmdb.sql.Session;
import lsmdb.sql.exec.Basic;
import lsmdb.sql.exec.Joins;
import lsmdb.sql.exec.Node;
import lsmdb.sql.plan.Plan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A join whose probe side is a primary-key point ({@code WHERE c.id = ?}) plans that point's filter keyed, so an
 * execution whose value converts into the key exactly hands the row on unchecked; other values (a fraction, NULL)
 * and conditions the point does not carry are still checked.
 */
class JoinProbePointTest {

    private Database db;
    private Session session;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(LsmDb.open(Path.of("/db"), Options.defaults().withFileSystem(new MemFileSystem())));
        session = db.openSession();
        run("CREATE TABLE cu (id BIGINT PRIMARY KEY, name VARCHAR(20))");
        run("CREATE TABLE od (id BIGINT PRIMARY KEY, cust BIGINT, amount INT)");
        run("CREATE INDEX od_cust ON od(cust)");
        for (int c = 0; c < 5; c++) {
            run("INSERT INTO cu VALUES (" + c + ", 'n" + c + "')");
        }
        for (int o = 0; o < 20; o++) {
            run("INSERT INTO od VALUES (" + o + ", " + (o % 6) + ", " + (o * 10) + ")"); // cust 5: no customer
        }
    }

    @AfterEach
    void close() throws Exception {
        session.close();
        db.close();
    }

    @Test
    void theProbePointIsKeyedAndStillAnswersRight() throws Exception {
        String byCustomer = "SELECT o.id, o.amount FROM cu c JOIN od o ON o.cust = c.id WHERE c.id = ?";
        Basic.Filter probe = probeFilter(byCustomer);
        assertTrue(probe.keyed(), "the customer point's filter is keyed");
        assertNull(probe.rest(), "the point carries its only condition");
        Basic.Filter withName = probeFilter(byCustomer + " AND c.name = ?");
        assertTrue(withName.keyed());
        assertNotNull(withName.rest(), "the name is still checked");

        assertEquals(List.of("2 20", "8 80", "14 140"), rows(byCustomer, 2L));
        assertEquals(List.of(), rows(byCustomer, 5L)); // orders, but no customer
        assertEquals(List.of(), rows(byCustomer, 9L));
        assertEquals(List.of(), rows(byCustomer, new BigDecimal("2.5"))); // converts into no key: checked
        assertEquals(List.of("2 20", "8 80", "14 140"), rows(byCustomer, new BigDecimal("2.00")));
        assertEquals(List.of(), rows(byCustomer, (Object) null));
        assertEquals(List.of("3 30", "9 90", "15 150"), rows(byCustomer + " AND c.name = ?", 3L, "n3"));
        assertEquals(List.of(), rows(byCustomer + " AND c.name = ?", 3L, "n4"));

        String byOrder = "SELECT c.name, o.amount FROM od o JOIN cu c ON c.id = o.cust WHERE o.id = ?";
        assertTrue(probeFilter(byOrder).keyed());
        assertEquals(List.of("n1 130"), rows(byOrder, 13L));
        assertEquals(List.of(), rows(byOrder, 11L)); // order 11's customer 5 does not exist
        assertEquals(List.of(), rows(byOrder, 13.5));
    }

    /** The probe side of the query's one index join, a filter. */
    private Basic.Filter probeFilter(String sql) throws Exception {
        Node n = ((Plan.Select) ((PreparedPlan) session.prepare(sql)).plan).root();
        while (!(n instanceof Joins.Index)) {
            n = ((Basic.Project) n).input();
        }
        return (Basic.Filter) ((Joins.Index) n).probe();
    }

    private void run(String sql) throws SQLException {
        session.execute(session.prepare(sql), new Object[0]);
    }

    /** The rows, each its values joined by spaces. */
    private List<String> rows(String sql, Object... params) throws SQLException {
        List<String> out = new ArrayList<>();
        Result r = session.execute(session.prepare(sql), params);
        try (RowCursor c = r.rows()) {
            while (c.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < c.columns().size(); i++) {
                    line.append(i == 0 ? "" : " ").append(c.get(i));
                }
                out.add(line.toString());
            }
        }
        return out;
    }
}
