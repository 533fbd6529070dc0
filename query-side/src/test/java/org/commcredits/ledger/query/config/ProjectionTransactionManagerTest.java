package org.commcredits.ledger.query.config;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * INV-REL-02: a projection transaction that cannot be prepared is rolled back at once, so the thread is left
 * without a bound connection and the processor's next attempt starts clean (issue 16: after a PostgreSQL
 * restart the failed {@code SET LOCAL} left the transaction bound and the processor never recovered).
 */
class ProjectionTransactionManagerTest {

    @Test
    void aFailedSetLocalRollsBackAndUnbindsTheTransaction() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:ptm;DB_CLOSE_DELAY=-1");
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        JdbcTemplate failing = new JdbcTemplate(dataSource) {
            @Override
            public void execute(String sql) {
                throw new DataAccessResourceFailureException("An I/O error occurred while sending to the backend");
            }
        };
        ProjectionTransactionManager manager = new ProjectionTransactionManager(transactions, failing, true);

        assertThatThrownBy(manager::startTransaction).isInstanceOf(DataAccessResourceFailureException.class);

        assertThat(TransactionSynchronizationManager.hasResource(dataSource)).isFalse();
        assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isFalse();
        // and the next transaction can start and commit normally
        ProjectionTransactionManager healthy = new ProjectionTransactionManager(transactions, new JdbcTemplate(dataSource), false);
        healthy.startTransaction().commit();
        assertThat(TransactionSynchronizationManager.hasResource(dataSource)).isFalse();
    }
}
