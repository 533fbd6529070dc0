package org.commcredits.ledger.api.call;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a rated and paid call on the call. A call completes once (INV-CALL-03). */
public record RecordCallCompletion(CallCompleted completed) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return CallIds.aggregateId(completed.tenantId(), completed.callId());
    }
}
