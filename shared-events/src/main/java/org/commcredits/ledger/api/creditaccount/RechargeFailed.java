package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;

import java.time.Instant;

/**
 * A recharge payment attempt failed with {@code reason} (a payment provider code such as
 * {@code PAYMENT_DECLINED}). {@code nextAttemptAt} is when it is retried, or {@code null} when the retries
 * are used up and the recharge is abandoned.
 */
@Revision("1")
public record RechargeFailed(TenantId tenantId, String rechargeId, int attempt, String reason, Instant nextAttemptAt,
                             Instant failedAt) {
}
