package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;
import java.util.List;

/**
 * An invoice with a per-tenant sequential {@code number} (1, 2, 3, ... with no gaps; INV-CA-08).
 * {@code reference} is the tranche id for a funding invoice, or the month ({@code YYYY-MM}) for a
 * postpaid usage invoice.
 */
@Revision("1")
public record InvoiceIssued(TenantId tenantId, String invoiceId, long number, InvoiceKind kind, Instant issuedAt,
                            List<InvoiceLine> lines, Money total, InvoiceStatus status, String reference) {

    public InvoiceIssued {
        lines = List.copyOf(lines);
    }
}
