package lsmdb.flyway;

import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.parser.Parser;
import org.flywaydb.core.internal.parser.ParsingContext;

/** Splits migration scripts into statements: standard SQL quoting and comments, {@code ;} as the delimiter. */
final class LsmParser extends Parser {

    /** How many characters the tokenizer may look ahead (as for the other standard-SQL databases). */
    private static final int PEEK_DEPTH = 3;

    LsmParser(Configuration configuration, ParsingContext context) {
        super(configuration, context, PEEK_DEPTH);
    }
}
