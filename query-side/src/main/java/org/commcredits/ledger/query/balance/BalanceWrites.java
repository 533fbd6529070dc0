package org.commcredits.ledger.query.balance;

import org.commcredits.ledger.query.config.OrderedBatch;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The balance read model's writes of one batch ({@link org.commcredits.ledger.query.config.DeferredWrites}). The frequent changes (funds in and out,
 * holds, expiry) are merged per row into a {@link Block}: a tenant's account row is updated once with its last
 * balance and its held total, a tranche once with its last remaining amount, and a hold taken and released in
 * the same batch is never inserted. The rare ones (settings, recharges) are statements kept in their place
 * between blocks, so every {@code last_sequence} guard sees the rows in event order.
 *
 * <p>Why merging gives the rows the events one by one would: every value is absolute (taken from the event),
 * and a batch's rows commit with its token, so a row's {@code last_sequence} is either before all of the batch's
 * events for it or past them all; the guard compares with the last.
 */
final class BalanceWrites extends OrderedBatch<BalanceWrites.Block> {

    private static final String OPEN = "MERGE INTO rm_account t USING (VALUES (?)) s(tenant_id) ON t.tenant_id = s.tenant_id "
            + "WHEN NOT MATCHED THEN INSERT (tenant_id, currency, billing_agreement, balance_minor, opened_at, last_sequence) "
            + "VALUES (?, ?, ?, 0, ?, ?)";
    private static final String ADD_TRANCHE = "MERGE INTO rm_tranche t USING (VALUES (?, ?)) s(tenant_id, tranche_id) "
            + "ON t.tenant_id = s.tenant_id AND t.tranche_id = s.tranche_id "
            + "WHEN NOT MATCHED THEN INSERT (tenant_id, tranche_id, original_minor, remaining_minor, purchased_at, expires_at, granted) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String CHANGE_TRANCHE = "UPDATE rm_tranche SET remaining_minor = ?, "
            + "refunded_minor = CASE WHEN ? THEN ? ELSE refunded_minor END, expired = CASE WHEN ? THEN TRUE ELSE expired END "
            + "WHERE tenant_id = ? AND tranche_id = ?";
    private static final String RELEASE_HOLDS = "DELETE FROM rm_hold WHERE tenant_id = ? AND reservation_id = ?";
    private static final String DROP_TRANCHE_HOLDS = "DELETE FROM rm_hold WHERE tenant_id = ? AND tranche_id = ?";
    private static final String HOLD = "MERGE INTO rm_hold t USING (VALUES (?, ?, ?)) s(tenant_id, reservation_id, tranche_id) "
            + "ON t.tenant_id = s.tenant_id AND t.reservation_id = s.reservation_id AND t.tranche_id = s.tranche_id "
            + "WHEN MATCHED THEN UPDATE SET amount_minor = ? "
            + "WHEN NOT MATCHED THEN INSERT (tenant_id, reservation_id, tranche_id, amount_minor) VALUES (?, ?, ?, ?)";
    /** The balance only when the event is newer than the row; the held total is the sum of the hold rows, always. */
    private static final String ACCOUNT = "UPDATE rm_account SET "
            + "balance_minor = CASE WHEN last_sequence < ? THEN ? ELSE balance_minor END, "
            + "last_sequence = CASE WHEN last_sequence < ? THEN ? ELSE last_sequence END, "
            + "held_minor = (SELECT COALESCE(SUM(h.amount_minor), 0) FROM rm_hold h WHERE h.tenant_id = rm_account.tenant_id) "
            + "WHERE tenant_id = ?";

    private final JdbcTemplate jdbc;

    BalanceWrites(JdbcTemplate jdbc) {
        super(jdbc);
        this.jdbc = jdbc;
    }

    @Override
    protected Block newBlock() {
        return new Block();
    }





    private record TrancheKey(String tenant, String tranche) {
    }

    private record ReservationKey(String tenant, String reservation) {
    }

    private record HoldKey(String tenant, String reservation, String tranche) {
    }

    private static final class TrancheChange {
        long remaining;
        Long refunded;
        boolean expired;
    }

    private static final class AccountChange {
        long balance;
        long sequence = -1;
    }

