package org.commcredits.ledger.api.call;

/** The contract's call types. */
public enum CallType {
    /** A user dials a number: included minutes of a calling plan, then credits. */
    OUTBOUND,
    /** A meeting dials out to a phone: Audio Conferencing dial-out minutes, then credits. */
    CONFERENCE_DIAL_OUT,
    /** A caller reaches the tenant's toll-free number: always charged to credits, no user license needed. */
    TOLL_FREE_INBOUND
}
