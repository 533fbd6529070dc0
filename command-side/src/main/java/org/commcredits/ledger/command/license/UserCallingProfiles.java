package org.commcredits.ledger.command.license;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.license.FindUserCallingProfile;
import org.commcredits.ledger.api.license.LicenseAssigned;
import org.commcredits.ledger.api.license.LicenseRemoved;
import org.commcredits.ledger.api.license.LicensesBulkAssigned;
import org.commcredits.ledger.api.license.Sku;
import org.commcredits.ledger.api.license.UsageLocationSet;
import org.commcredits.ledger.api.license.UsageLocationsSet;
import org.commcredits.ledger.api.license.UserCallingProfile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers {@link FindUserCallingProfile} for the call path from {@code lic_user_profile}, a command-side
 * lookup table kept by a <em>subscribing</em> processor: its rows are written in the same transaction as
 * the licensing events, so the call path never sees a license the event store does not have (or misses one
 * it has). Cheaper than loading the tenant's whole inventory for every call.
 */
@Component
@ProcessingGroup(UserCallingProfiles.PROCESSOR)
class UserCallingProfiles {

    static final String PROCESSOR = "license-profiles";

    private static final String UPSERT_LOCATION = "MERGE INTO lic_user_profile t USING (VALUES (?, ?)) s(tenant_id, user_id) "
            + "ON t.tenant_id = s.tenant_id AND t.user_id = s.user_id "
            + "WHEN MATCHED THEN UPDATE SET usage_location = ? "
            + "WHEN NOT MATCHED THEN INSERT (tenant_id, user_id, usage_location, skus) VALUES (?, ?, ?, '')";
    private static final String UPSERT_SKUS = "MERGE INTO lic_user_profile t USING (VALUES (?, ?)) s(tenant_id, user_id) "
            + "ON t.tenant_id = s.tenant_id AND t.user_id = s.user_id "
            + "WHEN MATCHED THEN UPDATE SET skus = ? "
            + "WHEN NOT MATCHED THEN INSERT (tenant_id, user_id, usage_location, skus) VALUES (?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    UserCallingProfiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    UserCallingProfile find(FindUserCallingProfile query) {
        List<UserCallingProfile> found = jdbc.query("SELECT usage_location, skus FROM lic_user_profile "
                        + "WHERE tenant_id = ? AND user_id = ?",
                (rs, n) -> new UserCallingProfile(query.tenantId(), query.userId(), true,
                        rs.getString(1) == null ? null : CountryCode.of(rs.getString(1)), parse(rs.getString(2))),
                query.tenantId().value(), query.userId().value());
        return found.isEmpty()
                ? new UserCallingProfile(query.tenantId(), query.userId(), false, null, Set.of())
                : found.get(0);
    }

    @EventHandler
    void on(UsageLocationSet event) {
        String tenant = event.tenantId().value();
        String user = event.userId().value();
        jdbc.update(UPSERT_LOCATION, tenant, user, event.country().value(), tenant, user, event.country().value());
    }

    @EventHandler
    void on(UsageLocationsSet event) {
        String tenant = event.tenantId().value();
        String country = event.country().value();
        List<Object[]> rows = new ArrayList<>(event.users().size());
        for (UsageLocationsSet.Change change : event.users()) {
            String user = change.userId().value();
            rows.add(new Object[] {tenant, user, country, tenant, user, country});
        }
        jdbc.batchUpdate(UPSERT_LOCATION, rows);
    }

    @EventHandler
    void on(LicenseAssigned event) {
        upsertSkus(event.tenantId().value(), event.userId().value(), event.usageLocation(), event.skusAfter());
    }

    @EventHandler
    void on(LicenseRemoved event) {
        upsertSkus(event.tenantId().value(), event.userId().value(), null, event.skusAfter());
    }

    @EventHandler
    void on(LicensesBulkAssigned event) {
        String tenant = event.tenantId().value();
        List<Object[]> rows = new ArrayList<>(event.assignees().size());
        for (LicensesBulkAssigned.Assignee assignee : event.assignees()) {
            String skus = format(assignee.skusAfter());
            String location = assignee.usageLocation() == null ? null : assignee.usageLocation().value();
            rows.add(new Object[] {tenant, assignee.userId().value(), skus, tenant, assignee.userId().value(), location, skus});
        }
        jdbc.batchUpdate(UPSERT_SKUS, rows);
    }

    private void upsertSkus(String tenant, String user, CountryCode location, Set<Sku> skus) {
        String formatted = format(skus);
        jdbc.update(UPSERT_SKUS, tenant, user, formatted, tenant, user, location == null ? null : location.value(), formatted);
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