    /** Frequent changes merged per row; written opens first, then tranches, holds and account rows. */
    final class Block implements OrderedBatch.Block {
        private final Map<String, Object[]> opens = new LinkedHashMap<>();
        private final Map<TrancheKey, Object[]> newTranches = new LinkedHashMap<>();
        private final Map<TrancheKey, TrancheChange> tranches = new LinkedHashMap<>();
        private final Set<ReservationKey> released = new LinkedHashSet<>();
        private final Set<TrancheKey> expiredHolds = new LinkedHashSet<>();
        private final Map<HoldKey, Long> holds = new LinkedHashMap<>();
        private final Map<String, AccountChange> accounts = new LinkedHashMap<>();

        void open(String tenant, String currency, String agreement, Timestamp openedAt, long sequence) {
            opens.putIfAbsent(tenant, new Object[] {tenant, tenant, currency, agreement, openedAt, sequence});
        }

        void addTranche(String tenant, String tranche, long amount, Timestamp from, Timestamp expiresAt, boolean granted) {
            newTranches.putIfAbsent(new TrancheKey(tenant, tranche),
                    new Object[] {tenant, tranche, tenant, tranche, amount, amount, from, expiresAt, granted});
        }

        void remaining(String tenant, String tranche, long remaining) {
            tranche(tenant, tranche).remaining = remaining;
        }

        void refunded(String tenant, String tranche, long remaining, long refunded) {
            TrancheChange change = tranche(tenant, tranche);
            change.remaining = remaining;
            change.refunded = refunded;
        }

        /** A tranche's hold parts go with it: they were part of what it forfeited. */
        void expired(String tenant, String tranche) {
            TrancheChange change = tranche(tenant, tranche);
            change.remaining = 0;
            change.expired = true;
            holds.keySet().removeIf(hold -> hold.tenant().equals(tenant) && hold.tranche().equals(tranche));
            expiredHolds.add(new TrancheKey(tenant, tranche));
            account(tenant);
        }

        void hold(String tenant, String reservation, String tranche, long amount) {
            holds.put(new HoldKey(tenant, reservation, tranche), amount);
            account(tenant);
        }

        /** Holds taken earlier in the batch are dropped here; those of earlier batches are deleted at the write. */
        void release(String tenant, String reservation) {
            holds.keySet().removeIf(hold -> hold.tenant().equals(tenant) && hold.reservation().equals(reservation));
            released.add(new ReservationKey(tenant, reservation));
            account(tenant);
        }

        void balance(String tenant, long balance, long sequence) {
            AccountChange change = account(tenant);
            change.balance = balance;
            change.sequence = sequence;
        }

        private TrancheChange tranche(String tenant, String tranche) {
            return tranches.computeIfAbsent(new TrancheKey(tenant, tranche), key -> new TrancheChange());
        }

        private AccountChange account(String tenant) {
            return accounts.computeIfAbsent(tenant, key -> new AccountChange());
        }

        /**
         * Deletes before inserts: each delete already dropped the batch's earlier holds it covers, so the holds left
         * are exactly those taken after it.
         */
        @Override
        public void write() {
            batch(OPEN, new ArrayList<>(opens.values()));
            batch(ADD_TRANCHE, new ArrayList<>(newTranches.values()));
            List<Object[]> tranchesRows = new ArrayList<>(tranches.size());
            tranches.forEach((key, c) -> tranchesRows.add(new Object[] {c.remaining, c.refunded != null,
                    c.refunded == null ? 0L : c.refunded, c.expired, key.tenant(), key.tranche()}));
            batch(CHANGE_TRANCHE, tranchesRows);
            batch(RELEASE_HOLDS, released.stream().map(k -> new Object[] {k.tenant(), k.reservation()}).toList());
            batch(DROP_TRANCHE_HOLDS, expiredHolds.stream().map(k -> new Object[] {k.tenant(), k.tranche()}).toList());
            List<Object[]> holdRows = new ArrayList<>(holds.size());
            holds.forEach((k, amount) -> holdRows.add(new Object[] {k.tenant(), k.reservation(), k.tranche(), amount,
                    k.tenant(), k.reservation(), k.tranche(), amount}));
            batch(HOLD, holdRows);
            List<Object[]> accountRows = new ArrayList<>(accounts.size());
            accounts.forEach((tenant, c) -> accountRows.add(new Object[] {c.sequence, c.balance, c.sequence, c.sequence, tenant}));
            batch(ACCOUNT, accountRows);
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
