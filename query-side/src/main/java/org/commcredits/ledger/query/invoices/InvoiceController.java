package org.commcredits.ledger.query.invoices;

import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.commcredits.ledger.platform.web.Paging;
import org.commcredits.ledger.platform.web.RequestFields;
import org.commcredits.ledger.query.history.CreditAccountEvents;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code GET /api/tenants/{tenantId}/invoices} (by number; the cursor is the last number seen) and
 * {@code GET .../invoices/{invoiceId}} ({@code 404 INVOICE_NOT_FOUND}) and the same invoice as a PDF,
 * {@code GET .../invoices/{invoiceId}.pdf}.
 */
@RestController
class InvoiceController {

    private final InvoiceRows rows;
    private final ProcessorPositions positions;
    private final CreditAccountEvents accounts;

    InvoiceController(InvoiceRows rows, ProcessorPositions positions, CreditAccountEvents accounts) {
        this.rows = rows;
        this.positions = positions;
        this.accounts = accounts;
    }

    @GetMapping(path = "/api/tenants/{tenantId}/invoices", produces = "application/json")
    Paging.Page<InvoiceRows.InvoiceView> invoices(@PathVariable String tenantId, @RequestParam(required = false) Integer limit,
                                                  @RequestParam(required = false) String after,
                                                  @RequestParam(required = false) Long minSequence) {
        return byNumber(tenantId, limit, after, minSequence, rows::page);
    }

    /** INV-CA-22: the tenant's credit notes, in their own number series (the cursor is the last number seen). */
    @GetMapping(path = "/api/tenants/{tenantId}/credit-notes", produces = "application/json")
    Paging.Page<InvoiceRows.InvoiceView> creditNotes(@PathVariable String tenantId, @RequestParam(required = false) Integer limit,
                                                     @RequestParam(required = false) String after,
                                                     @RequestParam(required = false) Long minSequence) {
        return byNumber(tenantId, limit, after, minSequence, rows::creditNotes);
    }

    /** One number series (invoices, or credit notes) paged by number: the cursor is the last number seen. */
    interface Series {
        List<InvoiceRows.InvoiceView> read(String tenantId, long afterNumber, int max);
    }

    private Paging.Page<InvoiceRows.InvoiceView> byNumber(String tenantId, Integer limit, String after, Long minSequence,
                                                          Series series) {
        RequestFields.id(tenantId, "tenantId");
        int pageSize = Paging.limit(limit);
        long cursor = Paging.after(after);
        positions.awaitSequence(InvoiceProjection.PROCESSOR, minSequence);
        requireAccount(tenantId);
        return Paging.of(series.read(tenantId, cursor, pageSize + 1), pageSize, InvoiceRows.InvoiceView::number);
    }

    @GetMapping(path = "/api/tenants/{tenantId}/invoices/{invoiceId}.pdf", produces = "application/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String tenantId, @PathVariable String invoiceId,
                               @RequestParam(required = false) Long minSequence) {
        InvoiceRows.InvoiceView found = invoice(tenantId, invoiceId, minSequence);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename((found.creditNote() ? "credit-note-" : "invoice-") + tenantId + "-" + found.number() + ".pdf")
                        .build().toString())
                .body(InvoicePdf.render(tenantId, found));
    }

    @GetMapping(path = "/api/tenants/{tenantId}/invoices/{invoiceId}", produces = "application/json")
    InvoiceRows.InvoiceView invoice(@PathVariable String tenantId, @PathVariable String invoiceId,
                                    @RequestParam(required = false) Long minSequence) {
        RequestFields.id(tenantId, "tenantId");
        RequestFields.id(invoiceId, "invoiceId");
        positions.awaitSequence(InvoiceProjection.PROCESSOR, minSequence);
        requireAccount(tenantId);
        List<InvoiceRows.InvoiceView> found = rows.one(tenantId, invoiceId);
        if (found.isEmpty()) {
            throw new LedgerException(ErrorCode.INVOICE_NOT_FOUND, "No invoice " + invoiceId + " for this tenant");
        }
        return found.get(0);
    }

    private void requireAccount(String tenantId) {
        if (!accounts.exists(tenantId)) {
            throw new LedgerException(ErrorCode.ACCOUNT_NOT_FOUND, "This tenant has no credit account");
        }
    }
}
