package org.commcredits.ledger.query.notifications;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.commcredits.ledger.api.creditaccount.BalanceDepleted;
import org.commcredits.ledger.api.creditaccount.FundingSource;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.LowBalanceWarned;
import org.commcredits.ledger.api.creditaccount.LowBalanceAlertRaised;
import org.commcredits.ledger.api.creditaccount.BalanceRecovered;
import org.commcredits.ledger.api.creditaccount.RechargeFailed;
import org.commcredits.ledger.api.creditaccount.TrancheExpiringSoon;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.api.pool.PoolThresholdReached;
import org.commcredits.ledger.api.webhook.WebhookEndpointDisabled;
import org.commcredits.ledger.platform.storage.GlobalIndex;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * One {@code rm_notification} row per notification event of the credit account: low balance, balance
 * depleted, recharge succeeded (an auto-recharge's {@link FundsAdded}), recharge failed, tranche expiring soon;
 * of included-minute pools: 80% and 100% used ({@link PoolThresholdReached}); and of webhooks: an endpoint
 * disabled after its last attempt ({@link WebhookEndpointDisabled}).
 * Keyed by the event's global index, so a redelivered event is merged onto its own row.
 */
@Component
@ProcessingGroup(NotificationProjection.PROCESSOR)
class NotificationProjection {

    static final String PROCESSOR = "notifications";

    private final JdbcTemplate jdbc;

    NotificationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(LowBalanceWarned event, @GlobalIndex long sequence) {
        insert(sequence, event.tenantId().value(), NotificationType.LOW_BALANCE, event.warnedAt(), event.balance(), null,
                "The balance " + event.balance() + " is below the auto-recharge threshold " + event.threshold());
    }

    @EventHandler
    void on(LowBalanceAlertRaised event, @GlobalIndex long sequence) {
        insert(sequence, event.tenantId().value(), NotificationType.LOW_BALANCE, event.raisedAt(), event.balance(), null,
                "The balance " + event.balance() + " is below the low-balance alert's threshold " + event.threshold());
    }

    @EventHandler
    void on(BalanceRecovered event, @GlobalIndex long sequence) {
        insert(sequence, event.tenantId().value(), NotificationType.BALANCE_RECOVERED, event.recoveredAt(), event.balance(), null,
                "The balance " + event.balance() + " is back at or above the low-balance alert's threshold " + event.threshold());
    }

    @EventHandler
    void on(BalanceDepleted event, @GlobalIndex long sequence) {
        insert(sequence, event.tenantId().value(), NotificationType.BALANCE_DEPLETED, event.depletedAt(), null, null,
                "The credit balance is used up");
    }

    @EventHandler
    void on(FundsAdded event, @GlobalIndex long sequence) {
        if (event.source() == FundingSource.AUTO_RECHARGE) {
            insert(sequence, event.tenantId().value(), NotificationType.RECHARGE_SUCCEEDED, event.purchasedAt(),
                    event.amount(), event.rechargeId(), "Auto-recharge added " + event.amount() + "; balance " + event.balanceAfter());
        }
    }

    @EventHandler
    void on(RechargeFailed event, @GlobalIndex long sequence) {
        insert(sequence, event.tenantId().value(), NotificationType.RECHARGE_FAILED, event.failedAt(), null, event.rechargeId(),
                "Auto-recharge attempt " + event.attempt() + " failed (" + event.reason() + "); "
                        + (event.nextAttemptAt() == null ? "no further attempt" : "next attempt at " + event.nextAttemptAt()));
    }

    @EventHandler
    void on(TrancheExpiringSoon event, @GlobalIndex long sequence) {
        insert(sequence, event.tenantId().value(), NotificationType.TRANCHE_EXPIRING_SOON, event.warnedAt(), event.remaining(),
                event.trancheId(), event.remaining() + " of credit expires at " + event.expiresAt());
    }

    /** INV-POOL-05: the pool alerts at 80% and 100%; the reference is the pool's id ({tenant}/pools/{kind}/{country}/{month}). */
    @EventHandler
    void on(PoolThresholdReached event, @GlobalIndex long sequence) {
        NotificationType type = event.percent() >= 100 ? NotificationType.POOL_100_PERCENT : NotificationType.POOL_80_PERCENT;
        insert(sequence, event.tenantId().value(), type, event.reachedAt(), null, event.poolId(),
                "The " + event.kind() + " pool for " + event.country().value() + " in " + event.month() + " reached "
                        + event.percent() + "%: " + event.usedMinutes() + " of " + event.sizeMinutes() + " minutes used");
    }

    /** INV-WH-05: an endpoint disabled after its last attempt; the reference is the webhook's id. */
    @EventHandler
    void on(WebhookEndpointDisabled event, @GlobalIndex long sequence) {
        insert(sequence, event.tenantId().value(), NotificationType.WEBHOOK_DISABLED, event.disabledAt(), null, event.webhookId(),
                "The webhook endpoint " + event.url() + " was disabled: message " + event.messageId() + " still failed after "
                        + event.attempts() + " attempts" + (event.lastStatusCode() == null ? "" : " (last status " + event.lastStatusCode() + ")")
                        + "; retry a delivery to enable it again");
    }

    private void insert(long sequence, String tenantId, NotificationType type, Instant at, Money amount,
                        String reference, String message) {
        jdbc.update("MERGE INTO rm_notification t USING (VALUES (?)) s(sequence) ON t.sequence = s.sequence "
                        + "WHEN NOT MATCHED THEN INSERT (sequence, tenant_id, type, occurred_at, amount_minor, currency, reference, message) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                sequence, sequence, tenantId, type.name(), Timestamp.from(at), amount == null ? null : amount.minor(),
                amount == null ? null : amount.currency(), reference, message);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_notification");
    }
}
