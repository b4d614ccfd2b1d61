package io.dataops.loader.service;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * A connection that counts what crosses to a database server: each statement prepared (H2's client prepares on the
 * server) and each execution; a JDBC batch counts once, as H2 2.4 (TCP protocol 21) and Oracle's driver send it in
 * one message.
 */
final class CountingConnection {
    int prepared;
    int executed;

    int roundTrips() {
        return prepared + executed;
    }

    Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(connection, method, args);
                    if (method.getName().equals("prepareStatement")) {
                        prepared++;
                        return counted((PreparedStatement) result, PreparedStatement.class);
                    }
                    if (method.getName().equals("createStatement")) {
                        return counted((Statement) result, Statement.class);
                    }
                    return result;
                });
    }

    private <T> T counted(T statement, Class<T> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch" -> executed++;
                default -> {
                }
            }
            return invoke(statement, method, args);
        };
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
