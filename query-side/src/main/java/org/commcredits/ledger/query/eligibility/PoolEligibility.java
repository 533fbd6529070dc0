package org.commcredits.ledger.query.eligibility;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.license.PoolTimeZoneSet;
import org.commcredits.ledger.api.pool.MinutesConsumed;
import org.commcredits.ledger.api.pool.PoolKind;
import org.commcredits.ledger.api.pool.PoolMemberJoined;
import org.commcredits.ledger.api.pool.PoolResized;
import org.commcredits.ledger.api.pool.PoolThresholdReached;
import org.commcredits.ledger.platform.storage.GlobalIndex;
import org.springframework.stereotype.Component;

import java.time.YearMonth;

/**
 * Rating's pool events into the eligibility read model through {@link IncludedMinutePools} (INV-LIC-15):
 * a pool is marked exhausted when {@code MinutesConsumed} leaves nothing or {@code PoolThresholdReached}
 * reports 100%, and available again when licensing's new holders grow it ({@code PoolResized} with minutes
 * left; {@code PoolMemberJoined} in histories from before). A new month has no rows, so every pool starts available. Same processing group as
 * {@link EligibilityProjection}: a replay rebuilds the pool rows in order with the rest, its reset clears them.
 *
 * <p>Pool names in {@code rm_elig_pool}: the plan's SKU for the pool its holders' domestic minutes come from
 * ({@code CALLING_PLAN_DOMESTIC}, {@code CALLING_PLAN_INTERNATIONAL}, {@code AUDIO_CONFERENCING}) and
 * {@link EligibilityRules#INTERNATIONAL_MINUTES_POOL} for the International plan's minutes abroad. Rating pools
 * PR with US (INV-POOL-02); eligibility looks pools up by the user's own usage location, so a US pool marks both.
 */
@Component
@ProcessingGroup(EligibilityProjection.PROCESSOR)
class PoolEligibility {

    private final IncludedMinutePools pools;

    PoolEligibility(IncludedMinutePools pools) {
        this.pools = pools;
    }

    @EventHandler
    void on(MinutesConsumed event, @GlobalIndex long sequence) {
        if (event.remainingAfter() <= 0) {
            mark(event.tenantId(), event.kind(), event.country(), event.month(), true, sequence);
        }
    }

    @EventHandler
    void on(PoolThresholdReached event, @GlobalIndex long sequence) {
        if (event.percent() >= 100) {
            mark(event.tenantId(), event.kind(), event.country(), event.month(), true, sequence);
        }
    }

    /** A pool resized to more holders' minutes than were used is available again (INV-POOL-01). */
    @EventHandler
    void on(PoolResized event, @GlobalIndex long sequence) {
        if (event.remainingAfter() > 0) {
            mark(event.tenantId(), event.kind(), event.country(), event.month(), false, sequence);
        }
    }

    /** Histories from before pools were sized by holders: a member joining grew the pool. */
    @EventHandler
    void on(PoolMemberJoined event, @GlobalIndex long sequence) {
        if (event.remainingAfter() > 0) {
            mark(event.tenantId(), event.kind(), event.country(), event.month(), false, sequence);
        }
    }

    /** INV-POOL-06: which month is "this month" for the tenant's pools. */
    @EventHandler
    void on(PoolTimeZoneSet event, @GlobalIndex long sequence) {
        pools.timeZone(event.tenantId(), event.timeZone(), sequence);
    }

    @ResetHandler
    void reset() {
        pools.clearTimeZones();
    }

    static String poolName(PoolKind kind) {
        return kind == PoolKind.INTERNATIONAL_PLAN_INTERNATIONAL ? EligibilityRules.INTERNATIONAL_MINUTES_POOL
                : kind.sku().name();
    }

    private void mark(TenantId tenant, PoolKind kind, CountryCode country, String month, boolean exhausted,
                      long sequence) {
        YearMonth usageMonth = YearMonth.parse(month);
        String pool = poolName(kind);
        for (CountryCode location : "US".equals(country.value()) ? new CountryCode[] {country, CountryCode.of("PR")}
                : new CountryCode[] {country}) {
            if (exhausted) {
                pools.exhausted(tenant, pool, location, usageMonth, sequence);
            } else {
                pools.replenished(tenant, pool, location, usageMonth, sequence);
            }
        }
    }
}
