package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Time;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The types of SPEC §3.1 beyond the first ones: stored, compared, keyed, indexed, cast and range-checked. */
class SqlTypesTest extends SqlTestBase {

    @Test
    void tinyintAndSmallintAreRangeCheckedKeysAndIndexes() throws Exception {
        exec("CREATE TABLE s (t TINYINT PRIMARY KEY, m SMALLINT, v INT)");
        exec("CREATE INDEX s_m ON s (m)");
        exec("INSERT INTO s VALUES (-128, 32767, 1), (127, -32768, 2), (0, NULL, 3), (-1, 5, 4)");
        fails("22003", "INSERT INTO s VALUES (128, 1, 5)");
        fails("22003", "INSERT INTO s VALUES (-129, 1, 5)");
        fails("22003", "INSERT INTO s VALUES (1, 32768, 5)");
        fails("22003", "INSERT INTO s VALUES (1, -32769, 5)");
        fails("22003", "UPDATE s SET t = t + 1 WHERE t = 127");
        fails("22003", "UPDATE s SET m = m * 2 WHERE v = 1");
        fails("22003", "SELECT CAST(300 AS TINYINT)");
        assertEquals(List.of(row(-1)), query("SELECT CAST(-1.9 AS TINYINT)"), "a cast truncates toward zero");
        assertEquals(List.of(row(-128), row(-1), row(0), row(127)), query("SELECT t FROM s ORDER BY t"));
        assertTrue(explain("SELECT v FROM s WHERE t BETWEEN -1 AND 0").contains("PRIMARY KEY RANGE"));
        assertEquals(List.of(row(3), row(4)), query("SELECT v FROM s WHERE t BETWEEN -1 AND 0 ORDER BY t DESC"));
        assertTrue(explain("SELECT v FROM s WHERE m > 0").contains("INDEX S_M RANGE"));
        assertEquals(List.of(row(4), row(1)), query("SELECT v FROM s WHERE m > 0 ORDER BY m"));
        assertEquals(List.of(row(-32768, 32767, 4L)), query("SELECT MIN(m), MAX(m), SUM(m) FROM s"));
        assertEquals(List.of(row(65534L)), query("SELECT m + m FROM s WHERE t = -128"),
                "arithmetic on small integers is BIGINT arithmetic: only storing range-checks");
        reopen();
        assertEquals(List.of(row(127, -32768)), query("SELECT t, m FROM s WHERE m = -32768"));
        fails("23505", "INSERT INTO s VALUES (127, 0, 0)");
    }

    @Test
    void compositeKeysOfSmallIntegersOrderAndSeek() throws Exception {
        exec("CREATE TABLE c (a SMALLINT, b TINYINT, v INT, PRIMARY KEY (a, b))");
        exec("INSERT INTO c VALUES (1, -5, 1), (1, 7, 2), (-3, 0, 3), (1, 0, 4)");
        assertEquals(List.of(row(1), row(4), row(2)), query("SELECT v FROM c WHERE a = 1 ORDER BY a, b"));
        assertEquals(List.of(row(3), row(1), row(4), row(2)), query("SELECT v FROM c"));
    }

