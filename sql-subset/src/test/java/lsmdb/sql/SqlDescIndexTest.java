package lsmdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * DESC index columns (SPEC §3.1): entries stored with the column complemented, so key ranges over it run reversed
 * and an ORDER BY in the index's directions reads it without sorting. Every query through a DESC index must return
 * what the same query returns with the index out of reach ({@code n + 0}, {@code s || ''}).
 */
class SqlDescIndexTest extends SqlTestBase {

    private static final String[] STRINGS = {"", "a", "ab", "abc", "abd", "b", "ba", "a\u0000", "a\u0000b", "\u00ff",
        "\u00ffz", "é", "zz", "A"};

    /** Query templates: {n}, {s}, {m} stand for the column (index usable) or an expression over it (not). */
    private static final String[] QUERIES = {
        "SELECT id, n, s, m FROM t WHERE {n} > ?1",
        "SELECT id, n, s, m FROM t WHERE {n} >= ?1",
        "SELECT id, n, s, m FROM t WHERE {n} < ?1",
        "SELECT id, n FROM t WHERE {n} <= ?1",
        "SELECT id, n FROM t WHERE {n} = ?1",
        "SELECT id, n, s FROM t WHERE {n} BETWEEN ?1 AND ?2",
        "SELECT id, n, m FROM t WHERE {n} IN (?1, ?2, 3, -3)",
        "SELECT id, n FROM t WHERE {n} > ?1 AND {n} < ?2",
        "SELECT id, s FROM t WHERE {s} > ?3",
        "SELECT id, s, n FROM t WHERE {s} >= ?3",
        "SELECT id, s FROM t WHERE {s} < ?3",
        "SELECT id, s, m FROM t WHERE {s} <= ?3",
        "SELECT id, s FROM t WHERE {s} = ?3",
        "SELECT id, s FROM t WHERE {s} BETWEEN ?3 AND ?4",
        "SELECT id, s FROM t WHERE {s} LIKE 'a%'",
        "SELECT id, s, n FROM t WHERE {s} LIKE ?3 || '%'",
        "SELECT id, s FROM t WHERE {s} IN (?3, ?4)",
        "SELECT id, m, s FROM t WHERE {m} = ?1 AND {s} > ?3",
        "SELECT id, m, s FROM t WHERE {m} = ?1 AND {s} <= ?3",
        "SELECT id, m, s, n FROM t WHERE {m} = ?2 AND {s} LIKE 'a%'",
        "SELECT id, m, s FROM t WHERE {m} BETWEEN ?1 AND ?2",
        "SELECT id, m, s FROM t WHERE {m} IN (?1, ?2) AND {s} < ?4",
        "SELECT COUNT(*), MIN(n), MAX(n) FROM t WHERE {n} < ?2",
    };

    /** Ordered queries: the first output column is the sort key whose sequence must match exactly. */
    private static final String[] ORDERED = {
        "SELECT n, id FROM t ORDER BY {n} DESC LIMIT 7",
        "SELECT n, id, s FROM t ORDER BY {n} DESC",
        "SELECT n, id FROM t WHERE {n} < ?2 ORDER BY {n} DESC",
        "SELECT n, id FROM t ORDER BY {n} LIMIT 5",
        "SELECT s, id FROM t ORDER BY {s} DESC LIMIT 9",
        "SELECT s, id FROM t WHERE {s} >= ?3 ORDER BY {s} DESC",
        "SELECT s, id FROM t ORDER BY {s} DESC NULLS FIRST LIMIT 4",
        "SELECT m || ':' || COALESCE(s, '~null'), id FROM t WHERE {m} >= ?1 ORDER BY {m}, {s} DESC LIMIT 12",
        "SELECT s, id FROM t WHERE {m} = ?1 ORDER BY {s} DESC",
    };

