package org.commcredits.ledger.command.pool;

import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.pool.PoolKind;

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
 * Which pool a call draws from is a calling rule, in {@code CallingEntitlements} (shared with eligibility).
 */
public final class PoolSizes {

    public static final long DOMESTIC_NORTH_AMERICA = 3_000;
    public static final long DOMESTIC_ELSEWHERE = 1_200;
    public static final long INTERNATIONAL_PLAN_DOMESTIC = 3_000;
    public static final long INTERNATIONAL_PLAN_INTERNATIONAL = 600;
    public static final long CONFERENCING_DIAL_OUT = 60;

    private static final Set<String> NORTH_AMERICA = Set.of("US", "PR", "CA");

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
}
