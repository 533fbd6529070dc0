package org.commcredits.ledger.query.eligibility;

import org.commcredits.ledger.api.license.Sku;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the eligibility facts and decides with {@link EligibilityRules} for the month the clock is in, in the
 * tenant's pool time zone (INV-POOL-06).
 */
@Component
class EligibilityReadModel {

    private final JdbcTemplate jdbc;
    private final IncludedMinutePools pools;
    private final Clock clock;

    EligibilityReadModel(JdbcTemplate jdbc, IncludedMinutePools pools, Clock clock) {
        this.jdbc = jdbc;
        this.pools = pools;
        this.clock = clock;
    }

    /** A user and their eligibility. */
    record Decided(EligibilityFacts.User user, Eligibility eligibility) {
    }

    /** The tenant's facts needed for every user of it, read once per request. */
    record TenantView(EligibilityFacts.Account account, EligibilityFacts.Pools pools) {
    }

    TenantView tenant(String tenantId) {
        List<EligibilityFacts.Account> accounts = jdbc.query(
                "SELECT billing_agreement, balance_minor, held_minor FROM rm_elig_tenant WHERE tenant_id = ?",
                (rs, n) -> new EligibilityFacts.Account(true, rs.getString(1), rs.getLong(2), rs.getLong(3)), tenantId);
        return new TenantView(accounts.isEmpty() ? EligibilityFacts.Account.NONE : accounts.get(0),
                pools.of(tenantId, pools.monthOf(tenantId, clock.instant())));
    }

    /** One user; a user licensing has never heard of holds nothing and has no usage location. */
    Decided user(String tenantId, String userId) {
        TenantView tenant = tenant(tenantId);
        List<EligibilityFacts.User> found = jdbc.query(
                "SELECT user_id, usage_location, skus FROM rm_elig_user WHERE tenant_id = ? AND user_id = ?",
                (rs, n) -> new EligibilityFacts.User(rs.getString(1), rs.getString(2), parse(rs.getString(3))),
                tenantId, userId);
        EligibilityFacts.User user = found.isEmpty() ? EligibilityFacts.User.unknown(userId) : found.get(0);
        return new Decided(user, EligibilityRules.decide(user, tenant.account(), tenant.pools()));
    }

    /** Users after {@code afterUserId} (null: from the start) in user-id order, at most {@code limit}. */
    List<Decided> users(String tenantId, TenantView tenant, String afterUserId, int limit) {
        return jdbc.query("SELECT user_id, usage_location, skus FROM rm_elig_user WHERE tenant_id = ? AND user_id > ? "
                        + "ORDER BY user_id FETCH FIRST " + limit + " ROWS ONLY",
                (rs, n) -> {
                    EligibilityFacts.User user = new EligibilityFacts.User(rs.getString(1), rs.getString(2), parse(rs.getString(3)));
                    return new Decided(user, EligibilityRules.decide(user, tenant.account(), tenant.pools()));
                }, tenantId, afterUserId == null ? "" : afterUserId);
    }

    static Set<Sku> parse(String skus) {
        EnumSet<Sku> parsed = EnumSet.noneOf(Sku.class);
        if (skus != null && !skus.isEmpty()) {
            Arrays.stream(skus.split(",")).map(Sku::valueOf).forEach(parsed::add);
        }
        return parsed;
    }
}
