package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;

/**
 * Part of a charge that the balance could not cover on a prepaid account. Recorded as its own fact; the
 * balance never goes negative (INV-CA-11).
 */
@Revision("1")
public record UnfundedUsageRecorded(TenantId tenantId, String chargeId, String reference, Money amount, Instant occurredAt) {
}
