package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;

/**
 * The balance fell below the low-balance alert's threshold (INV-CA-20): once per downward crossing, in the same
 * command as the charge, expiry or configuration that made it so. Re-armed by {@link BalanceRecovered}.
 */
@Revision("1")
public record LowBalanceAlertRaised(TenantId tenantId, Money balance, Money threshold, Instant raisedAt) {
}
