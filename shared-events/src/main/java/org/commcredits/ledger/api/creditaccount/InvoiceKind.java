package org.commcredits.ledger.api.creditaccount;

/** What an invoice bills. */
public enum InvoiceKind {
    /** A purchase of credits, manual or by auto-recharge; paid when issued. */
    FUNDING,
    /** A month's postpaid usage of an account on a Microsoft Customer Agreement. */
    POSTPAID_USAGE
}
