package lsmdb.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DatabaseMetaData.getIndexInfo reports each index column's direction (ASC_OR_DESC). */
class IndexInfoTest {

    @Test
    void descColumnsAreReportedAsD() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:lsm:mem:indexinfo-" + System.nanoTime());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, a INT, b VARCHAR(5))");
            s.execute("CREATE INDEX t_ab ON t (a ASC, b DESC)");
            List<String> got = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, "T", false, false)) {
                while (rs.next()) {
                    if ("T_AB".equals(rs.getString("INDEX_NAME"))) {
                        got.add(rs.getInt("ORDINAL_POSITION") + " " + rs.getString("COLUMN_NAME") + " "
                                + rs.getString("ASC_OR_DESC"));
                    }
                }
            }
            assertEquals(List.of("1 A A", "2 B D"), got);
            s.execute("SHUTDOWN");
        }
    }
}
