package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;

/** The low-balance alert's threshold was set ({@code threshold}) or cleared (null), by {@code changedBy}. */
@Revision("1")
public record LowBalanceAlertConfigured(TenantId tenantId, Money threshold, String changedBy, Instant changedAt) {
}
