package lsmdb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DatabaseMetaData after ALTER TABLE and with foreign keys (SPEC §7). */
class ForeignKeyMetadataTest {

    @TempDir
    Path tmp;

    private static List<String> keys(ResultSet rs) throws Exception {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(rs.getString("FK_NAME") + ":" + rs.getString("FKTABLE_NAME") + "." + rs.getString("FKCOLUMN_NAME")
                        + "->" + rs.getString("PKTABLE_NAME") + "." + rs.getString("PKCOLUMN_NAME") + "#"
                        + rs.getInt("KEY_SEQ") + " " + rs.getString("PK_NAME") + " del=" + rs.getInt("DELETE_RULE"));
            }
        }
        return out;
    }

    @Test
    void importedExportedAndCrossReferenceKeys() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:lsm:" + tmp.resolve("db"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE p (id INT PRIMARY KEY, a INT NOT NULL, b INT NOT NULL, CONSTRAINT p_ab UNIQUE (a, b))");
            s.execute("CREATE TABLE c (id INT PRIMARY KEY, pid INT REFERENCES p (id), x INT, y INT)");
            s.execute("ALTER TABLE c ADD CONSTRAINT c_xy FOREIGN KEY (x, y) REFERENCES p (a, b)");
            DatabaseMetaData md = c.getMetaData();
            int restrict = DatabaseMetaData.importedKeyRestrict;
            assertEquals(List.of("C_XY:C.X->P.A#1 P_AB del=" + restrict, "C_XY:C.Y->P.B#2 P_AB del=" + restrict,
                    "FK_C_1:C.PID->P.ID#1 PK_P del=" + restrict), keys(md.getImportedKeys(null, null, "C")));
            assertEquals(3, keys(md.getExportedKeys(null, null, "p")).size());
            assertEquals(3, keys(md.getCrossReference(null, null, "P", null, null, "C")).size());
            assertEquals(List.of(), keys(md.getCrossReference(null, null, "C", null, null, "P")));
            assertEquals(List.of(), keys(md.getImportedKeys(null, null, "P")));
            s.execute("ALTER TABLE c DROP CONSTRAINT c_xy");
            assertEquals(1, keys(md.getImportedKeys(null, null, "C")).size());
        }
    }

    @Test
    void getColumnsReflectsAlteredTables() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:lsm:" + tmp.resolve("db"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, a INT, b VARCHAR(10))");
            s.execute("ALTER TABLE t ADD COLUMN c BIGINT NOT NULL DEFAULT 1");
            s.execute("ALTER TABLE t DROP COLUMN a");
            s.execute("ALTER TABLE t RENAME COLUMN b TO bb");
            s.execute("ALTER TABLE t ALTER COLUMN bb SET NOT NULL");
            s.execute("ALTER TABLE t RENAME TO u");
            List<String> cols = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getColumns(null, null, "U", "%")) {
                while (rs.next()) {
                    cols.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME") + " "
                            + rs.getString("IS_NULLABLE") + " " + rs.getInt("ORDINAL_POSITION"));
                }
            }
            assertEquals(List.of("ID INTEGER NO 1", "BB VARCHAR NO 2", "C BIGINT NO 3"), cols);
            try (ResultSet rs = c.getMetaData().getColumns(null, null, "T", "%")) {
                assertFalse(rs.next());
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM u")) {
                assertEquals(3, rs.getMetaData().getColumnCount());
                assertFalse(rs.next());
            }
            s.execute("INSERT INTO u (id, bb) VALUES (1, 'x')");
            try (ResultSet rs = s.executeQuery("SELECT c FROM u")) {
                assertTrue(rs.next());
                assertEquals(1L, rs.getLong(1));
            }
        }
    }
}
