package org.commcredits.ledger.platform.storage;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** INV-REL-06: an outage is told from a defect, so only an outage is answered 503 and retried as such. */
class StoreFailuresTest {

    @Test
    void outagesAreUnavailable() {
        assertThat(StoreFailures.isUnavailable(new CannotCreateTransactionException("Could not open JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 5000ms")))).isTrue();
        assertThat(StoreFailures.isUnavailable(new EventStoreException("Failed to read events",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(StoreFailures.isUnavailable(new CommandExecutionException("wrapped", new RuntimeException(
                new SQLException("An I/O error occurred while sending to the backend.", "08006"))))).isTrue();
        assertThat(StoreFailures.isUnavailable(new SQLException("the database system is starting up", "57P03"))).isTrue();
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a rollback that fails on a dead connection is an outage, not a 500 (seen in the fault harness)")
    void failedRollbackAfterAnOutageIsUnavailable() {
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        assertThat(StoreFailures.isUnavailable(rollbackFailed)).isTrue();
        TransactionSystemException hidingTheOutage = new TransactionSystemException("JDBC rollback failed",
                new SQLException("rollback refused", "XX000"));
        hidingTheOutage.initApplicationException(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        assertThat(StoreFailures.isUnavailable(hidingTheOutage)).isTrue();
        TransactionSystemException hidingADefect = new TransactionSystemException("JDBC rollback failed",
                new SQLException("rollback refused", "XX000"));
        hidingADefect.initApplicationException(new IllegalStateException("a bug"));
        assertThat(StoreFailures.isUnavailable(hidingADefect)).isFalse();
        assertThat(StoreFailures.isUnavailable(new SQLException("Connection is closed", "42000"))).isFalse();
    }

    @Test
    void defectsAndConflictsAreNot() {
        assertThat(StoreFailures.isUnavailable(new DuplicateKeyException("duplicate key"))).isFalse();
        assertThat(StoreFailures.isUnavailable(new BadSqlGrammarException("query", "SELECT x", new SQLException("no column", "42703")))).isFalse();
        assertThat(StoreFailures.isUnavailable(new DataIntegrityViolationException("check violated"))).isFalse();
        assertThat(StoreFailures.isUnavailable(new IllegalStateException("a bug"))).isFalse();
    }
}
