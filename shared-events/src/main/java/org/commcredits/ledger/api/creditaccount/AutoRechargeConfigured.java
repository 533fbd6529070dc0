package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;

/**
 * Auto-recharge was turned on (with {@code threshold} and {@code amount}) or off (both {@code null}).
 * A security-relevant change: {@code changedBy} is the acting principal.
 */
@Revision("1")
public record AutoRechargeConfigured(TenantId tenantId, boolean enabled, Money threshold, Money amount,
                                     String changedBy, Instant changedAt) {
}
