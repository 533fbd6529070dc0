package org.commcredits.ledger.query.invoices;

import org.commcredits.ledger.api.creditaccount.CreditNoteIssued;
import org.commcredits.ledger.api.creditaccount.InvoiceIssued;
import org.commcredits.ledger.query.verify.Difference;
import org.commcredits.ledger.query.verify.ReadModelVerifier;
import org.commcredits.ledger.query.verify.TenantHistory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Replays the tenant's {@code InvoiceIssued} and {@code CreditNoteIssued} events and compares each invoice and line with the read model. */
@Component
class InvoiceVerifier implements ReadModelVerifier {

    private final InvoiceRows rows;

    InvoiceVerifier(InvoiceRows rows) {
        this.rows = rows;
    }

    @Override
    public String readModel() {
        return "invoices";
    }

    @Override
    public String processor() {
        return InvoiceProjection.PROCESSOR;
    }

    @Override
    public List<Difference> verify(TenantHistory history) {
        Map<String, InvoiceRows.InvoiceView> expected = new LinkedHashMap<>();
        for (TenantHistory.Event event : history.creditAccount()) {
            if (event.payload() instanceof InvoiceIssued issued) {
                expected.putIfAbsent(issued.invoiceId(), InvoiceRows.InvoiceView.of(issued));
            } else if (event.payload() instanceof CreditNoteIssued note) {
                expected.putIfAbsent(note.creditNoteId(), InvoiceRows.InvoiceView.of(note));
            }
        }
        Map<String, InvoiceRows.InvoiceView> actual = new LinkedHashMap<>();
        for (InvoiceRows.InvoiceView view : rows.all(history.tenantId())) {
            actual.put(view.invoiceId(), view);
        }
        List<Difference> differences = new ArrayList<>();
        for (InvoiceRows.InvoiceView want : expected.values()) {
            String row = "invoice " + want.invoiceId();
            InvoiceRows.InvoiceView have = actual.remove(want.invoiceId());
            if (have == null) {
                differences.add(Difference.missingRow(readModel(), row));
                continue;
            }
            add(differences, row, "number", want.number(), have.number());
            add(differences, row, "kind", want.kind(), have.kind());
            add(differences, row, "issuedAt", want.issuedAt(), have.issuedAt());
            add(differences, row, "total", want.total(), have.total());
            add(differences, row, "currency", want.currency(), have.currency());
            add(differences, row, "status", want.status(), have.status());
            add(differences, row, "reference", want.reference(), have.reference());
            add(differences, row, "poNumber", want.poNumber(), have.poNumber());
            add(differences, row, "creditsInvoiceId", want.creditsInvoiceId(), have.creditsInvoiceId());
            add(differences, row, "lines", want.lines(), have.lines());
        }
        for (String extra : actual.keySet()) {
            differences.add(Difference.unexpectedRow(readModel(), "invoice " + extra));
        }
        return differences;
    }

    private void add(List<Difference> differences, String row, String field, Object expected, Object actual) {
        Difference difference = Difference.compare(readModel(), row, field, expected, actual);
        if (difference != null) {
            differences.add(difference);
        }
    }
}
