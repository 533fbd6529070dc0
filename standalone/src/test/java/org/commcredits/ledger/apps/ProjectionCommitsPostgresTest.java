package org.commcredits.ledger.apps;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * INV-RM-10: projections commit without waiting for the disk (their rows and token are lost together and
 * redone), while commands and the command side's own processors keep durable commits.
 */
class ProjectionCommitsPostgresTest extends LedgerOnPostgres {

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private TransactionTemplate transactions;

    @Test
    @DisplayName("INV-RM-10: a projection's transaction commits asynchronously; a command's and a command-side processor's do not")
    void onlyProjectionsRelaxTheirCommits() {
        for (String projection : new String[]{"balance", "ledger", "invoices", "usage", "notifications", "eligibility"}) {
            assertThat(settingInside(processing.transactionManager(projection))).as(projection).isEqualTo("off");
        }
        assertThat(settingInside(processing.transactionManager("license-credit-seats")))
                .as("the command side's tracking processor sends commands: durable").isEqualTo("on");
        String command = transactions.execute(status -> jdbc.queryForObject("SHOW synchronous_commit", String.class));
        assertThat(command).as("a command's transaction").isEqualTo("on");
        Transaction outer = processing.transactionManager("license-credit-seats").startTransaction();
        try {
            assertThat(settingInside(processing.transactionManager("balance")))
                    .as("joined, a projection's manager leaves the caller's transaction as it is").isEqualTo("on");
        } finally {
            outer.rollback();
        }
    }

    private String settingInside(TransactionManager manager) {
        Transaction transaction = manager.startTransaction();
        try {
            return jdbc.queryForObject("SHOW synchronous_commit", String.class);
        } finally {
            transaction.rollback();
        }
    }
}
