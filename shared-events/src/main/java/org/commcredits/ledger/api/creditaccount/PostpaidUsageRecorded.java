package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;

/**
 * Usage of an MCA account whose balance is drained, billed after the fact on the monthly usage invoice
 * of {@code month} ({@code YYYY-MM}, UTC) (INV-CA-13).
 */
@Revision("1")
public record PostpaidUsageRecorded(TenantId tenantId, String chargeId, String reference, Money amount, String month,
                                    Instant occurredAt) {
}
