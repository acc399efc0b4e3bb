package lsmdb.e2e.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Defects a logic file cannot express (they need bound parameters), each kept as a regression test once fixed: every
 * test here failed before its fix. A newly found one goes here, failing, together with its fix.
 */
class KnownDefectsTest {

    @Test
    void negativeZeroKeyThroughParameters() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:lsm:mem:defects-" + System.nanoTime())) {
            c.createStatement().execute("CREATE TABLE z (k DOUBLE PRIMARY KEY, n INT)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO z VALUES (?, ?)")) {
                insert.setDouble(1, -0.0);
                insert.setInt(2, 1);
                insert.executeUpdate();
                insert.setDouble(1, 0.0);
                insert.setInt(2, 2);
                assertEquals("23505", assertThrows(SQLException.class, insert::executeUpdate).getSQLState());
            }
            for (double probe : new double[] {-0.0, 0.0}) {
                try (PreparedStatement select = c.prepareStatement("SELECT n FROM z WHERE k = ?")) {
                    select.setDouble(1, probe);
                    try (ResultSet rs = select.executeQuery()) {
                        assertEquals(true, rs.next(), "WHERE k = " + probe + " finds the zero key");
                        assertEquals(1, rs.getInt(1));
                    }
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT n FROM z WHERE k = 0.0")) {
                assertEquals(true, rs.next(), "WHERE k = 0.0 finds the zero key");
            }
        }
    }
}
