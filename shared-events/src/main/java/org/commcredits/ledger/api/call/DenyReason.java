package org.commcredits.ledger.api.call;

/**
 * Why an authorisation was denied: the contract's stable codes, in the order the call path checks them
 * (see {@code docs/invariants.md}, INV-CALL-*). Clients switch on these; never rename or reuse one.
 */
public enum DenyReason {
    ACCOUNT_NOT_FOUND,
    USAGE_LOCATION_REQUIRED,
    NO_CALLING_LICENSE,
    /** (v2) The user's dial-out policy forbids this destination (INV-CALL-13); checked before pools and credits. */
    DIAL_OUT_RESTRICTED,
    NO_COMMUNICATION_CREDITS_LICENSE,
    NO_RATE_FOR_DESTINATION,
    USER_SPEND_LIMIT_REACHED,
    INSUFFICIENT_CREDITS
}
