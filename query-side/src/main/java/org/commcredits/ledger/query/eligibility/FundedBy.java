package org.commcredits.ledger.query.eligibility;

/** What pays for a minute, in the order they are drawn (INV-LIC-17). */
enum FundedBy {
    INCLUDED_MINUTES,
    CREDITS,
    POSTPAID
}
