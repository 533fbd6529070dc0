package org.commcredits.ledger.platform.storage;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

/**
 * Tells Axon that an append failed on a unique key, so that two writers of one aggregate end in a
 * {@link org.axonframework.modelling.command.ConcurrencyException} (and our retry) rather than a generic
 * storage error. Axon's own JDBC resolver only knows {@link SQLIntegrityConstraintViolationException},
 * which the PostgreSQL driver never throws; both PostgreSQL and H2 report SQLState {@code 23505}.
 */
public class DuplicateKeyResolver implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
