package org.commcredits.ledger.query.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.creditaccount.CreditAccountOpened;
import org.commcredits.ledger.api.creditaccount.FundingSource;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.TranchePortion;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.platform.storage.EventJson;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes credit-account histories straight into {@code domain_event_entry} with JDBC batches of serialised
 * events, exactly as Axon's JDBC engine stores them, far faster than sending commands: one account
 * opening, then a funding every tenth event and a consumption otherwise.
 */
final class GeneratedHistory {

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final byte[] NO_META = "{}".getBytes(StandardCharsets.UTF_8);
    private static final int BATCH = 5_000;

    private GeneratedHistory() {
    }

    /** Appends {@code eventsPerTenant} events for each of {@code tenants} tenants, interleaved; answers events written. */
    static long write(String url, String user, String tenantPrefix, int tenants, int eventsPerTenant, Instant start) throws Exception {
        String batchUrl = url.startsWith("jdbc:postgresql") ? url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true" : url;
        long written = 0;
        try (Connection connection = DriverManager.getConnection(batchUrl, user, "")) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry (event_identifier, meta_data, "
                    + "payload, payload_revision, payload_type, time_stamp, aggregate_identifier, sequence_number, type) "
                    + "VALUES (?, ?, ?, '1', ?, ?, ?, ?, 'CreditAccount')")) {
                long[] balance = new long[tenants];
                long[] remaining = new long[tenants];
                int pending = 0;
                for (int seq = 0; seq < eventsPerTenant; seq++) {
                    for (int t = 0; t < tenants; t++) {
                        TenantId tenant = new TenantId(tenantPrefix + t);
                        Instant at = start.plusSeconds(seq * 60L).plusMillis(t);
                        Object event;
                        if (seq == 0) {
                            event = new CreditAccountOpened(tenant, "USD", BillingAgreement.DIRECT, at, "bench");
                        } else if (seq % 10 == 1) {
                            balance[t] += 10_000;
                            remaining[t] = 10_000;
                            event = new FundsAdded(tenant, "t" + seq, usd(10_000), at, at.plusSeconds(365L * 86_400),
                                    "inv-" + seq, FundingSource.MANUAL, null, usd(balance[t]));
                        } else {
                            balance[t] -= 100;
                            remaining[t] -= 100;
                            int tranche = seq - ((seq - 1) % 10);
                            event = new FundsConsumed(tenant, "c" + seq, "call-" + seq, null, usd(100),
                                    java.util.List.of(new TranchePortion("t" + tranche, usd(100), usd(remaining[t]))),
                                    usd(balance[t]), at);
                        }
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setBytes(2, NO_META);
                        insert.setBytes(3, JSON.writeValueAsBytes(event));
                        insert.setString(4, event.getClass().getName());
                        insert.setString(5, at.toString());
                        insert.setString(6, tenant.creditAccountAggregateId());
                        insert.setLong(7, seq);
                        insert.addBatch();
                        written++;
                        if (++pending == BATCH) {
                            insert.executeBatch();
                            connection.commit();
                            pending = 0;
                        }
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the generated history", e);
        }
        return written;
    }

    private static Money usd(long minor) {
        return Money.ofMinor(minor, "USD");
    }
}
