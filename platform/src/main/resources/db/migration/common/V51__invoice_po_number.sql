-- Issue 12: the purchase order number a customer gives with a funding is printed on its invoice.
-- Invoices issued before have none. The invoice projection writes it from InvoiceIssued (revision 2).
ALTER TABLE rm_invoice ADD COLUMN po_number VARCHAR(64);
