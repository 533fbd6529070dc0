package org.commcredits.ledger.query.statements;

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
import java.util.Map;

/** The monthly statement as a PDF (OpenPDF), from the same view the JSON answer is. */
final class StatementPdf {

    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font LABEL = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);
    private static final Font TEXT = FontFactory.getFont(FontFactory.HELVETICA, 10);

    private StatementPdf() {
    }

    static byte[] render(StatementController.StatementView view) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 56, 56, 56, 56);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle("Statement " + view.month() + " of " + view.tenantId());
            document.open();
            document.add(new Paragraph("Statement " + view.month(), TITLE));
            document.add(new Paragraph("Tenant " + view.tenantId() + ", Communication Credits, amounts in " + view.currency(), TEXT));
            document.add(new Paragraph("From " + view.from() + " to " + view.to() + " (time zone " + view.timeZone() + ")"
                    + (view.complete() ? "" : ", month still running"), TEXT));
            document.add(new Paragraph(" "));
            PdfPTable table = new PdfPTable(new float[] {3, 1});
            table.setWidthPercentage(100);
            row(table, "Opening balance", view.openingBalance(), LABEL);
            for (Map.Entry<String, Object> movement : view.movements().entrySet()) {
                String sign = movement.getKey().equals("usage") || movement.getKey().equals("expiries")
                        || movement.getKey().equals("refunds") ? "- " : "+ ";
                row(table, sign + movement.getKey(), String.valueOf(movement.getValue()), TEXT);
            }
            for (Map<String, Object> line : view.usageByPlanAndCountry()) {
                row(table, "    usage, " + line.get("plan") + ", " + line.get("country") + " (" + line.get("charges") + " charges)",
                        String.valueOf(line.get("amount")), TEXT);
            }
            row(table, "Closing balance", view.closingBalance(), LABEL);
            for (Map.Entry<String, String> memo : view.memos().entrySet()) {
                row(table, memo.getKey() + " usage (memo, not from credits)", memo.getValue(), TEXT);
            }
            document.add(table);
            document.add(new Paragraph(" "));
            document.add(new Paragraph(view.reconciles() ? "Opening balance plus movements equals the closing balance."
                    : "WARNING: opening balance plus movements does not equal the closing balance.", TEXT));
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot write the statement PDF", e);
        } finally {
            document.close();
        }
        return out.toByteArray();
    }

    private static void row(PdfPTable table, String label, String amount, Font font) {
        PdfPCell name = new PdfPCell(new Phrase(label, font));
        name.setPadding(4);
        table.addCell(name);
        PdfPCell value = new PdfPCell(new Phrase(amount, font));
        value.setHorizontalAlignment(Element.ALIGN_RIGHT);
        value.setPadding(4);
        table.addCell(value);
    }
}
