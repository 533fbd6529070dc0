package org.commcredits.ledger.query.eligibility;

/**
 * The classes of destination eligibility answers for, relative to the user's usage location: the calling
 * rules treat every destination of one class alike (INV-CALL-12).
 */
enum Destination {
    /** In the usage location's country (US and PR count as one). */
    DOMESTIC,
    /** Another country, in Zone A (conference dial-out minutes; the {@code ZONE_A} restriction). */
    INTERNATIONAL_ZONE_A,
    /** Another country outside Zone A. */
    INTERNATIONAL_OTHER
}
