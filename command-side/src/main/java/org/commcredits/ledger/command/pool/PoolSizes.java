package org.commcredits.ledger.command.pool;

import org.commcredits.ledger.api.call.CallType;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.license.Sku;
import org.commcredits.ledger.api.pool.PoolKind;

import java.util.Optional;
import java.util.Set;

/**
 * THE table of included minutes (INV-POOL-01), in one place; its source and the simplifications are in
 * {@code docs/pools.md}. Minutes are per user holding the plan, per calendar month, pooled across the
 * tenant's users holding that plan in the same pool country.
 *
 * <pre>
 * plan                         minutes / user / month          calls covered
 * Domestic Calling Plan        3,000 in US, PR, CA; 1,200 else  destination in the user's country (US+PR one)
 * International Calling Plan   3,000 domestic                   as above
 *                              + 600 international              destination in another country
 * Pay-As-You-Go Calling Plan   none                             (everything on credits)
 * Audio Conferencing           60 dial-out                      CONFERENCE_DIAL_OUT to a Zone A country
 * </pre>
 */
public final class PoolSizes {

    public static final long DOMESTIC_NORTH_AMERICA = 3_000;
    public static final long DOMESTIC_ELSEWHERE = 1_200;
    public static final long INTERNATIONAL_PLAN_DOMESTIC = 3_000;
    public static final long INTERNATIONAL_PLAN_INTERNATIONAL = 600;
    public static final long CONFERENCING_DIAL_OUT = 60;

    private static final Set<String> NORTH_AMERICA = Set.of("US", "PR", "CA");

    /** Zone A of Audio Conferencing dial-out (as published by Microsoft; see docs/pools.md). */
    public static final Set<String> ZONE_A = Set.of("AU", "AT", "BE", "CA", "DK", "FI", "FR", "DE", "IE", "IT",
            "JP", "NL", "NZ", "NO", "PR", "SG", "ES", "SE", "CH", "GB", "US");

    private PoolSizes() {
    }

    public static long perUserMinutes(PoolKind kind, CountryCode poolCountry) {
        return switch (kind) {
            case DOMESTIC -> NORTH_AMERICA.contains(poolCountry.value()) ? DOMESTIC_NORTH_AMERICA : DOMESTIC_ELSEWHERE;
            case INTERNATIONAL_PLAN_DOMESTIC -> INTERNATIONAL_PLAN_DOMESTIC;
            case INTERNATIONAL_PLAN_INTERNATIONAL -> INTERNATIONAL_PLAN_INTERNATIONAL;
            case CONFERENCING_DIAL_OUT -> CONFERENCING_DIAL_OUT;
        };
    }

    /** INV-POOL-02: US and PR share one pool; every other country has its own. */
    public static CountryCode poolCountry(CountryCode usageLocation) {
        return "PR".equals(usageLocation.value()) ? CountryCode.of("US") : usageLocation;
    }

    /**
     * The pool that pays first for a call of {@code callType} by a user with {@code skus} located in
     * {@code usageLocation} to {@code destinationCountry}, if any. The Domestic plan wins over the
     * International plan's domestic minutes when a user holds both.
     */
    public static Optional<PoolKind> poolFor(Set<Sku> skus, CallType callType, CountryCode usageLocation,
                                             CountryCode destinationCountry) {
        if (usageLocation == null || destinationCountry == null) {
            return Optional.empty();
        }
        if (callType == CallType.CONFERENCE_DIAL_OUT) {
            return skus.contains(Sku.AUDIO_CONFERENCING) && ZONE_A.contains(destinationCountry.value())
                    ? Optional.of(PoolKind.CONFERENCING_DIAL_OUT) : Optional.empty();
        }
        if (callType != CallType.OUTBOUND) {
            return Optional.empty();
        }
        boolean domestic = poolCountry(usageLocation).equals(poolCountry(destinationCountry));
        if (domestic && skus.contains(Sku.CALLING_PLAN_DOMESTIC)) {
            return Optional.of(PoolKind.DOMESTIC);
        }
        if (skus.contains(Sku.CALLING_PLAN_INTERNATIONAL)) {
            return Optional.of(domestic ? PoolKind.INTERNATIONAL_PLAN_DOMESTIC : PoolKind.INTERNATIONAL_PLAN_INTERNATIONAL);
        }
        return Optional.empty();
    }
}
