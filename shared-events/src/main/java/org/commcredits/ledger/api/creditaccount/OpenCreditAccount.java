package org.commcredits.ledger.api.creditaccount;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;

/** Opens the tenant's one credit account, in one currency, under a billing agreement. */
public record OpenCreditAccount(TenantId tenantId, String currency, BillingAgreement billingAgreement, String requestedBy) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return tenantId.creditAccountAggregateId();
    }
}
