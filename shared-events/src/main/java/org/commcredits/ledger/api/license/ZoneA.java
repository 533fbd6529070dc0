package org.commcredits.ledger.api.license;

import org.commcredits.ledger.api.ids.CountryCode;

import java.util.Set;

/**
 * Zone A of Microsoft's Audio Conferencing dial-out: the countries and regions whose numbers a meeting may
 * dial out to from the included dial-out minutes, and the destinations the {@link ConferenceDialOut#ZONE_A}
 * restriction allows. THE list, in one place; its source is in {@code docs/pools.md} ("Zone A").
 */
public final class ZoneA {

    public static final Set<String> COUNTRIES = Set.of("AU", "AT", "BE", "CA", "DK", "FI", "FR", "DE", "IE", "IT",
            "JP", "NL", "NZ", "NO", "PR", "SG", "ES", "SE", "CH", "GB", "US");

    private ZoneA() {
    }

    /** Whether {@code country} is in Zone A; an unknown country (null) is not. */
    public static boolean contains(CountryCode country) {
        return country != null && COUNTRIES.contains(country.value());
    }
}
