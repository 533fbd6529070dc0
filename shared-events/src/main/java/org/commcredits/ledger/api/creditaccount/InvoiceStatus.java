package org.commcredits.ledger.api.creditaccount;

/** Whether an invoice has been paid. */
public enum InvoiceStatus {
    PAID,
    DUE
}
