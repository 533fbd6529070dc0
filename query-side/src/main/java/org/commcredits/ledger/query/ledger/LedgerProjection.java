package org.commcredits.ledger.query.ledger;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.PostpaidUsageRecorded;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.creditaccount.UnfundedUsageRecorded;
import org.commcredits.ledger.platform.storage.EventPositions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies every money movement into {@code rm_ledger_entry}, one row per event keyed by its global index,
 * so a redelivered event changes nothing (MERGE ... WHEN NOT MATCHED).
 *
 * <p>Rows are not written one statement per event: the entries of a processor batch are collected on the
 * batch's unit of work and written with one JDBC batch just before it commits, in the same transaction as
 * the token. That is what lets a full rebuild run at tens of thousands of events per second
 * ({@code docs/benchmarks.md}).
 */
@Component
@ProcessingGroup(LedgerProjection.PROCESSOR)
class LedgerProjection {

    static final String PROCESSOR = "ledger";
    private static final String PENDING = LedgerProjection.class.getName() + ".pending";

    static final String MERGE = "MERGE INTO rm_ledger_entry t USING (VALUES (?)) s(sequence) ON t.sequence = s.sequence "
            + "WHEN NOT MATCHED THEN INSERT (sequence, tenant_id, occurred_at, entry_type, direction, amount_minor, currency, "
            + "balance_after_minor, tranche_id, reference) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    LedgerProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FundsAdded event, TrackingToken token) {
        record(event, token);
    }

    @EventHandler
    void on(FundsConsumed event, TrackingToken token) {
        record(event, token);
    }

    @EventHandler
    void on(TrancheExpired event, TrackingToken token) {
        record(event, token);
    }

    @EventHandler
    void on(UnfundedUsageRecorded event, TrackingToken token) {
        record(event, token);
    }

    @EventHandler
    void on(PostpaidUsageRecorded event, TrackingToken token) {
        record(event, token);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_ledger_entry");
    }

    private void record(Object event, TrackingToken token) {
        Pending pending = pending();
        LedgerEntry.of(EventPositions.of(token), event, pending::lastBalance).ifPresent(pending::add);
        if (!CurrentUnitOfWork.isStarted()) {
            pending.flush();
        }
    }

    /** The entries of the current batch, written when its unit of work is about to commit. */
    private Pending pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new Pending();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(PENDING, key -> {
            Pending pending = new Pending();
            root.onPrepareCommit(unitOfWork -> pending.flush());
            return pending;
        });
    }

    private final class Pending {
        private final List<LedgerEntry> entries = new ArrayList<>();
        private final Map<String, Long> balances = new HashMap<>();

        void add(LedgerEntry entry) {
            entries.add(entry);
            balances.put(entry.tenantId(), entry.balanceAfterMinor());
        }

        long lastBalance(String tenantId) {
            Long known = balances.get(tenantId);
            if (known != null) {
                return known;
            }
            List<Long> last = jdbc.queryForList("SELECT balance_after_minor FROM rm_ledger_entry WHERE tenant_id = ? "
                    + "ORDER BY sequence DESC FETCH FIRST 1 ROWS ONLY", Long.class, tenantId);
            return last.isEmpty() ? 0L : last.get(0);
        }

        void flush() {
            if (entries.isEmpty()) {
                return;
            }
            jdbc.batchUpdate(MERGE, entries, entries.size(), (ps, e) -> {
                ps.setLong(1, e.sequence());
                ps.setLong(2, e.sequence());
                ps.setString(3, e.tenantId());
                ps.setTimestamp(4, Timestamp.from(e.occurredAt()));
                ps.setString(5, e.type());
                ps.setString(6, e.direction());
                ps.setLong(7, e.amountMinor());
                ps.setString(8, e.currency());
                ps.setLong(9, e.balanceAfterMinor());
                ps.setString(10, e.trancheId());
                ps.setString(11, e.reference());
            });
            entries.clear();
        }
    }
}
