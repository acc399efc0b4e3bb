package lsmdb.sql.parse;

import java.util.List;
import java.util.regex.Pattern;
import net.sf.jsqlparser.parser.CCJSqlParser;

/**
 * Per-statement cost of the front on simple statements, before (JSqlParser called directly, after the regexes
 * the old SqlParser ran) and after (lexer, bounded JSqlParser, deny check). A measurement, not a test:
 * {@code java -cp <test-classpath> lsmdb.sql.parse.FrontCost}.
 */
public final class FrontCost {

    private static final Pattern CONTROL = Pattern.compile(
            "\\s*(BEGIN(\\s+(WORK|TRANSACTION))?|START\\s+TRANSACTION|COMMIT(\\s+WORK)?|ROLLBACK(\\s+WORK)?|SHUTDOWN)\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern UPSERT = Pattern.compile("^(\\s*)UPSERT(\\s+INTO\\b)", Pattern.CASE_INSENSITIVE);

    private static final List<String> SIMPLE = List.of(
            "SELECT id, name, balance FROM accounts WHERE id = ?",
            "INSERT INTO accounts (id, name, balance) VALUES (?, ?, ?)",
            "UPDATE accounts SET balance = balance + ? WHERE id = ?",
            "DELETE FROM accounts WHERE id = ?",
            "SELECT id, name FROM accounts WHERE id >= ? AND id < ? ORDER BY id LIMIT 100");

    private FrontCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int n = 20_000;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String sql = SIMPLE.get(i % SIMPLE.size());
                if (!CONTROL.matcher(sql).matches() && !UPSERT.matcher(sql).find()) {
                    new CCJSqlParser(sql).Statement();
                }
            }
            long before = System.nanoTime() - t0;
            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                ParsedStatement p = SqlFront.parse(SIMPLE.get(i % SIMPLE.size()));
                DenyCheck.check(((ParsedStatement.Sql) p).statement());
            }
            long after = System.nanoTime() - t0;
            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                SqlLexer.lex(SIMPLE.get(i % SIMPLE.size()));
            }
            long lex = System.nanoTime() - t0;
            System.out.printf("round %d: before %.1f us/statement, after %.1f us/statement (lexer alone %.2f us)%n",
                    r, before / 1e3 / n, after / 1e3 / n, lex / 1e3 / n);
        }
    }
}
