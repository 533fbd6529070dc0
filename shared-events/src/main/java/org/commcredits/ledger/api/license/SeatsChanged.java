package org.commcredits.ledger.api.license;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;

import java.time.Instant;

/** The subscription of {@code sku} was set from {@code seatsBefore} to {@code seatsAfter} (never below {@code assigned}). */
@Revision("1")
public record SeatsChanged(TenantId tenantId, Sku sku, long seatsBefore, long seatsAfter, long assigned,
                           String changedBy, Instant changedAt) {
}
