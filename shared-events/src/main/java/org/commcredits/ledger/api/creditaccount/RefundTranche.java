package org.commcredits.ledger.api.creditaccount;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;

/**
 * Gives back the unused, unheld remainder of a paid tranche through the payment provider, and issues a credit
 * note {@code creditNoteId} (chosen by the caller) for it (INV-CA-22).
 */
public record RefundTranche(TenantId tenantId, String trancheId, String creditNoteId, String reason,
                            String requestedBy) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return tenantId.creditAccountAggregateId();
    }
}
