package lsmdb.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import lsmdb.core.LsmDb;
import lsmdb.core.Options;
import lsmdb.core.io.MemFileSystem;
import lsmdb.sql.Result;
import lsmdb.sql.RowCursor;
import lsmdb.sql.Session;
import org.junit.jupiter.api.Test;

/**
 * The shared plan cache is bounded by the text it holds, not only by its number of statements: a fuzz run of
 * statements with IN lists of up to 50,000 literals filled a 1 GB heap with their cached plans (each megabytes).
 */
class PlanCacheTest {

    /** A prefix no shape of parse.LiteralParameters matches: the statement binds with its literals. */
    private static final String AS_WRITTEN = "/* as written */ ";

    @Test
    void statementsWithLongInListsDoNotGrowTheCachePastItsBudget() throws Exception {
        try (LsmDb engine = LsmDb.open(Path.of("/db"), Options.defaults().withFileSystem(new MemFileSystem()))) {
            Database db = Database.open(engine);
            try (Session s = db.openSession()) {
                run(s, "CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(10))");
                run(s, "INSERT INTO kv VALUES (3, 'c')");
                long textCached = 0;
                for (int i = 0; i < 120; i++) {
                    // distinct statements of 10,001 literals, ~30,000 characters each, behind a comment so that
                    // they bind as written rather than share the plan of their parameterized form
                    StringBuilder sql = new StringBuilder(AS_WRITTEN + "SELECT v FROM kv WHERE k IN (").append(i + 1000);
                    for (int j = 0; j < 10_000; j++) {
                        sql.append(", ").append(j % 7);
                    }
                    String text = sql.append(')').toString();
                    assertEquals(1, count(s, text), text.substring(0, 40));
                    textCached += text.length();
                    assertTrue(db.cachedPlanChars() <= Database.PLAN_CACHE_CHARS,
                            "cache holds " + db.cachedPlanChars() + " characters after " + (i + 1) + " statements");
                }
                assertTrue(textCached > 2 * Database.PLAN_CACHE_CHARS, "the statements outweigh the budget");
                // still a cache: the statement just run is found again
                String small = "SELECT v FROM kv WHERE k = 3";
                assertEquals(1, count(s, small));
                assertTrue(db.caches("SELECT v FROM kv WHERE k = ?"), "cached as its parameterized form");
            }
        }
    }

    @Test
    void aStatementLongerThanTheLimitIsBoundEachTimeAndNotCached() throws Exception {
        try (LsmDb engine = LsmDb.open(Path.of("/db"), Options.defaults().withFileSystem(new MemFileSystem()))) {
            Database db = Database.open(engine);
            try (Session s = db.openSession()) {
                run(s, "CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(10))");
                run(s, "INSERT INTO kv VALUES (3, 'c')");
                StringBuilder sql = new StringBuilder(AS_WRITTEN + "SELECT v FROM kv WHERE k IN (3");
                while (sql.length() <= Database.LONGEST_CACHED_STATEMENT) {
                    sql.append(", 4");
                }
                String text = sql.append(')').toString();
                assertEquals(1, count(s, text));
                assertEquals(1, count(s, text), "bound again, same answer");
                assertFalse(db.caches(text));
                assertEquals(0, db.cachedPlanChars() - cachedSmallStatements(db));
            }
        }
    }

    @Test
    void textsThatDifferOnlyInTheirLimitShareOnePlan() throws Exception {
        try (LsmDb engine = LsmDb.open(Path.of("/db"), Options.defaults().withFileSystem(new MemFileSystem()))) {
            Database db = Database.open(engine);
            try (Session s = db.openSession()) {
                run(s, "CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(10))");
                for (int k = 0; k < 20; k++) {
                    run(s, "INSERT INTO kv VALUES (" + k + ", 'v')");
                }
                String shape = "SELECT v FROM kv WHERE k >= ? ORDER BY k LIMIT ? OFFSET ?";
                assertEquals(5, count(s, "SELECT v FROM kv WHERE k >= 3 ORDER BY k LIMIT 5 OFFSET 1"));
                long chars = db.cachedPlanChars();
                assertTrue(db.caches(shape));
                for (int limit = 0; limit < 12; limit++) {
                    String text = "SELECT v FROM kv WHERE k >= 3 ORDER BY k LIMIT " + limit + " OFFSET 1";
                    assertEquals(limit, count(s, text), text);
                    assertTrue(((PreparedPlan) s.prepare(text)).plan == db.cached(shape), text);
                    assertFalse(db.caches(text), text);
                }
                assertEquals(chars, db.cachedPlanChars(), "one plan for every LIMIT");
                assertEquals(3, count(s, "SELECT v FROM kv WHERE k >= 3 ORDER BY k LIMIT 5 OFFSET 14"));
            }
        }
    }

    /** Characters of the two short statements each test runs first (cached like any other). */
    private static long cachedSmallStatements(Database db) {
        long n = 0;
        for (String sql : new String[] {"CREATE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO kv VALUES (?, ?)"}) { // the INSERT as its parameterized form
            n += db.caches(sql) ? sql.length() : 0;
        }
        return n;
    }

    private static void run(Session s, String sql) throws Exception {
        Result r = s.execute(s.prepare(sql), new Object[0]);
        if (r.isQuery()) {
            r.rows().close();
        }
    }

    private static int count(Session s, String sql) throws Exception {
        Result r = s.execute(s.prepare(sql), new Object[0]);
        int n = 0;
        try (RowCursor c = r.rows()) {
            while (c.next()) {
                n++;
            }
        }
        return n;
    }
}
