package lsmdb.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import lsmdb.sql.ColumnInfo;
import lsmdb.sql.ForeignKeyInfo;
import lsmdb.sql.SqlType;
import lsmdb.sql.TableInfo;

/**
 * What tools ask about the database: names and versions, the tables and their columns and keys, the types, and
 * truthful answers about supported features. Features lsmdb lacks answer false or with an empty result set that has
 * the standard columns.
 */
final class LsmDatabaseMetaData extends BaseDatabaseMetaData {

    private final LsmConnection connection;

    LsmDatabaseMetaData(LsmConnection connection) {
        this.connection = connection;
    }

    // ---------------------------------------------------------------- result sets

    private static List<ColumnInfo> cols(String spec) {
        List<ColumnInfo> out = new ArrayList<>();
        for (String c : spec.split(",")) {
            String[] p = c.trim().split(":");
            SqlType t = p.length > 1 ? switch (p[1]) {
                case "I" -> SqlType.INTEGER;
                case "L" -> SqlType.BIGINT;
                case "B" -> SqlType.BOOLEAN;
                default -> SqlType.VARCHAR;
            } : SqlType.VARCHAR;
            out.add(new ColumnInfo(p[0], t, 0, 0, true, false, ""));
        }
        return out;
    }

    private static final String TABLES = "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,TABLE_TYPE,REMARKS,TYPE_CAT,TYPE_SCHEM,"
            + "TYPE_NAME,SELF_REFERENCING_COL_NAME,REF_GENERATION";
    private static final String COLUMNS = "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,COLUMN_NAME,DATA_TYPE:I,TYPE_NAME,"
            + "COLUMN_SIZE:I,BUFFER_LENGTH:I,DECIMAL_DIGITS:I,NUM_PREC_RADIX:I,NULLABLE:I,REMARKS,COLUMN_DEF,"
            + "SQL_DATA_TYPE:I,SQL_DATETIME_SUB:I,CHAR_OCTET_LENGTH:I,ORDINAL_POSITION:I,IS_NULLABLE,SCOPE_CATALOG,"
            + "SCOPE_SCHEMA,SCOPE_TABLE,SOURCE_DATA_TYPE:I,IS_AUTOINCREMENT,IS_GENERATEDCOLUMN";
    private static final String PRIMARY_KEYS = "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,COLUMN_NAME,KEY_SEQ:I,PK_NAME";
    private static final String INDEX_INFO = "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,NON_UNIQUE:B,INDEX_QUALIFIER,INDEX_NAME,"
            + "TYPE:I,ORDINAL_POSITION:I,COLUMN_NAME,ASC_OR_DESC,CARDINALITY:L,PAGES:L,FILTER_CONDITION";
    private static final String TYPE_INFO = "TYPE_NAME,DATA_TYPE:I,PRECISION:I,LITERAL_PREFIX,LITERAL_SUFFIX,"
            + "CREATE_PARAMS,NULLABLE:I,CASE_SENSITIVE:B,SEARCHABLE:I,UNSIGNED_ATTRIBUTE:B,FIXED_PREC_SCALE:B,"
            + "AUTO_INCREMENT:B,LOCAL_TYPE_NAME,MINIMUM_SCALE:I,MAXIMUM_SCALE:I,SQL_DATA_TYPE:I,SQL_DATETIME_SUB:I,"
            + "NUM_PREC_RADIX:I";
    private static final String KEYS = "PKTABLE_CAT,PKTABLE_SCHEM,PKTABLE_NAME,PKCOLUMN_NAME,FKTABLE_CAT,FKTABLE_SCHEM,"
            + "FKTABLE_NAME,FKCOLUMN_NAME,KEY_SEQ:I,UPDATE_RULE:I,DELETE_RULE:I,FK_NAME,PK_NAME,DEFERRABILITY:I";
    private static final Map<String, String> EMPTY_COLUMNS = Map.ofEntries(
            Map.entry("getProcedures", "PROCEDURE_CAT,PROCEDURE_SCHEM,PROCEDURE_NAME,RESERVED1,RESERVED2,RESERVED3,"
                    + "REMARKS,PROCEDURE_TYPE:I,SPECIFIC_NAME"),
            Map.entry("getProcedureColumns", "PROCEDURE_CAT,PROCEDURE_SCHEM,PROCEDURE_NAME,COLUMN_NAME,COLUMN_TYPE:I,"
                    + "DATA_TYPE:I,TYPE_NAME,PRECISION:I,LENGTH:I,SCALE:I,RADIX:I,NULLABLE:I,REMARKS"),
            Map.entry("getFunctions", "FUNCTION_CAT,FUNCTION_SCHEM,FUNCTION_NAME,REMARKS,FUNCTION_TYPE:I,SPECIFIC_NAME"),
            Map.entry("getFunctionColumns", "FUNCTION_CAT,FUNCTION_SCHEM,FUNCTION_NAME,COLUMN_NAME,COLUMN_TYPE:I,"
                    + "DATA_TYPE:I,TYPE_NAME,PRECISION:I,LENGTH:I,SCALE:I,RADIX:I,NULLABLE:I,REMARKS"),
            Map.entry("getImportedKeys", KEYS),
            Map.entry("getExportedKeys", KEYS),
            Map.entry("getCrossReference", KEYS),
            Map.entry("getUDTs", "TYPE_CAT,TYPE_SCHEM,TYPE_NAME,CLASS_NAME,DATA_TYPE:I,REMARKS,BASE_TYPE:I"),
            Map.entry("getSuperTypes", "TYPE_CAT,TYPE_SCHEM,TYPE_NAME,SUPERTYPE_CAT,SUPERTYPE_SCHEM,SUPERTYPE_NAME"),
            Map.entry("getSuperTables", "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,SUPERTABLE_NAME"),
            Map.entry("getColumnPrivileges", "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,COLUMN_NAME,GRANTOR,GRANTEE,PRIVILEGE,"
                    + "IS_GRANTABLE"),
            Map.entry("getTablePrivileges", "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,GRANTOR,GRANTEE,PRIVILEGE,IS_GRANTABLE"),
            Map.entry("getVersionColumns", "SCOPE:I,COLUMN_NAME,DATA_TYPE:I,TYPE_NAME,COLUMN_SIZE:I,BUFFER_LENGTH:I,"
                    + "DECIMAL_DIGITS:I,PSEUDO_COLUMN:I"),
            Map.entry("getPseudoColumns", "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,COLUMN_NAME,DATA_TYPE:I,COLUMN_SIZE:I,"
                    + "DECIMAL_DIGITS:I,NUM_PREC_RADIX:I,COLUMN_USAGE,REMARKS,CHAR_OCTET_LENGTH:I,IS_NULLABLE"),
            Map.entry("getClientInfoProperties", "NAME,MAX_LEN:I,DEFAULT_VALUE,DESCRIPTION"),
            Map.entry("getAttributes", "TYPE_CAT,TYPE_SCHEM,TYPE_NAME,ATTR_NAME,DATA_TYPE:I,ATTR_TYPE_NAME,ATTR_SIZE:I,"
                    + "DECIMAL_DIGITS:I,NUM_PREC_RADIX:I,NULLABLE:I,REMARKS,ATTR_DEF,SQL_DATA_TYPE:I,"
                    + "SQL_DATETIME_SUB:I,CHAR_OCTET_LENGTH:I,ORDINAL_POSITION:I,IS_NULLABLE,SCOPE_CATALOG,"
                    + "SCOPE_SCHEMA,SCOPE_TABLE,SOURCE_DATA_TYPE:I"),
            Map.entry("getSchemas", "TABLE_SCHEM,TABLE_CATALOG"),
            Map.entry("getCatalogs", "TABLE_CAT"));

