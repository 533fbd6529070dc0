package org.commcredits.ledger.api.license;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;

import java.time.Instant;

/** The tenant bought {@code seatsAdded} more seats of {@code sku}; it now has {@code seatsAfter}. */
@Revision("1")
public record SeatsSubscribed(TenantId tenantId, Sku sku, long seatsAdded, long seatsAfter, long assigned,
                              String subscribedBy, Instant subscribedAt) {
}
