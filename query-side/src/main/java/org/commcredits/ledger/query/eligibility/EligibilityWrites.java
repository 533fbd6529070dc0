package org.commcredits.ledger.query.eligibility;

import org.commcredits.ledger.query.config.OrderedBatch;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes to {@code rm_elig_tenant} of one batch ({@link org.commcredits.ledger.query.config.DeferredWrites}): a tenant's balance and holds are
 * merged into one update per batch (per completed call there were three), in a block; the rare changes (agreement,
 * credits enabled) are statements kept in their place between blocks, so every {@code last_sequence} guard sees
 * the row in event order. A batch's rows commit with its token, so a row's {@code last_sequence} is either before
 * all of the batch's events for it or past them all; the guard compares with the last.
 */
final class EligibilityWrites extends OrderedBatch<EligibilityWrites.Block> {

    private static final String OPEN = "MERGE INTO rm_elig_tenant t USING (VALUES (?)) s(tenant_id) ON t.tenant_id = s.tenant_id "
            + "WHEN NOT MATCHED THEN INSERT (tenant_id, currency, billing_agreement, last_sequence) VALUES (?, ?, ?, ?)";
    /**
     * Held is what the balance has beyond the available amount: from the batch's own balance when it set one
     * before (then known here), else from the row's balance before this update (SQL reads the old row in SET).
     */
    private static final String TENANT = "UPDATE rm_elig_tenant SET "
            + "held_minor = CASE WHEN ? THEN ? WHEN ? THEN balance_minor - ? ELSE held_minor END, "
            + "balance_minor = CASE WHEN ? THEN ? ELSE balance_minor END, last_sequence = ? "
            + "WHERE tenant_id = ? AND last_sequence < ?";

    private final JdbcTemplate jdbc;

    EligibilityWrites(JdbcTemplate jdbc) {
        super(jdbc);
        this.jdbc = jdbc;
    }

    @Override
    protected Block newBlock() {
        return new Block();
    }





    private static final class TenantChange {
        Long balance;
        /** Held as an amount, or (heldFromRow) as the row's balance minus available. */
        Long held;
        boolean heldFromRow;
        long available;
        long sequence;
    }

    final class Block implements OrderedBatch.Block {
        private final Map<String, Object[]> opens = new LinkedHashMap<>();
        private final Map<String, TenantChange> tenants = new LinkedHashMap<>();

        void open(String tenant, String currency, String agreement, long sequence) {
            opens.putIfAbsent(tenant, new Object[] {tenant, tenant, currency, agreement, sequence});
        }

        /** The balance after the event; holds are unchanged, so what is available moves with it. */
        void balance(String tenant, long balance, long sequence) {
            TenantChange change = tenant(tenant);
            change.balance = balance;
            change.sequence = sequence;
        }

        /** The available balance after a hold began or ended: holds are what the balance has beyond it. */
        void available(String tenant, long available, long sequence) {
            TenantChange change = tenant(tenant);
            if (change.balance != null) {
                change.held = change.balance - available;
                change.heldFromRow = false;
            } else {
                change.held = null;
                change.heldFromRow = true;
                change.available = available;
            }
            change.sequence = sequence;
        }

        private TenantChange tenant(String tenant) {
            return tenants.computeIfAbsent(tenant, key -> new TenantChange());
        }

        @Override
        public void write() {
            batch(OPEN, new ArrayList<>(opens.values()));
            List<Object[]> rows = new ArrayList<>(tenants.size());
            tenants.forEach((tenant, c) -> rows.add(new Object[] {c.held != null, c.held == null ? 0L : c.held,
                    c.heldFromRow, c.available, c.balance != null, c.balance == null ? 0L : c.balance, c.sequence,
                    tenant, c.sequence}));
            batch(TENANT, rows);
        }

        private void batch(String sql, List<Object[]> rows) {
            if (rows.size() == 1) {
                jdbc.update(sql, rows.get(0));
            } else if (!rows.isEmpty()) {
                jdbc.batchUpdate(sql, rows);
            }
        }
    }
}
