package org.commcredits.ledger.platform.storage;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a database outage (the server restarting, unreachable, or the pool without a connection within its
 * timeout) from every other failure. An outage is answered {@code 503 STORE_UNAVAILABLE} and retried by the
 * projections; anything else is a defect or bad data and must not be hidden as "try again".
 */
public final class StoreFailures {

    private StoreFailures() {
    }

    /** True when {@code failure}, or any of its causes, says the database could not be reached. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof QueryTimeoutException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof ConnectException
                    || cause instanceof SocketException) {
                return true;
            }
            if (cause instanceof SQLException sql && (connectionState(sql.getSQLState()) || closedByPool(sql))) {
                return true;
            }
            // A rollback that fails after the connection died hides the outage that made the command fail.
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && rollback.getApplicationException() != failure && isUnavailable(rollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /**
     * HikariCP answers a connection it has already evicted as broken with a state-less "Connection is closed"
     * (its {@code ClosedConnection} proxy); the pool closes connections only when they failed or on shutdown.
     */
    private static boolean closedByPool(SQLException sql) {
        return sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage());
    }

    /**
     * SQL states of a lost or refused connection: class 08 (connection exception) and PostgreSQL's 57P01
     * (admin shutdown), 57P02 (crash shutdown), 57P03 (cannot connect now, e.g. still starting up).
     */
    static boolean connectionState(String state) {
        return state != null && (state.startsWith("08") || "57P01".equals(state) || "57P02".equals(state)
                || "57P03".equals(state));
    }
}
