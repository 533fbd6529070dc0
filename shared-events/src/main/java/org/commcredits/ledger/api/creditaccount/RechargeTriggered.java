package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;

/**
 * The balance fell below the auto-recharge threshold: a recharge of {@code amount} is in flight. At most
 * one recharge is in flight per account (INV-CA-07); it ends in a {@link FundsAdded} with this
 * {@code rechargeId}, or a final {@link RechargeFailed}, or {@link RechargeCancelled}.
 */
@Revision("1")
public record RechargeTriggered(TenantId tenantId, String rechargeId, Money amount, Money balance, Money threshold,
                                Instant triggeredAt) {
}
