package org.commcredits.ledger.query.eligibility;

/**
 * Why a user cannot place a kind of call: stable codes, part of the contract. The first six are the
 * contract's deny reasons (those this read model can tell; {@code NO_RATE_FOR_DESTINATION} depends on the
 * dialled number and is answered only by call authorisation); the others are this implementation's own,
 * documented in {@code docs/licensing.md}.
 */
enum Reason {
    /** INV-LIC-16: no usage location, so no calling license can apply. */
    USAGE_LOCATION_REQUIRED,
    /** INV-LIC-10: no calling plan on top of Teams Phone (or a suite including it). */
    NO_CALLING_LICENSE,
    /** (v2) INV-CALL-13: the user's dial-out policy forbids calls of this kind to this destination. */
    DIAL_OUT_RESTRICTED,
    /** INV-LIC-12: the next minute needs credits and the user has no COMMUNICATION_CREDITS license. */
    NO_COMMUNICATION_CREDITS_LICENSE,
    /** INV-LIC-12: the next minute needs credits and the tenant has no credit account. */
    ACCOUNT_NOT_FOUND,
    /** INV-LIC-12: the next minute needs credits and the available balance is zero (DIRECT agreement). */
    INSUFFICIENT_CREDITS,
    /** Own code, INV-LIC-15: the plan's included minutes for this month are used up. */
    INCLUDED_MINUTES_EXHAUSTED,
    /** Own code, INV-LIC-11: conference dial-out needs AUDIO_CONFERENCING (or M365_E5). */
    NO_AUDIO_CONFERENCING_LICENSE
}
