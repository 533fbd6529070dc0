package org.commcredits.ledger.query.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.commcredits.ledger.api.creditaccount.BalanceDepleted;
import org.commcredits.ledger.api.creditaccount.FundingSource;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsGranted;
import org.commcredits.ledger.api.creditaccount.FundsRefunded;
import org.commcredits.ledger.api.creditaccount.InvoiceIssued;
import org.commcredits.ledger.api.creditaccount.LowBalanceAlertRaised;
import org.commcredits.ledger.api.creditaccount.LowBalanceWarned;
import org.commcredits.ledger.api.creditaccount.RechargeFailed;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.creditaccount.TrancheExpiringSoon;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.license.LicenseAssigned;
import org.commcredits.ledger.api.license.LicenseRemoved;
import org.commcredits.ledger.api.license.LicensesBulkAssigned;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.api.pool.PoolThresholdReached;
import org.commcredits.ledger.platform.storage.GlobalIndex;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhook outbox's writer: a tracking processor ({@value #PROCESSOR}) that turns each event of the
 * contract's types into one pending message per subscribed endpoint, in the transaction that also moves its
 * token (INV-WH-02). Message ids come from the event's identifier, the type and the endpoint, and a message
 * is written only when its id is new, so a redelivered or replayed event changes nothing, whatever happened
 * to the first copy (sent, failed, retried). A replay therefore keeps the outbox: see {@link #reset()}.
 *
 * <p>Bodies are written here, once, so every retry sends the same bytes: {@code {"type","timestamp","data"}},
 * money as decimal strings with their currency.
 */
@ProcessingGroup(WebhookOutbox.PROCESSOR)
class WebhookOutbox {

    static final String PROCESSOR = "webhooks";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookEndpoints endpoints;
    private final WebhookMessages messages;
    private final Clock clock;
    private final Runnable written;

    /** {@code written} runs after a transaction that wrote messages commits: it wakes the dispatcher. */
    WebhookOutbox(WebhookEndpoints endpoints, WebhookMessages messages, Clock clock, Runnable written) {
        this.endpoints = endpoints;
        this.messages = messages;
        this.clock = clock;
        this.written = written;
    }

    @EventHandler
    void on(FundsAdded e, @GlobalIndex long sequence, @MessageIdentifier String eventId) {
        Map<String, Object> data = data(e.tenantId());
        data.put("trancheId", e.trancheId());
        money(data, "amount", e.amount());
        data.put("balanceAfter", e.balanceAfter().toPlainString());
        data.put("source", e.source().name());
        data.put("invoiceId", e.invoiceId());
        data.put("rechargeId", e.rechargeId());
        data.put("purchasedAt", e.purchasedAt().toString());
        data.put("expiresAt", e.expiresAt().toString());
        enqueue(e.tenantId(), WebhookEventType.FUNDS_ADDED, sequence, 0, eventId, e.purchasedAt(), data);
        if (e.source() == FundingSource.AUTO_RECHARGE) {
            enqueue(e.tenantId(), WebhookEventType.RECHARGE_SUCCEEDED, sequence, 1, eventId, e.purchasedAt(), data);
        }
    }

    /** A goodwill grant adds funds too: {@code funds.added} with {@code source} {@code GRANT} and no invoice. */
    @EventHandler
    void on(FundsGranted e, @GlobalIndex long sequence, @MessageIdentifier String eventId) {
        Map<String, Object> data = data(e.tenantId());
        data.put("trancheId", e.trancheId());
        money(data, "amount", e.amount());
        data.put("balanceAfter", e.balanceAfter().toPlainString());
        data.put("source", "GRANT");
        data.put("invoiceId", null);
        data.put("reason", e.reason());
        data.put("grantedBy", e.grantedBy());
        data.put("purchasedAt", e.grantedAt().toString());
        data.put("expiresAt", e.expiresAt().toString());
        enqueue(e.tenantId(), WebhookEventType.FUNDS_ADDED, sequence, 0, eventId, e.grantedAt(), data);
    }

    @EventHandler
    void on(FundsRefunded e, @GlobalIndex long sequence, @MessageIdentifier String eventId) {
        Map<String, Object> data = data(e.tenantId());
        data.put("trancheId", e.trancheId());
        money(data, "amount", e.amount());
        data.put("remainingAfter", e.remainingAfter().toPlainString());
        data.put("balanceAfter", e.balanceAfter().toPlainString());
        data.put("creditNoteId", e.creditNoteId());
        data.put("reason", e.reason());
        data.put("refundedBy", e.refundedBy());
        enqueue(e.tenantId(), WebhookEventType.FUNDS_REFUNDED, sequence, 0, eventId, e.refundedAt(), data);
    }

    @EventHandler
    void on(RechargeFailed e, @GlobalIndex long sequence, @MessageIdentifier String eventId) {
        Map<String, Object> data = data(e.tenantId());
        data.put("rechargeId", e.rechargeId());
        data.put("attempt", e.attempt());
        data.put("reason", e.reason());
        data.put("nextAttemptAt", e.nextAttemptAt() == null ? null : e.nextAttemptAt().toString());
        enqueue(e.tenantId(), WebhookEventType.RECHARGE_FAILED, sequence, 0, eventId, e.failedAt(), data);
    }

    @EventHandler
    void on(LowBalanceWarned e, @GlobalIndex long sequence, @MessageIdentifier String eventId) {
        lowBalance(e.tenantId(), e.balance(), e.threshold(), "AUTO_RECHARGE_THRESHOLD", e.warnedAt(), sequence, eventId);
    }

    @EventHandler
    void on(LowBalanceAlertRaised e, @GlobalIndex long sequence, @MessageIdentifier String eventId) {
        lowBalance(e.tenantId(), e.balance(), e.threshold(), "LOW_BALANCE_ALERT", e.raisedAt(), sequence, eventId);
    }

    private void lowBalance(TenantId tenant, Money balance, Money threshold, String source, Instant at, long sequence, String eventId) {
        Map<String, Object> data = data(tenant);
        money(data, "balance", balance);
        data.put("threshold", threshold.toPlainString());
        data.put("source", source);
        enqueue(tenant, WebhookEventType.BALANCE_LOW, sequence, 0, eventId, at, data);
    }

    @EventHandler
    void on(BalanceDepleted e, @GlobalIndex long sequence, @MessageIdentifier String eventId) {
        enqueue(e.tenantId(), WebhookEventType.BALANCE_DEPLETED, sequence, 0, eventId, e.depletedAt(), data(e.tenantId()));
    }

    @EventHandler
    void on(TrancheExpiringSoon e, @GlobalIndex long sequence, @MessageIdentifier String eventId) {
        Map<String, Object> data = data(e.tenantId());
        data.put("trancheId", e.trancheId());
        money(data, "remaining", e.remaining());
        data.put("expiresAt", e.expiresAt().toString());
        enqueue(e.tenantId(), WebhookEventType.TRANCHE_EXPIRING, sequence, 0, eventId, e.warnedAt(), data);
    }

    @EventHandler
    void on(TrancheExpired e, @GlobalIndex long sequence, @MessageIdentifier String eventId) {
        Map<String, Object> data = data(e.tenantId());
        data.put("trancheId", e.trancheId());
        money(data, "forfeited", e.forfeited());
        data.put("balanceAfter", e.balanceAfter().toPlainString());
        enqueue(e.tenantId(), WebhookEventType.TRANCHE_EXPIRED, sequence, 0, eventId, e.expiredAt(), data);
    }

    @EventHandler
    void on(PoolThresholdReached e, @GlobalIndex long sequence, @MessageIdentifier String eventId) {
        Map<String, Object> data = data(e.tenantId());
        data.put("poolId", e.poolId());
        data.put("kind", e.kind().name());
        data.put("country", e.country().value());
        data.put("month", e.month());
        data.put("percent", e.percent());
        data.put("usedMinutes", e.usedMinutes());
        data.put("sizeMinutes", e.sizeMinutes());
        enqueue(e.tenantId(), WebhookEventType.POOL_THRESHOLD_REACHED, sequence, 0, eventId, e.reachedAt(), data);
    }

    @EventHandler
    void on(InvoiceIssued e, @GlobalIndex long sequence, @MessageIdentifier String eventId) {
        Map<String, Object> data = data(e.tenantId());
        data.put("invoiceId", e.invoiceId());
        data.put("number", e.number());
        data.put("kind", e.kind().name());
        money(data, "total", e.total());
        data.put("status", e.status().name());
        data.put("reference", e.reference());
        data.put("poNumber", e.poNumber());
        enqueue(e.tenantId(), WebhookEventType.INVOICE_ISSUED, sequence, 0, eventId, e.issuedAt(), data);
    }

    @EventHandler
    void on(LicenseAssigned e, @GlobalIndex long sequence, @MessageIdentifier String eventId) {
        Map<String, Object> data = data(e.tenantId());
        data.put("userId", e.userId().value());
        data.put("sku", e.sku().name());
        data.put("usageLocation", e.usageLocation() == null ? null : e.usageLocation().value());
        data.put("assignedBy", e.assignedBy());
        enqueue(e.tenantId(), WebhookEventType.LICENSE_ASSIGNED, sequence, 0, eventId, e.assignedAt(), data);
    }

    /** One {@code license.assigned} per user of a bulk assignment, in the bulk's order. */
    @EventHandler
    void on(LicensesBulkAssigned e, @GlobalIndex long sequence, @MessageIdentifier String eventId) {
        List<LicensesBulkAssigned.Assignee> assignees = e.assignees();
        for (int k = 0; k < assignees.size(); k++) {
            LicensesBulkAssigned.Assignee assignee = assignees.get(k);
            Map<String, Object> data = data(e.tenantId());
            data.put("userId", assignee.userId().value());
            data.put("sku", e.sku().name());
            data.put("usageLocation", assignee.usageLocation() == null ? null : assignee.usageLocation().value());
            data.put("assignedBy", e.assignedBy());
            data.put("bulkId", e.bulkId());
            enqueue(e.tenantId(), WebhookEventType.LICENSE_ASSIGNED, sequence, k, eventId + "/" + k, e.assignedAt(), data);
        }
    }

    @EventHandler
    void on(LicenseRemoved e, @GlobalIndex long sequence, @MessageIdentifier String eventId) {
        Map<String, Object> data = data(e.tenantId());
        data.put("userId", e.userId().value());
        data.put("sku", e.sku().name());
        data.put("reason", e.reason());
        data.put("removedBy", e.removedBy());
        enqueue(e.tenantId(), WebhookEventType.LICENSE_REMOVED, sequence, 0, eventId, e.removedAt(), data);
    }

    /**
     * A rebuild keeps the outbox on purpose: the replayed events find their messages already written (same
     * ids) and nothing is sent again (INV-WH-02). Endpoints created after an event never get it (their
     * {@code from_sequence}), so a replay cannot send old events to new endpoints either.
     */
    @ResetHandler
    void reset() {
        // nothing to clear
    }

    private void enqueue(TenantId tenant, WebhookEventType type, long sequence, int place, String eventId, Instant at,
                         Map<String, Object> data) {
        List<WebhookEndpoints.Endpoint> subscribers = endpoints.subscribers(tenant.value(), type, sequence);
        if (subscribers.isEmpty()) {
            return;
        }
        String body = body(type, at, data);
        Instant now = clock.instant();
        for (WebhookEndpoints.Endpoint endpoint : subscribers) {
            messages.enqueue(WebhookMessages.messageId(eventId, type, endpoint.webhookId()), endpoint.webhookId(), tenant.value(),
                    type, sequence * WebhookMessages.PLACES + place, body, now);
        }
        wakeAfterCommit();
    }

    /**
     * The dispatcher polls every 100 ms anyway; waking it when the batch commits takes that poll off the
     * delivery latency (measured in docs/webhooks.md).
     */
    private void wakeAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            written.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                written.run();
            }
        });
    }

    private static Map<String, Object> data(TenantId tenant) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tenantId", tenant.value());
        return data;
    }

    private static void money(Map<String, Object> data, String field, Money amount) {
        data.put(field, amount.toPlainString());
        data.put("currency", amount.currency());
    }

    static String body(WebhookEventType type, Instant at, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.wire());
        body.put("timestamp", at.toString());
        body.put("data", data);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
