package org.commcredits.ledger.api.license;

/**
 * Which PSTN calls a user may place: Microsoft's {@code OnlineDialOutPolicy} for user calls
 * ({@code DialoutCPCandPSTNInternational}, {@code ...Domestic}, {@code ...Disabled}).
 */
public enum PstnDialOut {
    INTERNATIONAL_AND_DOMESTIC,
    /** Only destinations in the user's usage-location country (US and PR count as one). */
    DOMESTIC_ONLY,
    NONE
}
