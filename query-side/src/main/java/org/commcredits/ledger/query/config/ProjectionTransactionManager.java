package org.commcredits.ledger.query.config;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
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

    ProjectionTransactionManager(PlatformTransactionManager transactions, JdbcTemplate jdbc, boolean relaxCommits) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.relaxCommits = relaxCommits;
    }

    @Override
    public Transaction startTransaction() {
        TransactionStatus status = transactions.getTransaction(new DefaultTransactionDefinition());
        if (relaxCommits && status.isNewTransaction()) {
            jdbc.execute("SET LOCAL synchronous_commit TO OFF");
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
}
