package org.commcredits.ledger.query.ledger;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsGranted;
import org.commcredits.ledger.api.creditaccount.FundsRefunded;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.PostpaidUsageRecorded;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.creditaccount.UnfundedUsageRecorded;
import org.commcredits.ledger.platform.storage.GlobalIndex;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies every money movement into {@code rm_ledger_entry}, one row per event keyed by its global index.
 *
 * <p>Rows are not written one statement per event: the entries of a processor batch are collected on the
 * batch's unit of work and written just before it commits, in the same transaction as the token, by
 * {@link LedgerRows}: a delete of the batch's sequences, which makes a redelivered batch idempotent (its rows are
 * replaced by identical ones), then one {@code COPY} (PostgreSQL, large batches such as a rebuild's) or
 * multi-row {@code INSERT}s. A few statements per batch instead of one per event is what makes a full rebuild
 * fast ({@code docs/benchmarks.md}).
 */
@Component
@ProcessingGroup(LedgerProjection.PROCESSOR)
class LedgerProjection {

    static final String PROCESSOR = "ledger";
    private static final String PENDING = LedgerProjection.class.getName() + ".pending";

    private final JdbcTemplate jdbc;
    private final LedgerRows rows;

    LedgerProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.rows = new LedgerRows(jdbc);
    }

    @EventHandler
    void on(FundsAdded event, @GlobalIndex long sequence) {
        record(event, sequence);
    }

    @EventHandler
    void on(FundsGranted event, @GlobalIndex long sequence) {
        record(event, sequence);
    }

    @EventHandler
    void on(FundsRefunded event, @GlobalIndex long sequence) {
        record(event, sequence);
    }

    @EventHandler
    void on(FundsConsumed event, @GlobalIndex long sequence) {
        record(event, sequence);
    }

    @EventHandler
    void on(TrancheExpired event, @GlobalIndex long sequence) {
        record(event, sequence);
    }

    @EventHandler
    void on(UnfundedUsageRecorded event, @GlobalIndex long sequence) {
        record(event, sequence);
    }

    @EventHandler
    void on(PostpaidUsageRecorded event, @GlobalIndex long sequence) {
        record(event, sequence);
    }

    /**
     * Empties the statement before a replay. On PostgreSQL with {@code TRUNCATE}, which is transactional
     * there and leaves no million dead rows behind to slow the rebuild's inserts (measured: the replay
     * after a {@code DELETE} ran at about half the rate of the first catch-up); elsewhere (H2, where
     * {@code TRUNCATE} commits the open transaction) with {@code DELETE}.
     */
    @ResetHandler
    void reset() {
        jdbc.update(rows.isPostgres() ? "TRUNCATE TABLE rm_ledger_entry" : "DELETE FROM rm_ledger_entry");
    }

    private void record(Object event, long sequence) {
        Pending pending = pending();
        LedgerEntry.of(sequence, event, pending::lastBalance).ifPresent(pending::add);
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
            rows.replace(entries);
            entries.clear();
        }
    }
}