    @Override
    ResultSet empty(String method) throws SQLException {
        connection.checkOpen();
        String spec = EMPTY_COLUMNS.get(method);
        if (spec == null && method.equals("getBestRowIdentifier")) {
            spec = "SCOPE:I,COLUMN_NAME,DATA_TYPE:I,TYPE_NAME,COLUMN_SIZE:I,BUFFER_LENGTH:I,DECIMAL_DIGITS:I,PSEUDO_COLUMN:I";
        }
        return LsmResultSet.empty(null, cols(spec == null ? "VALUE" : spec));
    }

    /** A JDBC LIKE pattern ({@code %}, {@code _}, escape {@code \}) as a case-insensitive regex; null matches all. */
    private static Pattern like(String pattern) {
        if (pattern == null) {
            return null;
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    private static boolean matches(Pattern p, String s) {
        return p == null || p.matcher(s).matches();
    }

    private List<TableInfo> tables(String tableNamePattern) throws SQLException {
        connection.checkOpen();
        Pattern p = like(tableNamePattern);
        List<TableInfo> out = new ArrayList<>();
        for (TableInfo t : connection.entry().db.tables()) {
            if (matches(p, t.name())) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
            throws SQLException {
        boolean wantTables = types == null;
        if (types != null) {
            for (String t : types) {
                wantTables |= "TABLE".equalsIgnoreCase(t);
            }
        }
        List<Object[]> rows = new ArrayList<>();
        if (wantTables) {
            for (TableInfo t : tables(tableNamePattern)) {
                rows.add(new Object[] {null, null, t.name(), "TABLE", "", null, null, null, null, null});
            }
        }
        return LsmResultSet.of(null, cols(TABLES), rows);
    }

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
            throws SQLException {
        Pattern cp = like(columnNamePattern);
        List<Object[]> rows = new ArrayList<>();
        for (TableInfo t : tables(tableNamePattern)) {
            for (int i = 0; i < t.columns().size(); i++) {
                ColumnInfo c = t.columns().get(i);
                if (!matches(cp, c.name())) {
                    continue;
                }
                boolean nullable = c.nullable() && !c.primaryKey();
                // IS_GENERATEDCOLUMN is about computed columns, which lsmdb lacks; an identity is only
                // auto-increment (as H2 reports it).
                String identity = connection.entry().db.identityColumn(t.name()) == i ? "YES" : "NO";
                rows.add(new Object[] {null, null, t.name(), c.name(), c.type().jdbcType(), c.type().sqlName(),
                    TypeSizes.precision(c), null, c.scale(), 10,
                    nullable ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls, "",
                    connection.entry().db.columnDefault(t.name(), i), null, null,
                    c.type() == SqlType.VARCHAR || c.type() == SqlType.CHAR ? TypeSizes.precision(c) : null, i + 1,
                    nullable ? "YES" : "NO", null, null, null, null, identity, "NO"});
            }
        }
        return LsmResultSet.of(null, cols(COLUMNS), rows);
    }

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (TableInfo t : tables(table == null ? null : table.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"))) {
            int seq = 1;
            for (int k : t.keyColumns()) {
                rows.add(new Object[] {null, null, t.name(), t.columns().get(k).name(), seq++, "PK_" + t.name()});
            }
        }
        return LsmResultSet.of(null, cols(PRIMARY_KEYS), rows);
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (TableInfo t : tables(table == null ? null : table.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"))) {
            int seq = 1;
            for (int k : t.keyColumns()) {
                rows.add(new Object[] {null, null, t.name(), false, null, "PK_" + t.name(),
                    (int) DatabaseMetaData.tableIndexOther, seq++, t.columns().get(k).name(), "A", null, null, null});
            }
            for (lsmdb.sql.IndexInfo ix : connection.entry().db.indexes(t.name())) {
                if (unique && !ix.unique()) {
                    continue;
                }
                int pos = 1;
                for (String c : ix.columns()) {
                    rows.add(new Object[] {null, null, t.name(), !ix.unique(), null, ix.name(),
                        (int) DatabaseMetaData.tableIndexOther, pos, c, ix.descending().get(pos - 1) ? "D" : "A",
                        null, null, null});
                    pos++;
                }
            }
        }
        return LsmResultSet.of(null, cols(INDEX_INFO), rows);
    }

    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        return foreignKeys(null, table, java.util.Comparator.comparing(ForeignKeyInfo::parentTable));
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        return foreignKeys(table, null, java.util.Comparator.comparing(ForeignKeyInfo::table));
    }

    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
                                       String foreignCatalog, String foreignSchema, String foreignTable)
            throws SQLException {
        return foreignKeys(parentTable, foreignTable, java.util.Comparator.comparing(ForeignKeyInfo::table));
    }

    /** The foreign keys from {@code child} to {@code parent} (null: any), one row per column, in JDBC's order. */
    private ResultSet foreignKeys(String parent, String child, java.util.Comparator<ForeignKeyInfo> order)
            throws SQLException {
        connection.checkOpen();
        lsmdb.sql.SqlDatabase db = connection.entry().db;
        String parentName = parent == null ? null : tableName(db, parent);
        String childName = child == null ? null : tableName(db, child);
        List<ForeignKeyInfo> keys = new ArrayList<>();
        for (ForeignKeyInfo fk : db.foreignKeys()) {
            if ((parent == null || fk.parentTable().equals(parentName))
                    && (child == null || fk.table().equals(childName))) {
                keys.add(fk);
            }
        }
        keys.sort(order.thenComparing(ForeignKeyInfo::name));
        List<Object[]> rows = new ArrayList<>();
        for (ForeignKeyInfo fk : keys) {
            for (int i = 0; i < fk.columns().size(); i++) {
                // Changing or deleting a referenced parent row is refused while children exist: RESTRICT.
                rows.add(new Object[] {null, null, fk.parentTable(), fk.parentColumns().get(i), null, null,
                    fk.table(), fk.columns().get(i), i + 1, (int) DatabaseMetaData.importedKeyRestrict,
                    (int) DatabaseMetaData.importedKeyRestrict, fk.name(), fk.parentKey(),
                    (int) DatabaseMetaData.importedKeyNotDeferrable});
            }
        }
        return LsmResultSet.of(null, cols(KEYS), rows);
    }

    /** The catalog's name of table {@code name} (case-insensitive unless quoted), or the name itself. */
    private static String tableName(lsmdb.sql.SqlDatabase db, String name) {
        TableInfo t = db.table(name);
        return t == null ? name : t.name();
    }

    @Override
    public ResultSet getTableTypes() throws SQLException {
        connection.checkOpen();
        return LsmResultSet.of(null, cols("TABLE_TYPE"), List.<Object[]>of(new Object[] {"TABLE"}));
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        return getSchemas(null, null);
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        connection.checkOpen();
        List<Object[]> rows = new ArrayList<>();
        for (String schema : List.of("PUBLIC", "SYS")) {
            if (schemaPattern == null || schema.matches(schemaPattern.replace("%", ".*").replace("_", "."))) {
                rows.add(new Object[] {schema, null});
            }
        }
        return LsmResultSet.of(null, cols("TABLE_SCHEM,TABLE_CATALOG"), rows);
    }

    @Override
    public ResultSet getCatalogs() throws SQLException {
        return empty("getCatalogs");
    }

    @Override
    public ResultSet getTypeInfo() throws SQLException {
        connection.checkOpen();
        List<Object[]> rows = new ArrayList<>();
        Object[][] types = {
            {"BOOLEAN", Types.BOOLEAN, 1, null, null, null},
            {"TINYINT", Types.TINYINT, 3, null, null, null},
            {"SMALLINT", Types.SMALLINT, 5, null, null, null},
            {"INTEGER", Types.INTEGER, 10, null, null, null},
            {"BIGINT", Types.BIGINT, 19, null, null, null},
            {"DOUBLE", Types.DOUBLE, 17, null, null, null},
            {"DECIMAL", Types.DECIMAL, 1000, null, null, "PRECISION,SCALE"},
            {"CHAR", Types.CHAR, Integer.MAX_VALUE, "'", "'", "LENGTH"},
            {"VARCHAR", Types.VARCHAR, Integer.MAX_VALUE, "'", "'", "LENGTH"},
            {"VARBINARY", Types.VARBINARY, Integer.MAX_VALUE, "X'", "'", "LENGTH"},
            {"DATE", Types.DATE, 10, "DATE '", "'", null},
            {"TIME", Types.TIME, 18, "TIME '", "'", null},
            {"TIMESTAMP", Types.TIMESTAMP, 29, "TIMESTAMP '", "'", null},
            {"TIMESTAMP WITH TIME ZONE", Types.TIMESTAMP_WITH_TIMEZONE, 35, "TIMESTAMP '", "'", null},
            {"UUID", Types.OTHER, 36, "'", "'", null},
        };
        for (Object[] t : types) {
            boolean text = t[1].equals(Types.VARCHAR) || t[1].equals(Types.CHAR);
            boolean identity = t[1].equals(Types.INTEGER) || t[1].equals(Types.BIGINT); // may be an identity column
            rows.add(new Object[] {t[0], t[1], t[2], t[3], t[4], t[5], (int) DatabaseMetaData.typeNullable, text,
                (int) DatabaseMetaData.typeSearchable, false, false, identity, t[0], 0, t[1].equals(Types.DECIMAL) ? 1000 : 0,
                null, null, 10});
        }
        return LsmResultSet.of(null, cols(TYPE_INFO), rows);
    }

    // ---------------------------------------------------------------- names and versions

    @Override public Connection getConnection() { return connection; }
    @Override public String getDatabaseProductName() { return "lsmdb"; }
    @Override public String getDatabaseProductVersion() { return LsmDriver.VERSION; }
    @Override public int getDatabaseMajorVersion() { return LsmDriver.MAJOR; }
    @Override public int getDatabaseMinorVersion() { return LsmDriver.MINOR; }
    @Override public String getDriverName() { return "lsmdb JDBC driver"; }
    @Override public String getDriverVersion() { return LsmDriver.VERSION; }
    @Override public int getDriverMajorVersion() { return LsmDriver.MAJOR; }
    @Override public int getDriverMinorVersion() { return LsmDriver.MINOR; }
    @Override public int getJDBCMajorVersion() { return 4; }
    @Override public int getJDBCMinorVersion() { return 2; }
    @Override public String getURL() { return connection.config().url(); }
    @Override public String getUserName() { return ""; }
    @Override public boolean isReadOnly() throws SQLException { return connection.isReadOnly(); }

    // ---------------------------------------------------------------- identifiers and SQL

    @Override public String getIdentifierQuoteString() { return "\""; }
    @Override public String getSQLKeywords() { return "UPSERT,SHUTDOWN"; }
    @Override public String getSearchStringEscape() { return "\\"; }
    @Override public String getExtraNameCharacters() { return ""; }
    @Override public String getCatalogSeparator() { return "."; }
    @Override public String getCatalogTerm() { return "catalog"; }
    @Override public String getSchemaTerm() { return "schema"; }
    @Override public String getProcedureTerm() { return "procedure"; }
    @Override public String getNumericFunctions() { return ""; }
    @Override public String getStringFunctions() { return ""; }
    @Override public String getSystemFunctions() { return ""; }
    @Override public String getTimeDateFunctions() { return ""; }
    @Override public boolean storesUpperCaseIdentifiers() { return true; }
    @Override public boolean storesMixedCaseQuotedIdentifiers() { return true; }
    @Override public boolean supportsMixedCaseQuotedIdentifiers() { return true; }
    @Override public boolean supportsColumnAliasing() { return true; }
    @Override public boolean supportsOrderByUnrelated() { return true; }
    @Override public boolean supportsNonNullableColumns() { return true; }
    @Override public boolean supportsMinimumSQLGrammar() { return true; }
    @Override public boolean nullsAreSortedLow() { return true; }
    @Override public boolean nullPlusNonNullIsNull() { return true; }
    @Override public boolean allTablesAreSelectable() { return true; }
    @Override public boolean usesLocalFiles() { return true; }
    @Override public boolean supportsUnionAll() { return false; }

    // ---------------------------------------------------------------- transactions and results

    @Override public boolean supportsTransactions() { return true; }
    @Override public int getDefaultTransactionIsolation() { return Connection.TRANSACTION_REPEATABLE_READ; }
    @Override public boolean supportsTransactionIsolationLevel(int level) {
        return level == Connection.TRANSACTION_REPEATABLE_READ;
    }
    @Override public boolean supportsDataManipulationTransactionsOnly() { return true; }
    @Override public boolean supportsBatchUpdates() { return true; }
    @Override public boolean supportsResultSetType(int type) { return type == ResultSet.TYPE_FORWARD_ONLY; }
    @Override public boolean supportsResultSetConcurrency(int type, int concurrency) {
        return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY;
    }
    @Override public boolean supportsResultSetHoldability(int h) { return h == ResultSet.CLOSE_CURSORS_AT_COMMIT; }
    @Override public int getResultSetHoldability() { return ResultSet.CLOSE_CURSORS_AT_COMMIT; }
    @Override public int getSQLStateType() { return DatabaseMetaData.sqlStateSQL; }
    @Override public boolean supportsGetGeneratedKeys() { return true; }
    @Override public boolean supportsMultipleOpenResults() { return true; }
    @Override public boolean supportsSavepoints() { return true; }
}
