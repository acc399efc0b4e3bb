package lsmdb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Types;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** TINYINT, SMALLINT, UUID and TIME through JDBC: setters, getObject classes, result and catalog metadata. */
class JdbcTypesTest {

    private static final UUID ID = UUID.fromString("f0e1d2c3-b4a5-9687-7869-5a4b3c2d1e0f");

    @Test
    void valuesComeBackInTheirJdbcClassesWithTheirTypeCodes() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:lsm:mem:jdbc-types-1");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id UUID PRIMARY KEY, a TINYINT, b SMALLINT, at TIME)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?)")) {
                p.setObject(1, ID);
                p.setByte(2, (byte) -7);
                p.setShort(3, (short) 1234);
                p.setTime(4, Time.valueOf("13:14:15"));
                p.executeUpdate();
                p.setObject(1, UUID.fromString("00000000-0000-0000-0000-000000000000"));
                p.setObject(2, 127);
                p.setObject(3, (short) -32768);
                p.setObject(4, LocalTime.of(0, 0, 1, 250_000_000));
                p.executeUpdate();
                p.setObject(1, UUID.randomUUID());
                p.setInt(2, 128);
                p.setNull(3, Types.SMALLINT);
                p.setNull(4, Types.TIME);
                SQLException e = assertThrows(SQLException.class, p::executeUpdate);
                assertEquals("22003", e.getSQLState(), e.getMessage());
                assertInstanceOf(SQLDataException.class, e);
            }
            try (ResultSet rs = s.executeQuery("SELECT id, a, b, at FROM t ORDER BY id DESC")) {
                ResultSetMetaData md = rs.getMetaData();
                assertEquals(Types.OTHER, md.getColumnType(1));
                assertEquals("UUID", md.getColumnTypeName(1));
                assertEquals(UUID.class.getName(), md.getColumnClassName(1));
                assertEquals(Types.TINYINT, md.getColumnType(2));
                assertEquals(Types.SMALLINT, md.getColumnType(3));
                assertEquals(Types.TIME, md.getColumnType(4));
                rs.next();
                assertEquals(ID, rs.getObject(1));
                assertEquals(ID, rs.getObject(1, UUID.class));
                assertEquals(ID.toString(), rs.getString(1));
                assertEquals(Integer.valueOf(-7), rs.getObject(2));
                assertEquals(-7, rs.getByte(2));
                assertEquals(Integer.valueOf(1234), rs.getObject(3));
                assertEquals(Time.valueOf("13:14:15"), rs.getObject(4));
                assertEquals(LocalTime.of(13, 14, 15), rs.getObject(4, LocalTime.class));
                rs.next();
                assertEquals(Integer.valueOf(127), rs.getObject(2));
                assertEquals(LocalTime.of(0, 0, 1, 250_000_000), rs.getObject(4, LocalTime.class));
                assertEquals(Time.class, rs.getObject(4).getClass());
            }
            try (PreparedStatement p = c.prepareStatement("SELECT b FROM t WHERE id = ?")) {
                p.setString(1, ID.toString().toUpperCase());
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    assertEquals(1234, rs.getInt(1));
                }
            }
        }
    }

    @Test
    void catalogMetadataNamesTheTypes() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:lsm:mem:jdbc-types-2");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE m (k SMALLINT PRIMARY KEY, t TINYINT, u UUID, at TIME)");
            Map<String, Integer> codes = new HashMap<>();
            Map<String, String> names = new HashMap<>();
            try (ResultSet rs = c.getMetaData().getColumns(null, null, "M", null)) {
                while (rs.next()) {
                    codes.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
                    names.put(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"));
                }
            }
            assertEquals(Map.of("K", Types.SMALLINT, "T", Types.TINYINT, "U", Types.OTHER, "AT", Types.TIME), codes);
            assertEquals(Map.of("K", "SMALLINT", "T", "TINYINT", "U", "UUID", "AT", "TIME"), names);
            Map<String, Integer> info = new HashMap<>();
            try (ResultSet rs = c.getMetaData().getTypeInfo()) {
                while (rs.next()) {
                    info.put(rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE"));
                }
            }
            assertEquals(Types.TINYINT, info.get("TINYINT"));
            assertEquals(Types.SMALLINT, info.get("SMALLINT"));
            assertEquals(Types.OTHER, info.get("UUID"));
            assertEquals(Types.TIME, info.get("TIME"));
        }
    }

    @Test
    void timestampsWithTimeZoneComeBackAsOffsetDateTimes() throws Exception {
        OffsetDateTime at = OffsetDateTime.of(2026, 1, 31, 12, 0, 0, 123_000_000, ZoneOffset.ofHours(2));
        try (Connection c = DriverManager.getConnection("jdbc:lsm:mem:jdbc-types-3");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE e (at TIMESTAMP WITH TIME ZONE PRIMARY KEY, n INT)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO e VALUES (?, ?)")) {
                p.setObject(1, at);
                p.setInt(2, 1);
                p.executeUpdate();
                p.setObject(1, at.toInstant().plusSeconds(60)); // an Instant: stored at UTC
                p.setInt(2, 2);
                p.executeUpdate();
            }
            try (ResultSet rs = s.executeQuery("SELECT at FROM e ORDER BY at")) {
                assertEquals(Types.TIMESTAMP_WITH_TIMEZONE, rs.getMetaData().getColumnType(1));
                assertEquals("TIMESTAMP WITH TIME ZONE", rs.getMetaData().getColumnTypeName(1));
                rs.next();
                assertEquals(at, rs.getObject(1));
                assertEquals(at, rs.getObject(1, OffsetDateTime.class));
                assertEquals(at.toInstant(), rs.getTimestamp(1).toInstant());
                assertEquals("2026-01-31 12:00:00.123+02:00", rs.getString(1));
                rs.next();
                assertEquals(at.toInstant().plusSeconds(60).atOffset(ZoneOffset.UTC), rs.getObject(1));
            }
            try (ResultSet rs = c.getMetaData().getColumns(null, null, "E", "AT")) {
                rs.next();
                assertEquals(Types.TIMESTAMP_WITH_TIMEZONE, rs.getInt("DATA_TYPE"));
            }
        }
    }
}
