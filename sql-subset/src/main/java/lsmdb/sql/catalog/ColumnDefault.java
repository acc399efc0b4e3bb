package lsmdb.sql.catalog;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A column's DEFAULT as ALTER TABLE sets it: a constant (already of the column's type), or the time of the insert.
 *
 * @param value the constant for {@link Kind#LITERAL} (null means DEFAULT NULL); unused otherwise
 */
public record ColumnDefault(Kind kind, Object value) {

    public enum Kind { LITERAL, CURRENT_TIMESTAMP, CURRENT_DATE }

    /** The value an insert that leaves the column out stores. */
    public Object evaluate() {
        return switch (kind) {
            case LITERAL -> value;
            case CURRENT_TIMESTAMP -> Timestamp.valueOf(LocalDateTime.now());
            case CURRENT_DATE -> Date.valueOf(LocalDate.now());
        };
    }
}
