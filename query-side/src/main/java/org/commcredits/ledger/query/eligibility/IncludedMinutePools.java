package org.commcredits.ledger.query.eligibility;

import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * THE extension point for included-minute pools (built by rating, issue 6): a pool is available unless it
 * was marked exhausted for its tenant, plan, country and month ({@code rm_elig_pool}). Pools are per tenant,
 * per plan ({@code CALLING_PLAN_DOMESTIC}, {@code CALLING_PLAN_INTERNATIONAL}, {@code AUDIO_CONFERENCING}) and
 * per usage-location country; a new month starts with every pool available.
 *
 * <p>To drive it, handle the pool events in a component of processing group {@code "eligibility"} (so a
 * replay rebuilds pools in order with everything else; the reset handler of {@link EligibilityProjection}
 * clears the table) and call {@link #exhausted} / {@link #replenished} with the event's global index:
 * <pre>{@code
 * @Component @ProcessingGroup("eligibility")
 * class PoolEligibility {
 *     @EventHandler void on(PoolExhausted e, @GlobalIndex long index) { pools.exhausted(e.tenantId(), e.plan().name(), e.country(), e.month(), index); }
 * }
 * }</pre>
 */
@Component
public class IncludedMinutePools {

    private static final String MARK = "MERGE INTO rm_elig_pool t USING (VALUES (?, ?, ?, ?)) s(tenant_id, pool, country, usage_month) "
            + "ON t.tenant_id = s.tenant_id AND t.pool = s.pool AND t.country = s.country AND t.usage_month = s.usage_month "
            + "WHEN MATCHED AND t.last_sequence < ? THEN UPDATE SET exhausted = ?, last_sequence = ? "
            + "WHEN NOT MATCHED THEN INSERT (tenant_id, pool, country, usage_month, exhausted, last_sequence) VALUES (?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    IncludedMinutePools(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The pool's included minutes for {@code month} are used up: the next minute needs credits. */
    public void exhausted(TenantId tenantId, String pool, CountryCode country, YearMonth month, long sequence) {
        mark(tenantId, pool, country, month, true, sequence);
    }

    /** The pool has minutes again for {@code month} (e.g. seats added mid-month grew it). */
    public void replenished(TenantId tenantId, String pool, CountryCode country, YearMonth month, long sequence) {
        mark(tenantId, pool, country, month, false, sequence);
    }

    void mark(TenantId tenantId, String pool, CountryCode country, YearMonth month, boolean exhausted, long sequence) {
        String t = tenantId.value();
        String c = country.value();
        String m = month.toString();
        jdbc.update(MARK, t, pool, c, m, sequence, exhausted, sequence, t, pool, c, m, exhausted, sequence);
    }

    /** INV-POOL-06: the tenant's pool months follow {@code timeZone} (an IANA id) from this event on. */
    void timeZone(TenantId tenantId, String timeZone, long sequence) {
        String t = tenantId.value();
        jdbc.update("MERGE INTO rm_elig_pool_zone z USING (VALUES (?)) s(tenant_id) ON z.tenant_id = s.tenant_id "
                        + "WHEN MATCHED AND z.last_sequence < ? THEN UPDATE SET time_zone = ?, last_sequence = ? "
                        + "WHEN NOT MATCHED THEN INSERT (tenant_id, time_zone, last_sequence) VALUES (?, ?, ?)",
                t, sequence, timeZone, sequence, t, timeZone, sequence);
    }

    void clearTimeZones() {
        jdbc.update("DELETE FROM rm_elig_pool_zone");
    }

    /** The calendar month {@code at} falls in for the tenant: its pool time zone, UTC unless set. */
    YearMonth monthOf(String tenantId, Instant at) {
        List<String> zone = jdbc.queryForList("SELECT time_zone FROM rm_elig_pool_zone WHERE tenant_id = ?",
                String.class, tenantId);
        return YearMonth.from(at.atZone(zone.isEmpty() ? ZoneOffset.UTC : ZoneId.of(zone.get(0))));
    }

    /** The tenant's pools used up in {@code month}, for {@link EligibilityRules}. */
    EligibilityFacts.Pools of(String tenantId, YearMonth month) {
        Set<String> used = new HashSet<>(jdbc.queryForList(
                "SELECT pool || '/' || country FROM rm_elig_pool WHERE tenant_id = ? AND usage_month = ? AND exhausted = TRUE",
                String.class, tenantId, month.toString()));
        return used.isEmpty() ? EligibilityFacts.Pools.ALL_AVAILABLE : (pool, country) -> used.contains(pool + "/" + country);
    }
}
