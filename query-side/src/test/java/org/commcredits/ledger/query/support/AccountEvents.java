package org.commcredits.ledger.query.support;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.creditaccount.CreditAccountOpened;
import org.commcredits.ledger.api.creditaccount.FundingSource;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.InvoiceIssued;
import org.commcredits.ledger.api.creditaccount.InvoiceKind;
import org.commcredits.ledger.api.creditaccount.InvoiceLine;
import org.commcredits.ledger.api.creditaccount.InvoiceStatus;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.creditaccount.TranchePortion;
import org.commcredits.ledger.api.creditaccount.UnfundedUsageRecorded;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Writes a credit account's events straight into the event store, as the aggregate would (aggregate id
 * {@code {tenant}/credit-account}, type {@code CreditAccount}, consecutive sequence numbers), so projections
 * can be tested with every event type whichever branch emits them.
 */
public final class AccountEvents {

    private final EventStore store;
    private final JdbcTemplate jdbc;
    private final TenantId tenant;
    private long nextSequence;
    private long invoices;
    private long balance;

    public AccountEvents(EventStore store, JdbcTemplate jdbc, String tenantPrefix) {
        this.store = store;
        this.jdbc = jdbc;
        this.tenant = new TenantId(tenantPrefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public String tenant() {
        return tenant.value();
    }

    public long balance() {
        return balance;
    }

    public static Money usd(long minor) {
        return Money.ofMinor(minor, "USD");
    }

    /** Appends one event and answers its global index. */
    public long append(Object payload) {
        store.publish(new GenericDomainEventMessage<>("CreditAccount", tenant.creditAccountAggregateId(), nextSequence++,
                payload, MetaData.emptyInstance()));
        return jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, tenant.creditAccountAggregateId());
    }

    public long open(Instant at) {
        return append(new CreditAccountOpened(tenant, "USD", BillingAgreement.DIRECT, at, "billing_admin"));
    }

    /** A funding as the aggregate writes it: FundsAdded then InvoiceIssued. Answers the last global index. */
    public long fund(String trancheId, long minor, Instant at) {
        balance += minor;
        String invoiceId = "inv-" + trancheId;
        append(new FundsAdded(tenant, trancheId, usd(minor), at, at.atZone(ZoneOffset.UTC).plusMonths(12).toInstant(),
                invoiceId, FundingSource.MANUAL, null, usd(balance)));
        return append(new InvoiceIssued(tenant, invoiceId, ++invoices, InvoiceKind.FUNDING, at,
                List.of(new InvoiceLine(InvoiceLine.COMMUNICATION_CREDITS, usd(minor))), usd(minor), InvoiceStatus.PAID, trancheId));
    }

    /** A charge paid from one tranche, leaving {@code remainingAfter} in it. */
    public long consume(String callId, String trancheId, long minor, long remainingAfter, Instant at) {
        balance -= minor;
        return append(new FundsConsumed(tenant, "charge-" + callId, callId, null, usd(minor),
                List.of(new TranchePortion(trancheId, usd(minor), usd(remainingAfter))), usd(balance), at));
    }

    public long expire(String trancheId, long forfeited, Instant expiredAt) {
        balance -= forfeited;
        return append(new TrancheExpired(tenant, trancheId, usd(forfeited), usd(balance), expiredAt));
    }

    public long unfunded(String callId, long minor, Instant at) {
        return append(new UnfundedUsageRecorded(tenant, "charge-" + callId, callId, usd(minor), at));
    }

    /** Waits until the named processors have handled global index {@code sequence}. */
    public static void awaitProjected(ProcessorPositions positions, long sequence, String... processors) {
        for (String processor : processors) {
            positions.awaitSequence(processor, sequence);
        }
    }
}
