package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;
import java.util.List;

/**
 * An invoice with a per-tenant sequential {@code number} (1, 2, 3, ... with no gaps; INV-CA-08).
 * {@code reference} is the tranche id for a funding invoice, or the month ({@code YYYY-MM}) for a
 * postpaid usage invoice. {@code poNumber} (revision 2) is the customer's purchase order number given with a
 * funding, or null; a revision-1 event has none and reads with null.
 */
@Revision("2")
public record InvoiceIssued(TenantId tenantId, String invoiceId, long number, InvoiceKind kind, Instant issuedAt,
                            List<InvoiceLine> lines, Money total, InvoiceStatus status, String reference,
                            String poNumber) {

    public InvoiceIssued {
        lines = List.copyOf(lines);
    }

    /** An invoice without a purchase order number (every invoice of revision 1 reads so). */
    public InvoiceIssued(TenantId tenantId, String invoiceId, long number, InvoiceKind kind, Instant issuedAt,
                         List<InvoiceLine> lines, Money total, InvoiceStatus status, String reference) {
        this(tenantId, invoiceId, number, kind, issuedAt, lines, total, status, reference, null);
    }
}
