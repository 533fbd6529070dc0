package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;

/**
 * Notification: a charge or an expiry took the balance from at or above the auto-recharge threshold to
 * below it (INV-CA-14). Emitted once per crossing.
 */
@Revision("1")
public record LowBalanceWarned(TenantId tenantId, Money balance, Money threshold, Instant warnedAt) {
}
