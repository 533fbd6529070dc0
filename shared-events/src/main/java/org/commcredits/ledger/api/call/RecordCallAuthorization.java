package org.commcredits.ledger.api.call;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.TenantId;

/**
 * Records the authorisation decision the call path made ({@code authorized} or {@code denied}, exactly one
 * set) on the call. The call's first decision stands: a repeat changes nothing (INV-CALL-01).
 */
public record RecordCallAuthorization(TenantId tenantId, CallId callId, CallAuthorized authorized, CallDenied denied) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return CallIds.aggregateId(tenantId, callId);
    }
}
