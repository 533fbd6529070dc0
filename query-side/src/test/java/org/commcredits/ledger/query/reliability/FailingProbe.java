package org.commcredits.ledger.query.reliability;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A projection of the tests (scanned with the query side's own) that fails on demand for tenants whose id
 * starts with {@code poison}: with a failing SQL statement, the hard case on PostgreSQL, where it aborts the
 * batch's transaction. Off unless a test switches it on.
 */
@Component
@ProcessingGroup(FailingProbe.PROCESSOR)
public class FailingProbe {

    public static final String PROCESSOR = "failing-probe";
    static final AtomicBoolean FAILING = new AtomicBoolean(false);

    private final JdbcTemplate jdbc;
    private final List<String> handled = new CopyOnWriteArrayList<>();

    FailingProbe(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FundsAdded event) {
        if (FAILING.get() && event.tenantId().value().startsWith("poison")) {
            jdbc.queryForList("SELECT no_such_column FROM rm_account");
        }
        if (!handled.contains(event.trancheId() + "@" + event.tenantId().value())) {
            handled.add(event.trancheId() + "@" + event.tenantId().value());
        }
    }

    List<String> handled() {
        return handled;
    }

    @ResetHandler
    void reset() {
        handled.clear();
    }
}
