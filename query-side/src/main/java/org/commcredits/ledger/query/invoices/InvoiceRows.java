package org.commcredits.ledger.query.invoices;

import org.commcredits.ledger.api.creditaccount.CreditNoteIssued;
import org.commcredits.ledger.api.creditaccount.InvoiceIssued;
import org.commcredits.ledger.api.money.Money;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads invoices with their lines from the read model, in the shape the API answers. */
@Component
class InvoiceRows {

    record LineView(String description, String amount) {
    }

    /**
     * An invoice, or a credit note ({@code kind} {@link #CREDIT_NOTE}, its own number series, negative amounts,
     * {@code reference} the refunded tranche and {@code creditsInvoiceId} the invoice of its purchase).
     */
    record InvoiceView(String invoiceId, long number, String kind, String issuedAt, List<LineView> lines, String total,
                       String currency, String status, String reference, String poNumber, String creditsInvoiceId) {

        static InvoiceView of(InvoiceIssued event) {
            String currency = event.total().currency();
            return new InvoiceView(event.invoiceId(), event.number(), event.kind().name(), event.issuedAt().toString(),
                    event.lines().stream().map(l -> new LineView(l.description(), l.amount().toPlainString())).toList(),
                    event.total().toPlainString(), currency, event.status().name(), event.reference(), event.poNumber(),
                    null);
        }

        static InvoiceView of(CreditNoteIssued event) {
            String currency = event.total().currency();
            return new InvoiceView(event.creditNoteId(), event.number(), CREDIT_NOTE, event.issuedAt().toString(),
                    event.lines().stream().map(l -> new LineView(l.description(), l.amount().toPlainString())).toList(),
                    event.total().toPlainString(), currency, ISSUED, event.trancheId(), null, event.invoiceId());
        }

        boolean creditNote() {
            return CREDIT_NOTE.equals(kind);
        }
    }

    /** The kind of a credit note's row; invoices carry an {@code InvoiceKind}. */
    static final String CREDIT_NOTE = "CREDIT_NOTE";
    /** A credit note's status: it is issued, and the refund it records has been made. */
    static final String ISSUED = "ISSUED";

    private static final String COLUMNS = "SELECT invoice_id, number, kind, issued_at, total_minor, currency, status, reference, "
            + "po_number, credits_invoice_id FROM rm_invoice WHERE tenant_id = ?";

    private final JdbcTemplate jdbc;

    InvoiceRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code max} invoices with a number above {@code afterNumber}, by number. */
    List<InvoiceView> page(String tenantId, long afterNumber, int max) {
        return read(tenantId, COLUMNS + " AND kind <> '" + CREDIT_NOTE + "' AND number > ? ORDER BY number FETCH FIRST " + max
                + " ROWS ONLY", tenantId, afterNumber);
    }

    /** Up to {@code max} credit notes with a number above {@code afterNumber}, by number (their own series). */
    List<InvoiceView> creditNotes(String tenantId, long afterNumber, int max) {
        return read(tenantId, COLUMNS + " AND kind = '" + CREDIT_NOTE + "' AND number > ? ORDER BY number FETCH FIRST " + max
                + " ROWS ONLY", tenantId, afterNumber);
    }

    List<InvoiceView> one(String tenantId, String invoiceId) {
        return read(tenantId, COLUMNS + " AND invoice_id = ?", tenantId, invoiceId);
    }

    List<InvoiceView> all(String tenantId) {
        return read(tenantId, COLUMNS + " ORDER BY kind, number", tenantId);
    }

    private List<InvoiceView> read(String tenantId, String sql, Object... arguments) {
        Map<String, Object[]> heads = new LinkedHashMap<>();
        jdbc.query(sql, rs -> {
            heads.put(rs.getString(1), new Object[]{rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant().toString(),
                    rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)});
        }, arguments);
        if (heads.isEmpty()) {
            return List.of();
        }
        Map<String, List<Object[]>> lines = new LinkedHashMap<>();
        String in = String.join(", ", java.util.Collections.nCopies(heads.size(), "?"));
        List<Object> lineArguments = new ArrayList<>();
        lineArguments.add(tenantId);
        lineArguments.addAll(heads.keySet());
        jdbc.query("SELECT invoice_id, description, amount_minor FROM rm_invoice_line WHERE tenant_id = ? AND invoice_id IN ("
                        + in + ") ORDER BY invoice_id, line_no",
                rs -> {
                    lines.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Object[]{rs.getString(2), rs.getLong(3)});
                }, lineArguments.toArray());
        List<InvoiceView> views = new ArrayList<>();
        heads.forEach((id, head) -> {
            String currency = (String) head[4];
            List<LineView> lineViews = lines.getOrDefault(id, List.of()).stream()
                    .map(l -> new LineView((String) l[0], Money.ofMinor((Long) l[1], currency).toPlainString())).toList();
            views.add(new InvoiceView(id, (Long) head[0], (String) head[1], (String) head[2], lineViews,
                    Money.ofMinor((Long) head[3], currency).toPlainString(), currency, (String) head[5], (String) head[6],
                    (String) head[7], (String) head[8]));
        });
        return views;
    }
}
