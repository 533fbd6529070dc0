package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;

import java.time.Instant;

/**
 * The tenant's first funding made the {@code COMMUNICATION_CREDITS} SKU available, with unlimited free
 * seats (INV-CA-09). Emitted once per account; licensing consumes it.
 */
@Revision("1")
public record CommunicationCreditsEnabled(TenantId tenantId, Instant enabledAt, String firstTrancheId) {
}
