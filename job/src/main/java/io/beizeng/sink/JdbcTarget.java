package io.beizeng.sink;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Where results go: a JDBC URL and credentials. The password comes from the environment, never a flag, and
 * {@link #toString()} never shows it.
 */
public record JdbcTarget(String url, String user, String password) implements Serializable {
    public static final String PASSWORD_ENV = "BEIZENG_JDBC_PASSWORD";

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public String toString() {
        return "JdbcTarget[url=" + url + ", user=" + user + "]";
    }
}