    @Test
    void uuidsAreKeysIndexesAndCompareAsUnsigned128BitNumbers() throws Exception {
        exec("CREATE TABLE u (id UUID PRIMARY KEY, ref UUID, n INT)");
        exec("CREATE INDEX u_ref ON u (ref)");
        String low = "00000000-0000-0000-0000-000000000001";
        String high = "ffffffff-0000-0000-0000-000000000000"; // negative as a signed long: must still sort last
        String mid = "7fffffff-ffff-ffff-8000-000000000000";
        exec("INSERT INTO u VALUES ('" + high + "', '" + low + "', 1), ('" + low + "', NULL, 2), (?, ?, 3)",
                UUID.fromString(mid), mid.toUpperCase());
        assertEquals(List.of(row(UUID.fromString(low)), row(UUID.fromString(mid)), row(UUID.fromString(high))),
                query("SELECT id FROM u ORDER BY id"));
        assertEquals(List.of(row(UUID.fromString(high)), row(UUID.fromString(mid)), row(UUID.fromString(low))),
                query("SELECT id FROM u ORDER BY id DESC"));
        assertTrue(explain("SELECT n FROM u WHERE id = '" + mid + "'").contains("PRIMARY KEY POINT"));
        assertEquals(List.of(row(3)), query("SELECT n FROM u WHERE id = '" + mid + "'"));
        assertEquals(List.of(row(3)), query("SELECT n FROM u WHERE id = ?", UUID.fromString(mid)));
        assertEquals(List.of(row(3), row(1)), query("SELECT n FROM u WHERE id > '" + low + "' ORDER BY id"));
        assertTrue(explain("SELECT n FROM u WHERE ref = '" + mid + "'").contains("INDEX U_REF"));
        assertEquals(List.of(row(3)), query("SELECT n FROM u WHERE ref = CAST('" + mid + "' AS UUID)"));
        assertEquals(List.of(row(1), row(3)), query("SELECT n FROM u WHERE ref IS NOT NULL ORDER BY ref"));
        assertEquals(List.of(row(mid)), query("SELECT CAST(id AS VARCHAR(36)) FROM u WHERE n = 3"));
        assertEquals(List.of(row(2), row(3)),
                query("SELECT n FROM u a WHERE EXISTS (SELECT 1 FROM u b WHERE b.ref = a.id) ORDER BY n"));
        fails("23505", "INSERT INTO u VALUES ('" + low + "', NULL, 9)");
        fails("22018", "INSERT INTO u VALUES ('not-a-uuid', NULL, 9)");
        fails("22018", "INSERT INTO u VALUES ('1-1-1-1-1', NULL, 9)");
        fails("22018", "INSERT INTO u VALUES (5, NULL, 9)");
        reopen();
        assertEquals(List.of(row(UUID.fromString(low), null)), query("SELECT id, ref FROM u WHERE n = 2"));
    }

    @Test
    void timesOrderByTimeOfDayAndCast() throws Exception {
        exec("CREATE TABLE tm (t TIME PRIMARY KEY, u TIME)");
        exec("CREATE INDEX tm_u ON tm (u)");
        exec("INSERT INTO tm VALUES ('23:59:59.5', '00:00:00'), (TIME '00:00:00', NULL), ('12:30', '12:30:01')");
        List<Object> order = new ArrayList<>();
        for (List<Object> r : query("SELECT t FROM tm ORDER BY t")) {
            order.add(((Time) r.get(0)).toString());
        }
        assertEquals(List.of("00:00:00", "12:30:00", "23:59:59"), order);
        assertEquals(List.of(row("23:59:59.5")), query("SELECT CAST(t AS VARCHAR(20)) FROM tm WHERE t > '12:30:00'"));
        assertTrue(explain("SELECT t FROM tm WHERE u >= '12:00:00'").contains("INDEX TM_U RANGE"));
        assertEquals(1, query("SELECT t FROM tm WHERE u >= '12:00:00'").size());
        assertEquals(List.of(row(12L, 30L)), query("SELECT EXTRACT(HOUR FROM t), EXTRACT(MINUTE FROM t) FROM tm"
                + " WHERE t = TIME '12:30:00'"));
        assertEquals(List.of(row("10:11:12")),
                query("SELECT CAST(CAST(TIMESTAMP '2026-01-31 10:11:12' AS TIME) AS VARCHAR(8))"));
        exec("INSERT INTO tm VALUES (?, NULL)", LocalTime.of(1, 2, 3, 4_000_000));
        assertEquals(List.of(row("01:02:03.004")), query("SELECT CAST(t AS VARCHAR(20)) FROM tm WHERE t < '02:00'"
                + " AND t > '00:00'"));
        assertEquals(List.of(row(Time.valueOf("12:30:01"))),
                query("SELECT (SELECT MAX(u) FROM tm) FROM tm WHERE t = '12:30:00'"),
                "a scalar subquery has its column's type (found by the differential test: it came back a LocalTime)");
        fails("22018", "INSERT INTO tm VALUES ('25:00:00', NULL)");
        fails("23505", "INSERT INTO tm VALUES ('12:30:00', NULL)");
        reopen();
        assertEquals(4, query("SELECT t FROM tm").size());
    }

