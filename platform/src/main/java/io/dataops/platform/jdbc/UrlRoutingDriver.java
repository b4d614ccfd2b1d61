package io.dataops.platform.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Lets one build talk to H2 or Oracle, chosen by the JDBC URL at run time. Quarkus fixes the datasource
 * db-kind at build time, so the services build with db-kind {@code other} and name this driver; it hands
 * {@code jdbc:h2:} URLs to H2 and {@code jdbc:oracle:} URLs to ojdbc (docs/adr/0003-one-artifact-h2-or-oracle.md).
 */
public final class UrlRoutingDriver implements Driver {
    private static final String H2_DRIVER = "org.h2.Driver";
    private static final String ORACLE_DRIVER = "oracle.jdbc.OracleDriver";

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        return acceptsURL(url) ? delegateFor(url).connect(url, info) : null;
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && (url.startsWith("jdbc:h2:") || url.startsWith("jdbc:oracle:"));
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return delegateFor(url).getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    private static Driver delegateFor(String url) throws SQLException {
        String className = url.startsWith("jdbc:oracle:") ? ORACLE_DRIVER : H2_DRIVER;
        try {
            return (Driver) Class.forName(className, true, UrlRoutingDriver.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new SQLException("JDBC driver " + className + " is not on the class path", e);
        }
    }
}
