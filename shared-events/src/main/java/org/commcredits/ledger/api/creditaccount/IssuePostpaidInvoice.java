package org.commcredits.ledger.api.creditaccount;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;

/**
 * Issues the usage invoice of {@code month} ({@code YYYY-MM}, UTC) for the postpaid usage of an MCA account,
 * once that month is over (INV-CA-13). Does nothing when the month is not over, had no postpaid usage, or
 * was already invoiced.
 */
public record IssuePostpaidInvoice(TenantId tenantId, String month) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return tenantId.creditAccountAggregateId();
    }
}
