package org.commcredits.ledger.api.creditaccount;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;
import java.math.BigDecimal;

/**
 * A manual purchase of credits: one new tranche. {@code trancheId} and {@code invoiceId} are chosen by the
 * caller (the REST layer). {@code amount} is a decimal in the account's currency; the account turns it into
 * minor units and rejects any other number of digits than the currency has ({@code INVALID_AMOUNT}, INV-IN-03).
 */
public record AddFunds(TenantId tenantId, String trancheId, String invoiceId, BigDecimal amount, String requestedBy,
                       String poNumber) {

    /** A funding without a purchase order number. */
    public AddFunds(TenantId tenantId, String trancheId, String invoiceId, BigDecimal amount, String requestedBy) {
        this(tenantId, trancheId, invoiceId, amount, requestedBy, null);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return tenantId.creditAccountAggregateId();
    }
}
