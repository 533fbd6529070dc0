package org.commcredits.ledger.platform.diagnostics;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;

/**
 * Counts the database round trips each thread makes: every statement execution (a JDBC batch counts once,
 * as pgjdbc sends it in one go), every commit and every rollback, through the data source's connections.
 *
 * <p>Why a count rather than a timing: how many times a command waits for the database is what bounds its
 * latency on a busy database, and unlike a timing the count does not move with the machine's load. It is a
 * diagnostic, off by default ({@code ledger.diagnostics.round-trips=true}, see {@link RoundTripDiagnostics}); the
 * call benchmark turns it on and prints the counts per request ({@code docs/benchmarks.md}).
 *
 * <p>What it does not see: work on other threads that a request caused (the snapshotter, the projections)
 * and fetches of further rows of a result set read with a fetch size.
 */
public final class RoundTrips {

    private static final ThreadLocal<long[]> COUNT = ThreadLocal.withInitial(() -> new long[1]);
    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");
    private static final Set<String> ENDINGS = Set.of("commit", "rollback");

    private RoundTrips() {
    }

    /** Starts counting the current thread's round trips from zero. */
    public static void reset() {
        COUNT.get()[0] = 0;
    }

    /** The current thread's round trips since {@link #reset()}. */
    public static long count() {
        return COUNT.get()[0];
    }

    /** The data source, with every connection it hands out counted. */
    public static DataSource counting(DataSource dataSource) {
        return proxy(DataSource.class, dataSource, (target, method, args) -> {
            Object result = method.invoke(target, args);
            return result instanceof Connection connection ? counting(connection) : result;
        });
    }

    private static Connection counting(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            if (ENDINGS.contains(method.getName())) {
                COUNT.get()[0]++;
            }
            Object result = method.invoke(target, args);
            return result instanceof Statement statement ? counting(statement) : result;
        });
    }

    private static Statement counting(Statement statement) {
        Class<?> type = statement instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                : statement instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
        return (Statement) proxy(type, statement, (target, method, args) -> {
            if (EXECUTIONS.contains(method.getName())) {
                COUNT.get()[0]++;
            }
            return method.invoke(target, args);
        });
    }

    private interface Call {
        Object invoke(Object target, Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, Call call) {
        InvocationHandler handler = (self, method, args) -> {
            if (method.getName().equals("unwrap") && args != null && args.length == 1 && args[0] instanceof Class<?> wanted
                    && wanted.isInstance(target)) {
                return target; // pgjdbc's CopyManager and Spring's extractors unwrap to the driver's own types
            }
            if (method.getName().equals("isWrapperFor") && args != null && args.length == 1
                    && args[0] instanceof Class<?> wanted && wanted.isInstance(target)) {
                return true;
            }
            try {
                return call.invoke(target, method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(RoundTrips.class.getClassLoader(), new Class<?>[]{type}, handler);
    }
}
