package lsmdb.sql;

import java.sql.Types;

/** The column types of the SQL subset (SPEC §3), with the JDBC type code and the class {@code getObject} returns. */
public enum SqlType {
    INTEGER(Types.INTEGER, Integer.class, "INTEGER"),
    BIGINT(Types.BIGINT, Long.class, "BIGINT"),
    DOUBLE(Types.DOUBLE, Double.class, "DOUBLE"),
    BOOLEAN(Types.BOOLEAN, Boolean.class, "BOOLEAN"),
    VARCHAR(Types.VARCHAR, String.class, "VARCHAR"),
    CHAR(Types.CHAR, String.class, "CHAR"),
    VARBINARY(Types.VARBINARY, byte[].class, "VARBINARY"),
    TIMESTAMP(Types.TIMESTAMP, java.sql.Timestamp.class, "TIMESTAMP"),
    DATE(Types.DATE, java.sql.Date.class, "DATE"),
    DECIMAL(Types.DECIMAL, java.math.BigDecimal.class, "DECIMAL"),
    // Appended: the catalog stores a column's type as its ordinal, so new types go at the end.
    /** -128..127, computed with as Long like every integer, handed out as Integer (JDBC's default class). */
    TINYINT(Types.TINYINT, Integer.class, "TINYINT"),
    /** -32768..32767, as TINYINT otherwise. */
    SMALLINT(Types.SMALLINT, Integer.class, "SMALLINT"),
    /** java.util.UUID; ordered as an unsigned 128-bit number (the big-endian bytes), as PostgreSQL orders uuid. */
    UUID(Types.OTHER, java.util.UUID.class, "UUID"),
    /** A time of day to the nanosecond, computed with as java.time.LocalTime, handed out as java.sql.Time. */
    TIME(Types.TIME, java.sql.Time.class, "TIME"),
    /**
     * An instant and its offset, as java.time.OffsetDateTime; compared, keyed and grouped by the instant alone (SQL's
     * rule: 12:00+02:00 equals 10:00Z), the offset kept beside it.
     */
    TIMESTAMP_WITH_TIME_ZONE(Types.TIMESTAMP_WITH_TIMEZONE, java.time.OffsetDateTime.class, "TIMESTAMP WITH TIME ZONE");

    private final int jdbcType;
    private final Class<?> javaClass;
    private final String sqlName;

    SqlType(int jdbcType, Class<?> javaClass, String sqlName) {
        this.jdbcType = jdbcType;
        this.javaClass = javaClass;
        this.sqlName = sqlName;
    }

    /** The {@link java.sql.Types} code. */
    public int jdbcType() {
        return jdbcType;
    }

    /** The class of values of this type as the SQL layer hands them out (and {@code getObject} returns). */
    public Class<?> javaClass() {
        return javaClass;
    }

    public String sqlName() {
        return sqlName;
    }

    /** TINYINT, SMALLINT, INTEGER or BIGINT. */
    public boolean isInteger() {
        return this == TINYINT || this == SMALLINT || this == INTEGER || this == BIGINT;
    }

    /** An integer type, DOUBLE or DECIMAL. */
    public boolean isNumeric() {
        return isInteger() || this == DOUBLE || this == DECIMAL;
    }
}
