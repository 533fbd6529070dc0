package org.commcredits.ledger.command.license;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.license.LicenseIds;
import org.commcredits.ledger.platform.storage.OptimisticReads;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.license.CallingEntitlements;
import org.commcredits.ledger.api.license.ConferenceDialOut;
import org.commcredits.ledger.api.license.DialOutPolicy;
import org.commcredits.ledger.api.license.PstnDialOut;
import org.commcredits.ledger.api.license.TenantDialOutPolicySet;
import org.commcredits.ledger.api.license.UserDialOutPolicySet;
import org.commcredits.ledger.api.license.FindUserCallingProfile;
import org.commcredits.ledger.api.license.LicenseAssigned;
import org.commcredits.ledger.api.license.LicenseRemoved;
import org.commcredits.ledger.api.license.LicensesBulkAssigned;
import org.commcredits.ledger.api.license.PoolTimeZoneSet;
import org.commcredits.ledger.api.license.Sku;
import org.commcredits.ledger.api.license.UsageLocationSet;
import org.commcredits.ledger.api.license.UsageLocationsSet;
import org.commcredits.ledger.api.license.UserCallingProfile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

import java.sql.Types;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Answers {@link FindUserCallingProfile} for the call path from {@code lic_user_profile}, a command-side
 * lookup table kept by a <em>subscribing</em> processor: its rows are written in the same transaction as
 * the licensing events, so the call path never sees a license the event store does not have (or misses one
 * it has). Cheaper than loading the tenant's whole inventory for every call.
 *
 * <p>The same processor keeps {@code lic_pool_holders} (how many users hold each plan per pool country: the
 * pools' size, INV-POOL-01), recounted for the tenant with one grouped query after each event that can change
 * it, and {@code lic_pool_settings} (the tenant's pool time zone, INV-POOL-06). The call path gets all three
 * in one statement of primary-key look-ups.
 */
@Component
@ProcessingGroup(UserCallingProfiles.PROCESSOR)
class UserCallingProfiles {

    static final String PROCESSOR = "license-profiles";

    private static final String UPSERT_LOCATION = "MERGE INTO lic_user_profile t USING (VALUES (?, ?)) s(tenant_id, user_id) "
            + "ON t.tenant_id = s.tenant_id AND t.user_id = s.user_id "
            + "WHEN MATCHED THEN UPDATE SET usage_location = ?, pool_country = ? "
            + "WHEN NOT MATCHED THEN INSERT (tenant_id, user_id, usage_location, pool_country, skus) VALUES (?, ?, ?, ?, '')";
    private static final String UPSERT_SKUS = "MERGE INTO lic_user_profile t USING (VALUES (?, ?)) s(tenant_id, user_id) "
            + "ON t.tenant_id = s.tenant_id AND t.user_id = s.user_id "
            + "WHEN MATCHED THEN UPDATE SET skus = ? "
            + "WHEN NOT MATCHED THEN INSERT (tenant_id, user_id, usage_location, pool_country, skus) VALUES (?, ?, ?, ?, ?)";

    private static final String FIND = "SELECT p.usage_location, p.skus, h.domestic, h.international, h.conferencing, "
            + "s.time_zone, p.user_id, dt.pstn, dt.conference, du.pstn, du.conference FROM (VALUES (1)) one(x) "
            + "LEFT JOIN lic_user_profile p ON p.tenant_id = ? AND p.user_id = ? "
            + "LEFT JOIN lic_pool_holders h ON h.tenant_id = ? "
            + "AND h.pool_country = p.pool_country "
            + "LEFT JOIN lic_pool_settings s ON s.tenant_id = ? "
            + "LEFT JOIN lic_dial_out_policy dt ON dt.tenant_id = ? AND dt.user_id = '' "
            + "LEFT JOIN lic_dial_out_policy du ON du.tenant_id = ? AND du.user_id = ?";
    /** The licensing aggregate's version that the rows of {@link #FIND} reflect: read in the same statement. */
    private static final String FIND_WITH_VERSION = FIND.replace(" FROM (VALUES (1)) one(x) ",
            ", (SELECT e.sequence_number FROM domain_event_entry e WHERE e.aggregate_identifier = ? "
                    + "ORDER BY e.sequence_number DESC FETCH FIRST 1 ROWS ONLY) FROM (VALUES (1)) one(x) ");
    private static final String UPSERT_POLICY = "MERGE INTO lic_dial_out_policy t USING (VALUES (?, ?)) s(tenant_id, user_id) "
            + "ON t.tenant_id = s.tenant_id AND t.user_id = s.user_id "
            + "WHEN MATCHED THEN UPDATE SET pstn = ?, conference = ? "
            + "WHEN NOT MATCHED THEN INSERT (tenant_id, user_id, pstn, conference) VALUES (?, ?, ?, ?)";
    private static final String INSERT_HOLDERS = "INSERT INTO lic_pool_holders (tenant_id, pool_country, domestic, "
            + "international, conferencing) VALUES (?, ?, ?, ?, ?)";
    /** The licenses that can make a user a pool holder (CallingEntitlements.poolPlansHeld); others never change the counts. */
    private static final Set<Sku> POOL_PLANS = EnumSet.of(Sku.CALLING_PLAN_DOMESTIC, Sku.CALLING_PLAN_INTERNATIONAL,
            Sku.AUDIO_CONFERENCING, Sku.M365_E5);

    private final JdbcTemplate jdbc;
    /**
     * Profiles read before, per tenant and user, with the version of the tenant's licensing aggregate they reflect.
     * Used only inside {@link OptimisticReads#run} (the call path), which checks that version against the store
     * before the command commits; dropped for a tenant whenever one of its licensing events is handled here.
     */
    private final Cache<TenantId, java.util.Map<String, Cached>> cached = Caffeine.newBuilder().maximumSize(20_000).build();

    private record Cached(UserCallingProfile profile, Long version) {
    }

    UserCallingProfiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One row always: the user's profile (if known), their pool country's holder counts, the tenant's zone. */
    /**
     * The profile; inside the call path's deferred checks from {@link #cached} when it holds one (no round trip),
     * its version checked before the command commits.
     */
    @QueryHandler
    UserCallingProfile find(FindUserCallingProfile query) {
        String userKey = query.userId() == null ? "" : query.userId().value();
        java.util.Map<String, Cached> ofTenant = cached.get(query.tenantId(), t -> new java.util.concurrent.ConcurrentHashMap<>());
        Cached hit = ofTenant.get(userKey);
        if (hit != null && OptimisticReads.expect(LicenseIds.aggregateId(query.tenantId()), hit.version(),
                () -> forget(query.tenantId()))) {
            return hit.profile();
        }
        Cached read = read(query);
        ofTenant.put(userKey, read);
        return read.profile();
    }

    private Cached read(FindUserCallingProfile query) {
        String tenant = query.tenantId().value();
        SqlParameterValue user = new SqlParameterValue(Types.VARCHAR, query.userId() == null ? null : query.userId().value());
        return jdbc.queryForObject(FIND_WITH_VERSION, (rs, n) -> {
            boolean known = rs.getString(7) != null;
            Map<Sku, Long> holders = new EnumMap<>(Sku.class);
            holders.put(Sku.CALLING_PLAN_DOMESTIC, rs.getLong(3));
            holders.put(Sku.CALLING_PLAN_INTERNATIONAL, rs.getLong(4));
            holders.put(Sku.AUDIO_CONFERENCING, rs.getLong(5));
            String zone = rs.getString(6);
            DialOutPolicy tenantPolicy = rs.getString(8) == null ? null
                    : new DialOutPolicy(PstnDialOut.valueOf(rs.getString(8)), ConferenceDialOut.valueOf(rs.getString(9)));
            DialOutPolicy policy = DialOutPolicy.effective(tenantPolicy, // INV-CALL-13: the user's override wins
                    rs.getString(10) == null ? null : PstnDialOut.valueOf(rs.getString(10)),
                    rs.getString(11) == null ? null : ConferenceDialOut.valueOf(rs.getString(11)));
            long version = rs.getLong(12);
            return new Cached(new UserCallingProfile(query.tenantId(), query.userId(), known,
                    rs.getString(1) == null ? null : CountryCode.of(rs.getString(1)),
                    known ? parse(rs.getString(2)) : Set.of(), holders, zone == null ? null : ZoneId.of(zone), policy),
                    rs.wasNull() ? null : version);
        }, LicenseIds.aggregateId(query.tenantId()), tenant, user, tenant, tenant, tenant, tenant, user); // a typed null: no round trip to ask its type
    }

    /** Drops the tenant's cached profiles: one of its licensing events is being handled. */
    private void forget(TenantId tenant) {
        cached.invalidate(tenant);
    }

    @EventHandler
    void on(PoolTimeZoneSet event) {
        forget(event.tenantId());
        String tenant = event.tenantId().value();
        jdbc.update("MERGE INTO lic_pool_settings t USING (VALUES (?)) s(tenant_id) ON t.tenant_id = s.tenant_id "
                + "WHEN MATCHED THEN UPDATE SET time_zone = ? WHEN NOT MATCHED THEN INSERT (tenant_id, time_zone) "
                + "VALUES (?, ?)", tenant, event.timeZone(), tenant, event.timeZone());
    }

    @EventHandler
    void on(TenantDialOutPolicySet event) {
        forget(event.tenantId());
        upsertPolicy(event.tenantId().value(), "", event.pstn(), event.conference());
    }

    @EventHandler
    void on(UserDialOutPolicySet event) {
        forget(event.tenantId());
        upsertPolicy(event.tenantId().value(), event.userId().value(), event.pstn(), event.conference());
    }

    private void upsertPolicy(String tenant, String user, PstnDialOut pstn, ConferenceDialOut conference) {
        String p = pstn == null ? null : pstn.name();
        String c = conference == null ? null : conference.name();
        jdbc.update(UPSERT_POLICY, tenant, user, p, c, tenant, user, p, c);
    }

    @EventHandler
    void on(UsageLocationSet event) {
        forget(event.tenantId());
        String tenant = event.tenantId().value();
        String user = event.userId().value();
        String country = event.country().value();
        String pool = poolCountry(event.country());
        jdbc.update(UPSERT_LOCATION, tenant, user, country, pool, tenant, user, country, pool);
        recountHolders(tenant);
    }

    @EventHandler
    void on(UsageLocationsSet event) {
        forget(event.tenantId());
        String tenant = event.tenantId().value();
        String country = event.country().value();
        String pool = poolCountry(event.country());
        List<Object[]> rows = new ArrayList<>(event.users().size());
        for (UsageLocationsSet.Change change : event.users()) {
            String user = change.userId().value();
            rows.add(new Object[] {tenant, user, country, pool, tenant, user, country, pool});
        }
        jdbc.batchUpdate(UPSERT_LOCATION, rows);
        recountHolders(tenant);
    }

    @EventHandler
    void on(LicenseAssigned event) {
        forget(event.tenantId());
        upsertSkus(event.tenantId().value(), event.userId().value(), event.usageLocation(), event.skusAfter());
        if (POOL_PLANS.contains(event.sku())) {
            recountHolders(event.tenantId().value());
        }
    }

    @EventHandler
    void on(LicenseRemoved event) {
        forget(event.tenantId());
        upsertSkus(event.tenantId().value(), event.userId().value(), null, event.skusAfter());
        if (POOL_PLANS.contains(event.sku())) {
            recountHolders(event.tenantId().value());
        }
    }

    @EventHandler
    void on(LicensesBulkAssigned event) {
        forget(event.tenantId());
        String tenant = event.tenantId().value();
        List<Object[]> rows = new ArrayList<>(event.assignees().size());
        for (LicensesBulkAssigned.Assignee assignee : event.assignees()) {
            String skus = format(assignee.skusAfter());
            String location = assignee.usageLocation() == null ? null : assignee.usageLocation().value();
            rows.add(new Object[] {tenant, assignee.userId().value(), skus, tenant, assignee.userId().value(), location,
                    poolCountry(assignee.usageLocation()), skus});
        }
        jdbc.batchUpdate(UPSERT_SKUS, rows);
        if (POOL_PLANS.contains(event.sku())) {
            recountHolders(tenant);
        }
    }

    /**
     * INV-POOL-01: the tenant's holders per plan and pool country, counted again from its profile rows (one
     * read of the tenant's primary-key range), by {@link CallingEntitlements#poolPlansHeld}: the rule of who holds
     * a pool lives there, not in SQL. Licensing is not the hot path; a recount cannot drift.
     */
    private void recountHolders(String tenant) {
        Map<String, long[]> counts = new TreeMap<>();
        jdbc.query("SELECT pool_country, skus FROM lic_user_profile WHERE tenant_id = ? AND pool_country IS NOT NULL",
                rs -> {
                    Set<Sku> held = CallingEntitlements.poolPlansHeld(parse(rs.getString(2)));
                    long[] row = counts.computeIfAbsent(rs.getString(1), country -> new long[3]);
                    row[0] += held.contains(Sku.CALLING_PLAN_DOMESTIC) ? 1 : 0;
                    row[1] += held.contains(Sku.CALLING_PLAN_INTERNATIONAL) ? 1 : 0;
                    row[2] += held.contains(Sku.AUDIO_CONFERENCING) ? 1 : 0;
                }, tenant);
        jdbc.update("DELETE FROM lic_pool_holders WHERE tenant_id = ?", tenant);
        List<Object[]> rows = new ArrayList<>(counts.size());
        counts.forEach((country, row) -> rows.add(new Object[] {tenant, country, row[0], row[1], row[2]}));
        jdbc.batchUpdate(INSERT_HOLDERS, rows);
    }

    private void upsertSkus(String tenant, String user, CountryCode location, Set<Sku> skus) {
        String formatted = format(skus);
        jdbc.update(UPSERT_SKUS, tenant, user, formatted, tenant, user, location == null ? null : location.value(),
                poolCountry(location), formatted);
    }

    private static String poolCountry(CountryCode location) {
        return location == null ? null : CallingEntitlements.poolCountry(location).value();
    }

    static String format(Set<Sku> skus) {
        return skus.stream().sorted().map(Sku::name).collect(Collectors.joining(","));
    }

    static Set<Sku> parse(String skus) {
        EnumSet<Sku> parsed = EnumSet.noneOf(Sku.class);
        if (skus != null && !skus.isEmpty()) {
            Arrays.stream(skus.split(",")).map(Sku::valueOf).forEach(parsed::add);
        }
        return parsed;
    }
}
