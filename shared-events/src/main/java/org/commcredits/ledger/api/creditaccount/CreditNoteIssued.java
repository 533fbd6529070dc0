package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;
import java.util.List;

/**
 * A credit note for a refund, in its own per-tenant series ({@code number} 1, 2, 3, ... with no gaps, apart
 * from the invoices' series; INV-CA-22). {@code lines} and {@code total} are negative. {@code invoiceId} is the
 * invoice of the refunded purchase (null when unknown) and {@code trancheId} the refunded tranche.
 */
@Revision("1")
public record CreditNoteIssued(TenantId tenantId, String creditNoteId, long number, Instant issuedAt,
                               List<InvoiceLine> lines, Money total, String invoiceId, String trancheId,
                               String reason) {

    public CreditNoteIssued {
        lines = List.copyOf(lines);
    }
}
