package org.commcredits.ledger.api.creditaccount;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;

/** Moves the account to {@code billingAgreement}; asking for the current agreement changes nothing. */
public record ChangeBillingAgreement(TenantId tenantId, BillingAgreement billingAgreement, String requestedBy) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return tenantId.creditAccountAggregateId();
    }
}
