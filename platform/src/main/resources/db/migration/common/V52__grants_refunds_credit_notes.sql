-- Issue 12: goodwill grants and refunds.
-- A granted tranche is credit given, not sold (FundsGranted); the balance tells paid and granted credit apart.
ALTER TABLE rm_tranche ADD COLUMN granted BOOLEAN DEFAULT FALSE NOT NULL;
-- What a refund gave back of the tranche (FundsRefunded); the rest of it stays held for calls in progress.
ALTER TABLE rm_tranche ADD COLUMN refunded_minor BIGINT DEFAULT 0 NOT NULL;
-- Credit notes (CreditNoteIssued) live beside invoices in rm_invoice with kind CREDIT_NOTE and their own number
-- series; credits_invoice_id names the invoice of the refunded purchase.
ALTER TABLE rm_invoice ADD COLUMN credits_invoice_id VARCHAR(128);
