package org.commcredits.ledger.api.creditaccount;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;

/** Sets the account's payment method: a payment provider token, never a card number. */
public record SetPaymentMethod(TenantId tenantId, String type, String token, String requestedBy) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return tenantId.creditAccountAggregateId();
    }
}
