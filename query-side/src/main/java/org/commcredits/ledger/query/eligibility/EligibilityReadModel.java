package org.commcredits.ledger.query.eligibility;

import org.commcredits.ledger.api.license.ConferenceDialOut;
import org.commcredits.ledger.api.license.DialOutPolicy;
import org.commcredits.ledger.api.license.PstnDialOut;
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

    /** The tenant's facts needed for every user of it, read once per request; {@code dialOut} null when unset. */
    record TenantView(EligibilityFacts.Account account, EligibilityFacts.Pools pools, DialOutPolicy dialOut) {
    }

    /** A user's dial-out policy: the effective one, and whether each field is the user's own. */
    record Policy(DialOutPolicy effective, boolean userPstn, boolean userConference) {
    }

    TenantView tenant(String tenantId) {
        List<EligibilityFacts.Account> accounts = jdbc.query(
                "SELECT billing_agreement, balance_minor, held_minor FROM rm_elig_tenant WHERE tenant_id = ?",
                (rs, n) -> new EligibilityFacts.Account(true, rs.getString(1), rs.getLong(2), rs.getLong(3)), tenantId);
        List<DialOutPolicy> policies = jdbc.query(
                "SELECT pstn, conference FROM rm_elig_dial_out WHERE tenant_id = ? AND user_id = ''",
                (rs, n) -> new DialOutPolicy(PstnDialOut.valueOf(rs.getString(1)), ConferenceDialOut.valueOf(rs.getString(2))),
                tenantId);
        return new TenantView(accounts.isEmpty() ? EligibilityFacts.Account.NONE : accounts.get(0),
                pools.of(tenantId, pools.monthOf(tenantId, clock.instant())), policies.isEmpty() ? null : policies.get(0));
    }

    /** INV-CALL-13: the user's effective dial-out policy, their own fields over the tenant's. */
    Policy policy(String tenantId, String userId) {
        return policy(tenant(tenantId), tenantId, userId);
    }

    private Policy policy(TenantView tenant, String tenantId, String userId) {
        List<String[]> own = jdbc.query("SELECT pstn, conference FROM rm_elig_dial_out WHERE tenant_id = ? AND user_id = ?",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, tenantId, userId);
        String pstn = own.isEmpty() ? null : own.get(0)[0];
        String conference = own.isEmpty() ? null : own.get(0)[1];
        return new Policy(DialOutPolicy.effective(tenant.dialOut(), pstn == null ? null : PstnDialOut.valueOf(pstn),
                conference == null ? null : ConferenceDialOut.valueOf(conference)), pstn != null, conference != null);
    }

    /** One user; a user licensing has never heard of holds nothing and has no usage location. */
    Decided user(String tenantId, String userId) {
        TenantView tenant = tenant(tenantId);
        List<EligibilityFacts.User> found = jdbc.query(
                "SELECT user_id, usage_location, skus FROM rm_elig_user WHERE tenant_id = ? AND user_id = ?",
                (rs, n) -> new EligibilityFacts.User(rs.getString(1), rs.getString(2), parse(rs.getString(3))),
                tenantId, userId);
        DialOutPolicy policy = policy(tenant, tenantId, userId).effective();
        EligibilityFacts.User user = found.isEmpty() ? EligibilityFacts.User.unknown(userId)
                : found.get(0).withDialOutPolicy(policy);
        return new Decided(user, EligibilityRules.decide(user, tenant.account(), tenant.pools()));
    }

    /** Users after {@code afterUserId} (null: from the start) in user-id order, at most {@code limit}. */
    List<Decided> users(String tenantId, TenantView tenant, String afterUserId, int limit) {
        return jdbc.query("SELECT u.user_id, u.usage_location, u.skus, d.pstn, d.conference FROM rm_elig_user u "
                        + "LEFT JOIN rm_elig_dial_out d ON d.tenant_id = u.tenant_id AND d.user_id = u.user_id "
                        + "WHERE u.tenant_id = ? AND u.user_id > ? ORDER BY u.user_id FETCH FIRST " + limit + " ROWS ONLY",
                (rs, n) -> {
                    DialOutPolicy policy = DialOutPolicy.effective(tenant.dialOut(),
                            rs.getString(4) == null ? null : PstnDialOut.valueOf(rs.getString(4)),
                            rs.getString(5) == null ? null : ConferenceDialOut.valueOf(rs.getString(5)));
                    EligibilityFacts.User user = new EligibilityFacts.User(rs.getString(1), rs.getString(2),
                            parse(rs.getString(3)), policy, true);
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
