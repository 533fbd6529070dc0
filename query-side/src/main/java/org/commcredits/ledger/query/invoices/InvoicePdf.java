package org.commcredits.ledger.query.invoices;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

import java.io.ByteArrayOutputStream;

/**
 * An invoice as a PDF an auditor can file (OpenPDF): the tenant, the number, the issue date, every line, the
 * total with its currency, the status, and what it is for (the tranche of a funding, the month of postpaid
 * usage). Written from the invoice read model's row, the same one {@code GET .../invoices/{id}} answers, so the
 * two cannot disagree.
 */
final class InvoicePdf {

    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font LABEL = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);
    private static final Font TEXT = FontFactory.getFont(FontFactory.HELVETICA, 10);

    private InvoicePdf() {
    }

    static byte[] render(String tenantId, InvoiceRows.InvoiceView invoice) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 56, 56, 56, 56);
        try {
            PdfWriter.getInstance(document, out);
            String title = (invoice.creditNote() ? "Credit note " : "Invoice ") + invoice.number();
            document.addTitle(title + " of " + tenantId);
            document.addCreator("Communication Credits Ledger");
            document.open();
            document.add(new Paragraph(title, TITLE));
            document.add(new Paragraph("Communication Credits", TEXT));
            document.add(new Paragraph(" "));

            PdfPTable facts = new PdfPTable(new float[] {1, 2.5f});
            facts.setWidthPercentage(100);
            fact(facts, "Tenant", tenantId);
            fact(facts, invoice.creditNote() ? "Credit note id" : "Invoice id", invoice.invoiceId());
            if (invoice.creditNote()) {
                fact(facts, "Credits invoice", invoice.creditsInvoiceId() == null ? "-" : invoice.creditsInvoiceId());
            }
            fact(facts, "Number", Long.toString(invoice.number()));
            fact(facts, "Kind", invoice.kind());
            fact(facts, "Issued (UTC)", invoice.issuedAt());
            fact(facts, "Status", invoice.status());
            fact(facts, "Currency", invoice.currency());
            fact(facts, "PO number", invoice.poNumber() == null ? "-" : invoice.poNumber());
            fact(facts, isMonth(invoice.reference()) ? "Usage month" : "Tranche", invoice.reference() == null ? "-" : invoice.reference());
            document.add(facts);
            document.add(new Paragraph(" "));

            PdfPTable lines = new PdfPTable(new float[] {3, 1});
            lines.setWidthPercentage(100);
            lines.setHeaderRows(1);
            cell(lines, "Description", LABEL, Element.ALIGN_LEFT);
            cell(lines, "Amount (" + invoice.currency() + ")", LABEL, Element.ALIGN_RIGHT);
            for (InvoiceRows.LineView line : invoice.lines()) {
                cell(lines, line.description(), TEXT, Element.ALIGN_LEFT);
                cell(lines, line.amount(), TEXT, Element.ALIGN_RIGHT);
            }
            cell(lines, "Total", LABEL, Element.ALIGN_LEFT);
            cell(lines, invoice.total() + " " + invoice.currency(), LABEL, Element.ALIGN_RIGHT);
            document.add(lines);
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot write the PDF of invoice " + invoice.invoiceId(), e);
        } finally {
            document.close();
        }
        return out.toByteArray();
    }

    private static boolean isMonth(String reference) {
        return reference != null && reference.matches("\\d{4}-\\d{2}");
    }

    private static void fact(PdfPTable table, String label, String value) {
        cell(table, label, LABEL, Element.ALIGN_LEFT);
        cell(table, value, TEXT, Element.ALIGN_LEFT);
    }

    private static void cell(PdfPTable table, String text, Font font, int alignment) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setHorizontalAlignment(alignment);
        cell.setPadding(4);
        table.addCell(cell);
    }
}