    @Test
    void timestampsWithTimeZoneKeepTheirOffsetAndOrderByInstant() throws Exception {
        exec("CREATE TABLE z (at TIMESTAMP WITH TIME ZONE PRIMARY KEY, seen TIMESTAMPTZ, n INT)");
        exec("CREATE INDEX z_seen ON z (seen)");
        exec("INSERT INTO z VALUES (TIMESTAMP '2026-01-31 12:00:00+02:00', '2026-01-31 09:30:00Z', 1),"
                + " ('2026-01-31 11:00:00+00:00', '2026-01-31 12:00:00+05:30', 2), (?, NULL, 3)",
                OffsetDateTime.of(2026, 1, 31, 5, 0, 0, 500, ZoneOffset.ofHours(-8)));
        assertEquals(List.of(row(1), row(2), row(3)), query("SELECT n FROM z ORDER BY at"),
                "10:00Z, 11:00Z, 13:00Z: the instants' order, not the written times'");
        assertEquals(List.of(row(OffsetDateTime.of(2026, 1, 31, 12, 0, 0, 0, ZoneOffset.ofHours(2)))),
                query("SELECT at FROM z WHERE n = 1"), "a key keeps its offset");
        assertTrue(explain("SELECT n FROM z WHERE at = '2026-01-31 10:00:00Z'").contains("PRIMARY KEY POINT"));
        assertEquals(List.of(row(1)), query("SELECT n FROM z WHERE at = '2026-01-31 10:00:00Z'"),
                "equal instants are equal values whatever their offsets");
        assertEquals(List.of(row(1)), query("SELECT n FROM z WHERE at = TIMESTAMP '2026-01-31 11:00:00+01:00'"));
        fails("23505", "INSERT INTO z VALUES ('2026-01-31 13:00:00+03:00', NULL, 9)");
        assertTrue(explain("SELECT n FROM z WHERE seen < '2026-01-31 07:00:00Z'").contains("INDEX Z_SEEN RANGE"));
        assertEquals(List.of(row(2)), query("SELECT n FROM z WHERE seen < '2026-01-31 07:00:00Z'"));
        assertEquals(List.of(row("2026-01-31 12:00:00+05:30")),
                query("SELECT CAST(seen AS VARCHAR(40)) FROM z WHERE n = 2"));
        assertEquals(List.of(row(1L)), query("SELECT COUNT(*) FROM z WHERE at <= '2026-01-31 12:00:00+02:00'"));
        assertEquals(List.of(row(12L)), query("SELECT EXTRACT(HOUR FROM at) FROM z WHERE n = 1"));
        fails("22018", "INSERT INTO z VALUES ('yesterday', NULL, 9)");
        exec("UPDATE z SET at = '2026-01-31 09:00:00-01:00' WHERE n = 1"); // same instant, another offset
        reopen();
        assertEquals(List.of(row(OffsetDateTime.of(2026, 1, 31, 9, 0, 0, 0, ZoneOffset.ofHours(-1)))),
                query("SELECT at FROM z WHERE n = 1"));
        assertEquals(List.of(row(OffsetDateTime.of(2026, 1, 31, 5, 0, 0, 500, ZoneOffset.ofHours(-8)), null)),
                query("SELECT at, seen FROM z WHERE n = 3"));
    }

    @Test
    void unionColumnsTakeTheCommonNumericType() throws Exception {
        // found by the differential test: BIGINT UNION DOUBLE gave the BIGINT rows as exact integers
        exec("CREATE TABLE a (x BIGINT)");
        exec("CREATE TABLE b (y DOUBLE)");
        exec("INSERT INTO a VALUES (-9223372036854775808), (2)");
        exec("INSERT INTO b VALUES (2.0), (0.5)");
        assertEquals(List.of(row(-9.223372036854775808E18), row(0.5), row(2.0)),
                query("SELECT x FROM a UNION SELECT y FROM b ORDER BY 1"), "doubles, and 2 = 2.0 is one row");
        assertEquals(List.of(row(new java.math.BigDecimal("2")), row(new java.math.BigDecimal("2.50"))),
                query("SELECT x FROM a WHERE x > 0 UNION ALL SELECT CAST(2.5 AS DECIMAL(5,2)) ORDER BY 1"),
                "BIGINT and DECIMAL parts make a DECIMAL column");
    }
}
