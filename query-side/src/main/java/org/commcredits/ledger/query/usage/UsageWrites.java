package org.commcredits.ledger.query.usage;

import org.commcredits.ledger.query.config.DeferredWrites;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The usage read model's writes of one batch ({@link DeferredWrites}): completed calls inserted with one JDBC batch,
 * and each pool row merged once with its last size and use. Pool events of one pool come in order and a batch's
 * rows commit with its token, so the row's {@code last_sequence} is before all of the batch's events for it or past
 * them all; the guard compares with the last.
 */
final class UsageWrites implements DeferredWrites.Batch {

    private static final String CALL = "MERGE INTO rm_call_usage t USING (VALUES (?, ?)) s(tenant_id, call_id) "
            + "ON t.tenant_id = s.tenant_id AND t.call_id = s.call_id WHEN NOT MATCHED THEN INSERT "
            + "(tenant_id, call_id, usage_month, user_id, usage_location, call_type, destination, destination_country, "
            + "destination_name, started_at, ended_at, duration_seconds, billed_minutes, minutes_from_pool, "
            + "pool_kind, pool_country, charge_minor, credits_minor, postpaid_minor, unfunded_minor, currency, "
            + "funded_by, rate_card_id, rate_card_version, event_sequence, connection_fee_e4) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** {@code holders} below zero: the event does not say, the row keeps its own. */
    private static final String POOL = "MERGE INTO rm_pool_usage t USING (VALUES (?, ?, ?, ?)) "
            + "s(tenant_id, usage_month, pool_kind, country) ON t.tenant_id = s.tenant_id AND t.usage_month = s.usage_month "
            + "AND t.pool_kind = s.pool_kind AND t.country = s.country "
            + "WHEN MATCHED AND t.last_sequence < ? THEN UPDATE SET size_minutes = ?, used_minutes = ?, "
            + "holders = CASE WHEN ? < 0 THEN t.holders ELSE ? END, last_sequence = ? "
            + "WHEN NOT MATCHED THEN INSERT (tenant_id, usage_month, pool_kind, country, size_minutes, used_minutes, holders, last_sequence) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final Map<List<String>, Object[]> calls = new LinkedHashMap<>();
    private final Map<List<String>, PoolChange> pools = new LinkedHashMap<>();

    UsageWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final class PoolChange {
        long sequence;
        long size;
        long used;
        long holders = -1;
    }

    /** A call's row is inserted once: the first completion of the call id wins, as with one insert per event. */
    void call(String tenant, String callId, Object[] row) {
        calls.putIfAbsent(List.of(tenant, callId), row);
    }

    void pool(String tenant, String month, String kind, String country, long sequence, long size, long used, long holders) {
        PoolChange change = pools.computeIfAbsent(List.of(tenant, month, kind, country), key -> new PoolChange());
        change.sequence = sequence;
        change.size = size;
        change.used = used;
        if (holders >= 0) {
            change.holders = holders;
        }
    }

    @Override
    public void write() {
        batch(CALL, new ArrayList<>(calls.values()));
        List<Object[]> rows = new ArrayList<>(pools.size());
        pools.forEach((key, c) -> rows.add(new Object[] {key.get(0), key.get(1), key.get(2), key.get(3), c.sequence, c.size,
                c.used, c.holders, c.holders, c.sequence, key.get(0), key.get(1), key.get(2), key.get(3), c.size, c.used,
                Math.max(c.holders, 0), c.sequence}));
        batch(POOL, rows);
        calls.clear();
        pools.clear();
    }

    private void batch(String sql, List<Object[]> rows) {
        if (rows.size() == 1) {
            jdbc.update(sql, rows.get(0));
        } else if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows);
        }
    }
}
