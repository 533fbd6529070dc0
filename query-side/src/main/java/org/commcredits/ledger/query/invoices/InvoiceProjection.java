package org.commcredits.ledger.query.invoices;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.commcredits.ledger.api.creditaccount.CreditNoteIssued;
import org.commcredits.ledger.api.creditaccount.InvoiceIssued;
import org.commcredits.ledger.api.creditaccount.InvoiceLine;
import org.commcredits.ledger.platform.storage.GlobalIndex;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;

/**
 * Copies issued invoices into {@code rm_invoice} and {@code rm_invoice_line}, keyed by tenant and invoice
 * id (MERGE), so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(InvoiceProjection.PROCESSOR)
class InvoiceProjection {

    static final String PROCESSOR = "invoices";

    private final JdbcTemplate jdbc;

    InvoiceProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(InvoiceIssued event, @GlobalIndex long sequence) {
        String tenant = event.tenantId().value();
        jdbc.update("MERGE INTO rm_invoice t USING (VALUES (?, ?)) s(tenant_id, invoice_id) "
                        + "ON t.tenant_id = s.tenant_id AND t.invoice_id = s.invoice_id "
                        + "WHEN NOT MATCHED THEN INSERT (tenant_id, invoice_id, number, kind, issued_at, total_minor, currency, status, reference, po_number, sequence) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant, event.invoiceId(), tenant, event.invoiceId(), event.number(), event.kind().name(),
                Timestamp.from(event.issuedAt()), event.total().minor(), event.total().currency(), event.status().name(),
                event.reference(), event.poNumber(), sequence);
        lines(tenant, event.invoiceId(), event.lines());
    }

    private void lines(String tenant, String invoiceId, List<InvoiceLine> lines) {
        for (int i = 0; i < lines.size(); i++) {
            jdbc.update("MERGE INTO rm_invoice_line t USING (VALUES (?, ?, ?)) s(tenant_id, invoice_id, line_no) "
                            + "ON t.tenant_id = s.tenant_id AND t.invoice_id = s.invoice_id AND t.line_no = s.line_no "
                            + "WHEN NOT MATCHED THEN INSERT (tenant_id, invoice_id, line_no, description, amount_minor) VALUES (?, ?, ?, ?, ?)",
                    tenant, invoiceId, i + 1, tenant, invoiceId, i + 1, lines.get(i).description(),
                    lines.get(i).amount().minor());
        }
    }

    /** INV-CA-22: a credit note is a row of its own kind, in its own number series, keyed like an invoice. */
    @EventHandler
    void on(CreditNoteIssued event, @GlobalIndex long sequence) {
        String tenant = event.tenantId().value();
        jdbc.update("MERGE INTO rm_invoice t USING (VALUES (?, ?)) s(tenant_id, invoice_id) "
                        + "ON t.tenant_id = s.tenant_id AND t.invoice_id = s.invoice_id "
                        + "WHEN NOT MATCHED THEN INSERT (tenant_id, invoice_id, number, kind, issued_at, total_minor, currency, status, "
                        + "reference, credits_invoice_id, sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant, event.creditNoteId(), tenant, event.creditNoteId(), event.number(), InvoiceRows.CREDIT_NOTE,
                Timestamp.from(event.issuedAt()), event.total().minor(), event.total().currency(), InvoiceRows.ISSUED,
                event.trancheId(), event.invoiceId(), sequence);
        lines(tenant, event.creditNoteId(), event.lines());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_invoice_line");
        jdbc.update("DELETE FROM rm_invoice");
    }
}
