package org.commcredits.ledger.api.license;

/** The license SKUs of the contract. What each includes is in {@code docs/licensing.md}. */
public enum Sku {
    COMMUNICATION_CREDITS,
    TEAMS_PHONE,
    AUDIO_CONFERENCING,
    CALLING_PLAN_DOMESTIC,
    CALLING_PLAN_INTERNATIONAL,
    CALLING_PLAN_PAYG,
    M365_E5
}
