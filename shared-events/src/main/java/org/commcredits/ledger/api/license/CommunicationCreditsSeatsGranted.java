package org.commcredits.ledger.api.license;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;

import java.time.Instant;

/**
 * The tenant's credit account was funded for the first time: {@code COMMUNICATION_CREDITS} now has
 * unlimited free seats (INV-LIC-06). Granted once per tenant.
 */
@Revision("1")
public record CommunicationCreditsSeatsGranted(TenantId tenantId, String firstTrancheId, Instant grantedAt) {
}
