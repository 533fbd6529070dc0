package org.commcredits.ledger.api.creditaccount;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;

/** Ends a hold without charging (caller release or timeout). Releasing an unknown or ended hold does nothing. */
public record ReleaseReservation(TenantId tenantId, String reservationId, ReservationReleased.Reason reason) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return tenantId.creditAccountAggregateId();
    }
}