    private void schema() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, n INT, s VARCHAR(8), m INT)");
        exec("CREATE INDEX t_n ON t (n DESC)");
        exec("CREATE INDEX t_s ON t (s DESC)");
        exec("CREATE INDEX t_ms ON t (m ASC, s DESC)");
    }

    private static Object randomInt(Random rnd) {
        return rnd.nextInt(8) == 0 ? null : rnd.nextInt(21) - 10;
    }

    private static Object randomString(Random rnd) {
        return rnd.nextInt(8) == 0 ? null : STRINGS[rnd.nextInt(STRINGS.length)];
    }

    @Test
    void resultsThroughDescIndexesEqualResultsWithoutThem() throws Exception {
        schema();
        Random rnd = new Random(20261129);
        List<Integer> ids = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 60; i++) {
                int op = rnd.nextInt(10);
                if (op < 6 || ids.isEmpty()) {
                    int id = round * 1000 + i;
                    exec("INSERT INTO t VALUES (?, ?, ?, ?)", id, randomInt(rnd), randomString(rnd),
                            rnd.nextInt(5) == 0 ? null : rnd.nextInt(4));
                    ids.add(id);
                } else if (op < 8) {
                    exec("UPDATE t SET n = ?, s = ? WHERE id = ?", randomInt(rnd), randomString(rnd),
                            ids.get(rnd.nextInt(ids.size())));
                } else {
                    exec("DELETE FROM t WHERE id = ?", ids.remove(rnd.nextInt(ids.size())));
                }
            }
            if (round == 2) {
                reopen();
            } else if (round == 4) {
                db.engine().flush();
                db.engine().compactRange(null, null);
            }
            for (int q = 0; q < 25; q++) {
                Object[] params = {randomBound(rnd), randomBound(rnd), STRINGS[rnd.nextInt(STRINGS.length)],
                    STRINGS[rnd.nextInt(STRINGS.length)]};
                for (String template : QUERIES) {
                    assertSameRows(template, params);
                }
                for (String template : ORDERED) {
                    assertSameOrder(template, params);
                }
            }
        }
    }

    private static Object randomBound(Random rnd) {
        return rnd.nextInt(12) == 0 ? null : rnd.nextInt(25) - 12;
    }

    private static String indexed(String template) {
        return template.replace("{n}", "n").replace("{s}", "s").replace("{m}", "m").replaceAll("\\?\\d", "?");
    }

    private static String forced(String template) {
        return indexed(template.replace("{n}", "(n + 0)").replace("{s}", "(s || '')").replace("{m}", "(m + 0)"));
    }

    /** The parameters in the order the template's {@code ?k} (1-based into {@code values}) appear. */
    private static Object[] bind(String template, Object[] values) {
        List<Object> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\?(\\d)").matcher(template);
        while (m.find()) {
            out.add(values[Integer.parseInt(m.group(1)) - 1]);
        }
        return out.toArray();
    }

    private static List<String> sorted(List<List<Object>> rows) {
        List<String> out = new ArrayList<>();
        for (List<Object> r : rows) {
            out.add(r.toString());
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private void assertSameRows(String template, Object[] values) throws Exception {
        Object[] params = bind(template, values);
        String sql = indexed(template);
        assertEquals(sorted(query(forced(template), params)), sorted(query(sql, params)),
                () -> sql + " " + java.util.Arrays.toString(params) + " via\n" + explainQuietly(sql, params));
    }

    private void assertSameOrder(String template, Object[] values) throws Exception {
        Object[] params = bind(template, values);
        String sql = indexed(template);
        List<List<Object>> expected = query(forced(template), params);
        List<List<Object>> actual = query(sql, params);
        List<Object> expectedKeys = new ArrayList<>();
        List<Object> actualKeys = new ArrayList<>();
        expected.forEach(r -> expectedKeys.add(r.get(0)));
        actual.forEach(r -> actualKeys.add(r.get(0)));
        assertEquals(expectedKeys, actualKeys, () -> sql + " " + java.util.Arrays.toString(params) + " via\n"
                + explainQuietly(sql, params));
        if (!sql.contains("LIMIT")) {
            assertEquals(sorted(expected), sorted(actual), sql);
        }
    }

    private String explainQuietly(String sql, Object[] params) {
        try {
            return explain(sql, params);
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void rangesOnADescColumnUseTheIndex() throws Exception {
        schema();
        exec("INSERT INTO t VALUES (1, 5, 'ab', 1), (2, -5, 'a', 1), (3, NULL, NULL, 2), (4, 0, 'abc', NULL)");
        assertTrue(explain("SELECT id FROM t WHERE n > ?", 0).contains("INDEX T_N RANGE"));
        assertTrue(explain("SELECT id FROM t WHERE s LIKE 'ab%'").contains("INDEX T_S RANGE"));
        assertTrue(explain("SELECT id FROM t WHERE m = 1 AND s < 'b'").contains("INDEX T_MS RANGE"));
        assertEquals(List.of(row(1), row(4)), query("SELECT id FROM t WHERE n >= 0 ORDER BY id"));
        assertEquals(List.of(row(2), row(4)), query("SELECT id FROM t WHERE n < 5 ORDER BY id"),
                "a range below a value leaves NULLs out");
        assertEquals(List.of(row(1), row(4)), query("SELECT id FROM t WHERE s LIKE 'ab%' ORDER BY id"));
        assertEquals(List.of(row(2)), query("SELECT id FROM t WHERE s < 'ab'"), "a prefix sorts before");
        assertEquals(List.of(row(1), row(4)), query("SELECT id FROM t WHERE s > 'a' ORDER BY id"));
        assertEquals(List.of(row(2)), query("SELECT id FROM t WHERE m = 1 AND s <= 'a'"));
        assertEquals(List.of(row(3)), query("SELECT id FROM t WHERE n IS NULL"));
    }

    @Test
    void orderByInTheIndexDirectionsReadsTheIndexWithoutSorting() throws Exception {
        schema();
        exec("INSERT INTO t VALUES (1, 1, 'b', 1), (2, NULL, 'a', 1), (3, 3, NULL, 1), (4, -2, 'c', 0)");
        String plan = explain("SELECT id FROM t ORDER BY n DESC LIMIT 2");
        assertTrue(plan.contains("INDEX T_N") && !plan.contains("SORT") && !plan.contains("TOP-N"), plan);
        assertEquals(List.of(row(3), row(1)), query("SELECT id FROM t ORDER BY n DESC LIMIT 2"));
        assertEquals(List.of(row(3), row(1), row(4), row(2)), query("SELECT id FROM t ORDER BY n DESC LIMIT 10"),
                "NULLs last descending");
        plan = explain("SELECT id FROM t ORDER BY n DESC NULLS FIRST LIMIT 2");
        assertTrue(plan.contains("TOP-N") || plan.contains("SORT"), plan);
        assertEquals(List.of(row(2), row(3)), query("SELECT id FROM t ORDER BY n DESC NULLS FIRST LIMIT 2"));
        plan = explain("SELECT id FROM t ORDER BY n LIMIT 2");
        assertTrue(plan.contains("TOP-N") || plan.contains("SORT"), "the index is descending only: " + plan);
        assertEquals(List.of(row(2), row(4)), query("SELECT id FROM t ORDER BY n LIMIT 2"));
        plan = explain("SELECT id, s FROM t WHERE m = 1 ORDER BY s DESC");
        assertTrue(plan.contains("INDEX T_MS") && !plan.contains("SORT"), plan);
        assertEquals(List.of(row(1, "b"), row(2, "a"), row(3, null)),
                query("SELECT id, s FROM t WHERE m = 1 ORDER BY s DESC"));
        plan = explain("SELECT id FROM t ORDER BY m, s DESC LIMIT 3");
        assertTrue(plan.contains("INDEX T_MS") && !plan.contains("TOP-N"), plan);
        assertEquals(List.of(row(4), row(1), row(2)), query("SELECT id FROM t ORDER BY m, s DESC LIMIT 3"));
        plan = explain("SELECT id FROM t ORDER BY m, s LIMIT 3");
        assertTrue(plan.contains("TOP-N") || plan.contains("SORT"), "mixed directions need a sort: " + plan);
    }

    @Test
    void indexOnlyScansDecodeDescEntries() throws Exception {
        schema();
        exec("INSERT INTO t VALUES (1, -7, 'a\u0000b', 1), (2, 7, 'a', 1), (3, NULL, NULL, 1)");
        String plan = explain("SELECT id, s FROM t WHERE s >= 'a'");
        assertTrue(plan.contains("INDEX ONLY"), plan);
        assertEquals(List.of(row(1, "a\u0000b"), row(2, "a")), query("SELECT id, s FROM t WHERE s >= 'a' ORDER BY id"));
        assertTrue(explain("SELECT id, n FROM t WHERE n < 10").contains("INDEX ONLY"));
        assertEquals(List.of(row(7, 2), row(-7, 1)), query("SELECT n, id FROM t WHERE n < 10"));
        assertEquals(List.of(row(1, "a\u0000b", 1), row(1, "a", 2)),
                query("SELECT m, s, id FROM t WHERE m = 1 AND s > ''"));
    }

    @Test
    void uniqueDescIndexesEnforceUniqueness() throws Exception {
        exec("CREATE TABLE u (id INT PRIMARY KEY, v VARCHAR(10), a INT, b INT)");
        exec("CREATE UNIQUE INDEX u_v ON u (v DESC)");
        exec("CREATE UNIQUE INDEX u_ab ON u (a ASC, b DESC)");
        exec("INSERT INTO u VALUES (1, 'x', 1, 1), (2, 'xy', 1, 2), (3, NULL, NULL, 1), (4, NULL, NULL, 1)");
        fails("23505", "INSERT INTO u VALUES (5, 'x', 9, 9)");
        fails("23505", "INSERT INTO u VALUES (5, 'z', 1, 2)");
        fails("23505", "UPDATE u SET v = 'xy' WHERE id = 1");
        exec("INSERT INTO u VALUES (5, 'z', 2, 2)");
        for (IndexInfo ix : db.indexes("U")) {
            assertEquals(ix.name().equals("U_V") ? List.of(true) : List.of(false, true), ix.descending(), ix.name());
        }
        assertTrue(explain("SELECT id FROM u WHERE v = 'xy'").contains("INDEX U_V POINT"));
        assertEquals(List.of(row(2)), query("SELECT id FROM u WHERE v = 'xy'"));
        assertEquals(List.of(row(5)), query("SELECT id FROM u WHERE a = 2 AND b = 2"));
        reopen();
        fails("23505", "INSERT INTO u VALUES (6, 'z', 7, 7)");
        exec("CREATE TABLE d (id INT PRIMARY KEY, v INT)");
        exec("INSERT INTO d VALUES (1, 5), (2, 5)");
        fails("23505", "CREATE UNIQUE INDEX d_v ON d (v DESC)");
        exec("DELETE FROM d WHERE id = 2");
        exec("CREATE UNIQUE INDEX d_v ON d (v DESC)");
        fails("23505", "INSERT INTO d VALUES (3, 5)");
    }

    @Test
    void anIndexBuiltOverExistingRowsAndAlteredTablesKeepTheirDirections() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, n INT, s VARCHAR(8), m INT)");
        for (int i = 0; i < 200; i++) {
            exec("INSERT INTO t VALUES (?, ?, ?, ?)", i, i % 17 - 8, STRINGS[i % STRINGS.length], i % 3);
        }
        exec("CREATE INDEX t_n ON t (n DESC)");
        List<List<Object>> expected = query("SELECT n FROM t ORDER BY n + 0 DESC, id");
        assertEquals(expected, query("SELECT n FROM t ORDER BY n DESC"));
        exec("ALTER TABLE t RENAME COLUMN n TO k");
        exec("ALTER TABLE t RENAME TO t2");
        reopen();
        assertTrue(explain("SELECT k FROM t2 ORDER BY k DESC LIMIT 3").contains("INDEX T_N"));
        assertEquals(expected, query("SELECT k FROM t2 ORDER BY k DESC"));
        assertEquals(query("SELECT id FROM t2 WHERE k + 0 > -3 ORDER BY id"),
                query("SELECT id FROM t2 WHERE k > -3 ORDER BY id"));
        assertFalse(query("SELECT id FROM t2 WHERE k > -3").isEmpty());
    }

    /** A database whose catalog holds an index entry in the layout from before DESC columns still opens and uses it. */
    @Test
    void aCatalogWrittenBeforeDescColumnsStillLoads() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, n INT, s VARCHAR(8), m INT)");
        exec("CREATE INDEX t_n ON t (n)");
        for (int i = 0; i < 50; i++) {
            exec("INSERT INTO t VALUES (?, ?, ?, ?)", i, i % 7 - 3, "x", i);
        }
        byte[] key = {0, 'I', 'T', '_', 'N'};
        byte[] stored = db.engine().get(key);
        assertTrue(stored != null, "the catalog keeps indexes under 0x00 'I' name");
        int id = lsmdb.core.util.Coding.getVarint32(stored, new int[] {1 + 3 + 1 + 1}, stored.length);
        java.io.ByteArrayOutputStream old = new java.io.ByteArrayOutputStream();
        for (String part : new String[] {"T_N", "T"}) {
            old.write(part.length());
            old.writeBytes(part.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        byte[] varint = new byte[5];
        old.write(varint, 0, lsmdb.core.util.Coding.putVarint32(varint, 0, id));
        old.write(0); // not unique
        old.write(1); // one column: slot 1, named N; nothing after it
        old.write(1);
        old.write(1);
        old.write('N');
        assertEquals(java.util.Arrays.toString(old.toByteArray()), java.util.Arrays.toString(stored),
                "an all-ASC index is stored in the old layout");
        db.engine().put(key, old.toByteArray());
        reopen();
        String plan = explain("SELECT n FROM t ORDER BY n LIMIT 9");
        assertTrue(plan.contains("INDEX T_N") && !plan.contains("TOP-N"), "read as ascending: " + plan);
        assertTrue(explain("SELECT id FROM t WHERE n > 1").contains("INDEX T_N RANGE"));
        assertEquals(query("SELECT id FROM t WHERE n + 0 > 1 ORDER BY id"),
                query("SELECT id FROM t WHERE n > 1 ORDER BY id"));
        assertEquals(query("SELECT n FROM t ORDER BY n + 0 LIMIT 9"), query("SELECT n FROM t ORDER BY n LIMIT 9"));
        exec("INSERT INTO t VALUES (100, 2, 'y', 0)");
        assertEquals(List.of(row(100)), query("SELECT id FROM t WHERE n = 2 AND s = 'y'"));
    }

    private void plan(String sql, String... lines) throws Exception {
        assertEquals(String.join("\n", lines) + "\n", explain(sql), sql);
    }

    /** The plan shapes: LIMIT straight over the DESC index (reading stops after n entries), no sort anywhere. */
    @Test
    void planShapes() throws Exception {
        schema();
        plan("SELECT id FROM t ORDER BY n DESC LIMIT 2",
                "PROJECT [ID]",
                "  LIMIT 2",
                "    PROJECT [ID, N]",
                "      SCAN T INDEX T_N RANGE");
        plan("SELECT id, s FROM t WHERE m = 1 ORDER BY s DESC",
                "PROJECT [ID, S]",
                "  FILTER M = 1",
                "    SCAN T INDEX T_MS RANGE");
        plan("SELECT id FROM t WHERE n BETWEEN 1 AND 3 ORDER BY n DESC",
                "PROJECT [ID]",
                "  PROJECT [ID, N]",
                "    FILTER N BETWEEN 1 AND 3",
                "      SCAN T INDEX T_N RANGE");
    }
}
