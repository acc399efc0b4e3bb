package lsmdb.jdbc;

import lsmdb.sql.ColumnInfo;

/** Precision and display size of each type, as metadata reports them. */
final class TypeSizes {

    private TypeSizes() {
    }

    static int precision(ColumnInfo c) {
        return switch (c.type()) {
            case TINYINT -> 3;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            case UUID -> 36;
            case TIME -> 18;
            case TIMESTAMP_WITH_TIME_ZONE -> 35;
            case DOUBLE -> 17;
            case BOOLEAN -> 1;
            case VARCHAR, CHAR, VARBINARY -> c.length() > 0 ? c.length() : Integer.MAX_VALUE;
            case TIMESTAMP -> 29;
            case DATE -> 10;
            case DECIMAL -> c.length();
        };
    }

    static int displaySize(ColumnInfo c) {
        return switch (c.type()) {
            case TINYINT -> 4;
            case SMALLINT -> 6;
            case INTEGER -> 11;
            case BIGINT -> 20;
            case UUID -> 36;
            case TIME -> 18;
            case TIMESTAMP_WITH_TIME_ZONE -> 35;
            case DOUBLE -> 24;
            case BOOLEAN -> 5;
            case VARCHAR, CHAR -> c.length() > 0 ? c.length() : 64;
            case VARBINARY -> c.length() > 0 ? c.length() * 2 : 64;
            case TIMESTAMP -> 29;
            case DATE -> 10;
            case DECIMAL -> c.length() + 2;
        };
    }
}
