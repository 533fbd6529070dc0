package org.commcredits.ledger.api.license;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;

import java.time.Instant;

/** Sent when the credit account reports its first funding: unlimited free COMMUNICATION_CREDITS seats. */
public record EnableCommunicationCreditsSeats(TenantId tenantId, Instant enabledAt, String firstTrancheId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return LicenseIds.aggregateId(tenantId);
    }
}
