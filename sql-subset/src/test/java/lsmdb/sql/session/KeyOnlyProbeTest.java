package lsmdb.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.List;
import lsmdb.sql.catalog.Table;
import lsmdb.sql.codec.RowKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An inner index join whose probe side is a primary-key point the query reads only key columns of makes the probe
 * row from its key and only checks that the row exists (with the inner rows' multi-get), never decoding it. Seen
 * through a customer whose stored value is replaced by bytes that do not decode (behind SQL's back): the orders
 * query still answers, while a query reading the customer's name reports the damage.
 */
class KeyOnlyProbeTest {

    private MemSession mem;

    @BeforeEach
    void open() throws Exception {
        mem = new MemSession();
        mem.customersAndOrders(3, 12); // customer 3: orders, no row
    }

    @AfterEach
    void close() throws Exception {
        mem.close();
    }

    @Test
    void theProbeRowIsOnlyCheckedToExist() throws Exception {
        String byCustomer = "SELECT o.id, o.amount FROM cu c JOIN od o ON o.cust = c.id WHERE c.id = ?";
        Table cu = mem.db.catalog().get("CU");
        Object[] row = new Object[cu.width()];
        row[0] = 1L;
        mem.db.engine().put(RowKeys.encode(cu, row), new byte[0]); // customer 1: a value that does not decode

        assertEquals(List.of("1 10", "5 50", "9 90"), mem.rows(byCustomer, 1L));
        assertEquals(List.of("1 10"), mem.rows(byCustomer + " LIMIT 1", 1L));
        assertThrows(SQLException.class, () -> mem.rows(
                "SELECT c.name, o.id FROM cu c JOIN od o ON o.cust = c.id WHERE c.id = ?", 1L));

        assertEquals(List.of("2 20", "6 60", "10 100"), mem.rows(byCustomer, 2L));
        assertEquals(List.of(), mem.rows(byCustomer, 3L)); // orders, but no customer
        row[0] = 2L;
        mem.db.engine().delete(RowKeys.encode(cu, row)); // customer 2 gone, its orders left
        assertEquals(List.of(), mem.rows(byCustomer, 2L));
        assertEquals(List.of(), mem.rows(byCustomer, 7L)); // neither
        assertEquals(List.of(), mem.rows(byCustomer, (Object) null));
    }
}
