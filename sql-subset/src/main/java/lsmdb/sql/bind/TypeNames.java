package lsmdb.sql.bind;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.Errors;
import lsmdb.sql.SqlType;
import net.sf.jsqlparser.statement.create.table.ColDataType;

/** SQL type names (with their lengths, precisions and scales) to column types. */
final class TypeNames {

    private TypeNames() {
    }

    static ColumnInfo column(String col, ColDataType dt, boolean nullable, boolean key, String table)
            throws SQLException {
        String type = dt.getDataType().toUpperCase(Locale.ROOT).trim();
        List<String> args = dt.getArgumentsStringList() == null ? List.of() : dt.getArgumentsStringList();
        int paren = type.indexOf('(');
        if (paren >= 0) {
            // Some types arrive with their arguments in the name: "DECIMAL (10, 2)".
            if (args.isEmpty() && type.endsWith(")")) {
                args = List.of(type.substring(paren + 1, type.length() - 1).split(","));
            }
            type = type.substring(0, paren).trim();
        }
        type = type.replaceAll("\\s+", " ");
        int length = 0;
        int scale = 0;
        SqlType t;
        switch (type) {
            case "INT", "INTEGER", "INT4", "MEDIUMINT" -> t = SqlType.INTEGER;
            case "SMALLINT", "INT2" -> t = SqlType.SMALLINT;
            case "TINYINT", "INT1" -> t = SqlType.TINYINT;
            case "UUID" -> t = SqlType.UUID;
            case "TIME", "TIME WITHOUT TIME ZONE" -> t = SqlType.TIME;
            case "BIGINT", "INT8" -> t = SqlType.BIGINT;
            case "DOUBLE", "DOUBLE PRECISION", "FLOAT", "REAL", "FLOAT8", "FLOAT4" -> t = SqlType.DOUBLE;
            case "BOOLEAN", "BOOL" -> t = SqlType.BOOLEAN;
            case "VARCHAR", "CHARACTER VARYING", "TEXT", "VARCHAR2", "CLOB", "NVARCHAR", "STRING" -> {
                t = SqlType.VARCHAR;
                length = args.isEmpty() ? 0 : number(args.get(0), col);
            }
            case "CHAR", "CHARACTER", "NCHAR" -> {
                t = SqlType.CHAR;
                length = args.isEmpty() ? 1 : number(args.get(0), col);
            }
            case "VARBINARY", "BLOB", "BYTEA", "BINARY", "BINARY VARYING" -> {
                t = SqlType.VARBINARY;
                length = args.isEmpty() ? 0 : number(args.get(0), col);
            }
            case "TIMESTAMP", "DATETIME", "TIMESTAMP WITHOUT TIME ZONE" -> t = SqlType.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> t = SqlType.TIMESTAMP_WITH_TIME_ZONE;
            case "DATE" -> t = SqlType.DATE;
            case "DECIMAL", "NUMERIC", "DEC", "NUMBER" -> {
                t = SqlType.DECIMAL;
                length = args.isEmpty() ? 38 : number(args.get(0), col);
                scale = args.size() < 2 ? (args.isEmpty() ? 10 : 0) : scale(args.get(1), col);
                if (length < 1 || length > 1000 || scale > length) {
                    throw Errors.syntax("bad DECIMAL(" + length + "," + scale + ") for column " + col);
                }
            }
            default -> throw Errors.unsupported("the type " + type + (col == null ? "" : " (column " + col + ")"));
        }
        return new ColumnInfo(col == null ? "" : col, t, length, scale, nullable, key, table);
    }

    private static int scale(String s, String col) throws SQLException {
        try {
            int n = Integer.parseInt(s.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw Errors.syntax("bad DECIMAL scale '" + s + "' for column " + col);
        }
    }

    /** A declared length or precision; 0 is refused because internally it means "no limit". */
    private static int number(String s, String col) throws SQLException {
        try {
            int n = Integer.parseInt(s.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw Errors.syntax("bad type length '" + s + "' for column " + col);
        }
    }
}
