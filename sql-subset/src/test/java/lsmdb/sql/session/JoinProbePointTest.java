package lsmdb.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
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

    private MemSession mem;
    private Session session;

    @BeforeEach
    void open() throws Exception {
        mem = new MemSession();
        session = mem.session;
        mem.customersAndOrders(5, 20); // customer 5: orders, no row
    }

    @AfterEach
    void close() throws Exception {
        mem.close();
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

        assertEquals(List.of("2 20", "8 80", "14 140"), mem.rows(byCustomer, 2L));
        assertEquals(List.of(), mem.rows(byCustomer, 5L)); // orders, but no customer
        assertEquals(List.of(), mem.rows(byCustomer, 9L));
        assertEquals(List.of(), mem.rows(byCustomer, new BigDecimal("2.5"))); // converts into no key: checked
        assertEquals(List.of("2 20", "8 80", "14 140"), mem.rows(byCustomer, new BigDecimal("2.00")));
        assertEquals(List.of(), mem.rows(byCustomer, (Object) null));
        assertEquals(List.of("3 30", "9 90", "15 150"), mem.rows(byCustomer + " AND c.name = ?", 3L, "n3"));
        assertEquals(List.of(), mem.rows(byCustomer + " AND c.name = ?", 3L, "n4"));

        String byOrder = "SELECT c.name, o.amount FROM od o JOIN cu c ON c.id = o.cust WHERE o.id = ?";
        assertTrue(probeFilter(byOrder).keyed());
        assertEquals(List.of("n1 130"), mem.rows(byOrder, 13L));
        assertEquals(List.of(), mem.rows(byOrder, 11L)); // order 11's customer 5 does not exist
        assertEquals(List.of(), mem.rows(byOrder, 13.5));
    }

    /** The probe side of the query's one index join, a filter. */
    private Basic.Filter probeFilter(String sql) throws Exception {
        Node n = ((Plan.Select) ((PreparedPlan) session.prepare(sql)).plan).root();
        while (!(n instanceof Joins.Index)) {
            n = ((Basic.Project) n).input();
        }
        return (Basic.Filter) ((Joins.Index) n).probe();
    }
}
