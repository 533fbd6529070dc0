package org.commcredits.ledger.api.license;

/** Where a meeting organised by the user may dial out to: Microsoft's conferencing dial-out restriction. */
public enum ConferenceDialOut {
    ANY_DESTINATION,
    /** Only destinations in the organiser's usage-location country (US and PR count as one). */
    SAME_COUNTRY,
    /** Only destinations in {@link ZoneA}. */
    ZONE_A,
    NONE
}
