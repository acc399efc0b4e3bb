package lsmdb.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLSyntaxErrorException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptsTest {

    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments() throws Exception {
        assertEquals(List.of("CREATE TABLE t (a INT PRIMARY KEY)", "INSERT INTO t VALUES (1, 'a;b')", "SELECT \";\" FROM t"),
                Scripts.split("CREATE TABLE t (a INT PRIMARY KEY); -- one; two\n"
                        + "INSERT INTO t VALUES (1, 'a;b') /* ; */ ;;\n SELECT \";\" FROM t;"));
    }

    @Test
    void emptyScriptHasNoStatements() throws Exception {
        assertEquals(List.of(), Scripts.split(" ; -- nothing\n ;"));
    }

    @Test
    void innerCommentsStayInTheStatement() throws Exception {
        assertEquals(List.of("SELECT /* x */ 1"), Scripts.split("SELECT /* x */ 1"));
    }

    @Test
    void lexicalErrorsAreRefused() {
        assertEquals("42000", assertThrows(SQLSyntaxErrorException.class, () -> Scripts.split("SELECT 1; SELECT 'x"))
                .getSQLState());
    }
}
