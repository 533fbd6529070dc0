package org.commcredits.ledger.command.duework;

/** The kinds of work that fall due, each answered by one idempotent command to the credit account. */
enum DueKind {
    /** A tranche's expiry instant (reference: tranche id): {@code ProcessDueWork}. */
    TRANCHE_EXPIRY,
    /** 30 days before a tranche's expiry (reference: tranche id): {@code ProcessDueWork}. */
    TRANCHE_WARNING,
    /** A reservation's expiry (reference: reservation id): {@code ProcessDueWork} releases it as timed out. */
    RESERVATION_TIMEOUT,
    /** The next attempt of a pending recharge (reference: recharge id): {@code AttemptRecharge}. */
    RECHARGE_ATTEMPT,
    /** The end of a month with postpaid usage (reference: YYYY-MM): {@code IssuePostpaidInvoice}. */
    MONTH_END
}
