package org.commcredits.ledger.api.license;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;

/**
 * Sets a user's override of the tenant's outbound calling restriction (INV-CALL-13); a null field follows the
 * tenant. {@code requestedBy} is the principal.
 */
public record SetUserDialOutPolicy(TenantId tenantId, UserId userId, PstnDialOut pstn, ConferenceDialOut conference,
                                   String requestedBy) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return LicenseIds.aggregateId(tenantId);
    }
}
