package org.commcredits.ledger.api.call;

/** What pays for an authorised call (the contract's {@code fundedBy}). */
public enum FundedBy {
    INCLUDED_MINUTES,
    CREDITS,
    POSTPAID
}
