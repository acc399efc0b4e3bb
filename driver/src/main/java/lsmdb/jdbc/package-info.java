/**
 * The JDBC driver ({@code jdbc:lsm:} URLs). The abstract {@code Base*} classes the driver's JDBC objects extend are
 * written at build time by {@code lsmdb-jdbc-base-gen} from the requests below: every method of the JDBC interface,
 * refused with 0A000 (or, for metadata, answered "no"), so the driver overrides only what it supports.
 */
@JdbcBase(of = java.sql.Connection.class, name = "BaseConnection")
@JdbcBase(of = java.sql.DatabaseMetaData.class, name = "BaseDatabaseMetaData", answer = JdbcBase.Answer.NO)
@JdbcBase(of = java.sql.ParameterMetaData.class, name = "BaseParameterMetaData")
@JdbcBase(of = java.sql.Statement.class, name = "BaseStatement")
@JdbcBase(of = java.sql.PreparedStatement.class, name = "BasePreparedStatement", superclass = "LsmStatement",
        inherited = java.sql.Statement.class)
@JdbcBase(of = java.sql.ResultSet.class, name = "BaseResultSet")
@JdbcBase(of = java.sql.ResultSetMetaData.class, name = "BaseResultSetMetaData")
package lsmdb.jdbc;

import lsmdb.jdbcgen.JdbcBase;
