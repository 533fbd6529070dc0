package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;

/** After a low-balance alert, the balance is back at or above the threshold: the alert is armed again (INV-CA-20). */
@Revision("1")
public record BalanceRecovered(TenantId tenantId, Money balance, Money threshold, Instant recoveredAt) {
}
