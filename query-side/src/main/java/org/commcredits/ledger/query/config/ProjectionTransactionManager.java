package org.commcredits.ledger.query.config;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * The transactions of the query side's projections: Spring transactions as Axon's own
 * {@code SpringTransactionManager} runs them, except that on PostgreSQL a projection's own transaction commits
 * without waiting for the write-ahead log to reach the disk ({@code SET LOCAL synchronous_commit TO OFF}).
 *
 * <p>Why this is safe for read models, and only for them: a projection's rows and its tracking token are
 * written in one transaction, so a crash loses both together (at most the last few hundred milliseconds of
 * projection work) and the processor handles those events again from its stored token. Nothing else is
 * affected: the setting is local to that transaction, a transaction joined from a caller is left as it is,
 * and commands and their events keep durable commits. Measured effect in docs/benchmarks.md.
 */
final class ProjectionTransactionManager implements TransactionManager {

    private final PlatformTransactionManager transactions;
    private final JdbcTemplate jdbc;
    private final boolean relaxCommits;
    private final DefaultTransactionDefinition definition;

    ProjectionTransactionManager(PlatformTransactionManager transactions, JdbcTemplate jdbc, boolean relaxCommits) {
        this(transactions, jdbc, relaxCommits, TransactionDefinition.PROPAGATION_REQUIRED);
    }

    private ProjectionTransactionManager(PlatformTransactionManager transactions, JdbcTemplate jdbc, boolean relaxCommits,
                                         int propagation) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.relaxCommits = relaxCommits;
        this.definition = new DefaultTransactionDefinition(propagation);
    }

    /**
     * The same, but every transaction is a new one, never joined: for handling parked events again. Axon runs each
     * dead letter in a unit of work nested in the queue's; joined, a letter whose handler failed on PostgreSQL
     * aborted the shared transaction, and the queue could not then record that it stays parked.
     */
    ProjectionTransactionManager alwaysNew() {
        return new ProjectionTransactionManager(transactions, jdbc, relaxCommits, TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public Transaction startTransaction() {
        TransactionStatus status = transactions.getTransaction(definition);
        if (relaxCommits && status.isNewTransaction()) {
            try {
                jdbc.execute("SET LOCAL synchronous_commit TO OFF");
            } catch (RuntimeException failure) {
                // The transaction is open and bound to this thread: leaving it so (as before issue 16) kept a
                // dead connection bound after a database restart, and every later batch of the processor
                // failed with "UnitOfWork is in an incompatible phase" until the JVM was restarted.
                rollbackQuietly(status, failure);
                throw failure;
            }
        }
        return new Transaction() {
            @Override
            public void commit() {
                if (status.isNewTransaction() && !status.isCompleted()) {
                    transactions.commit(status);
                }
            }

            @Override
            public void rollback() {
                if (status.isNewTransaction() && !status.isCompleted()) {
                    transactions.rollback(status);
                }
            }
        };
    }

    private void rollbackQuietly(TransactionStatus status, RuntimeException cause) {
        try {
            transactions.rollback(status);
        } catch (RuntimeException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
