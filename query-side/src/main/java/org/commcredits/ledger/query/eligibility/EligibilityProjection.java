package org.commcredits.ledger.query.eligibility;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.commcredits.ledger.api.creditaccount.BillingAgreementChanged;
import org.commcredits.ledger.api.creditaccount.CommunicationCreditsEnabled;
import org.commcredits.ledger.api.creditaccount.CreditAccountOpened;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.FundsReserved;
import org.commcredits.ledger.api.creditaccount.ReservationReleased;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.license.TenantDialOutPolicySet;
import org.commcredits.ledger.api.license.UserDialOutPolicySet;
import org.commcredits.ledger.api.license.LicenseAssigned;
import org.commcredits.ledger.api.license.LicenseRemoved;
import org.commcredits.ledger.api.license.LicensesBulkAssigned;
import org.commcredits.ledger.api.license.Sku;
import org.commcredits.ledger.api.license.UsageLocationSet;
import org.commcredits.ledger.api.license.UsageLocationsSet;
import org.commcredits.ledger.platform.storage.GlobalIndex;
import org.commcredits.ledger.query.config.DeferredWrites;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Copies the facts eligibility is decided from into {@code rm_elig_user} and {@code rm_elig_tenant}: usage
 * locations and SKUs from licensing events, balance, holds and agreement from credit-account events. Every
 * write takes absolute values from the event ({@code skusAfter}, {@code balanceAfter}, {@code availableAfter})
 * and applies only when the event is newer than the row ({@code last_sequence}), so redelivery and replay
 * give the same rows (INV-LIC-18). The tenant rows are written once per processor batch ({@link EligibilityWrites}).
 * Included-minute pools: {@link IncludedMinutePools}.
 */
@Component
@ProcessingGroup(EligibilityProjection.PROCESSOR)
class EligibilityProjection {

    static final String PROCESSOR = "eligibility";

    private static final String UPSERT_SKUS = "MERGE INTO rm_elig_user t USING (VALUES (?, ?)) s(tenant_id, user_id) "
            + "ON t.tenant_id = s.tenant_id AND t.user_id = s.user_id "
            + "WHEN MATCHED AND t.last_sequence < ? THEN UPDATE SET skus = ?, last_sequence = ? "
            + "WHEN NOT MATCHED THEN INSERT (tenant_id, user_id, usage_location, skus, last_sequence) VALUES (?, ?, ?, ?, ?)";
    private static final String UPSERT_LOCATION = "MERGE INTO rm_elig_user t USING (VALUES (?, ?)) s(tenant_id, user_id) "
            + "ON t.tenant_id = s.tenant_id AND t.user_id = s.user_id "
            + "WHEN MATCHED AND t.last_sequence < ? THEN UPDATE SET usage_location = ?, last_sequence = ? "
            + "WHEN NOT MATCHED THEN INSERT (tenant_id, user_id, usage_location, skus, last_sequence) VALUES (?, ?, ?, '', ?)";

    private final JdbcTemplate jdbc;
    private final DeferredWrites deferred;

    EligibilityProjection(JdbcTemplate jdbc, DeferredWrites deferred) {
        this.jdbc = jdbc;
        this.deferred = deferred;
    }

    // --- licensing

    @EventHandler
    void on(UsageLocationSet event, @GlobalIndex long sequence) {
        String tenant = event.tenantId().value();
        String user = event.userId().value();
        String country = event.country().value();
        jdbc.update(UPSERT_LOCATION, tenant, user, sequence, country, sequence, tenant, user, country, sequence);
    }

    @EventHandler
    void on(UsageLocationsSet event, @GlobalIndex long sequence) {
        String tenant = event.tenantId().value();
        String country = event.country().value();
        List<Object[]> rows = new ArrayList<>(event.users().size());
        for (UsageLocationsSet.Change change : event.users()) {
            String user = change.userId().value();
            rows.add(new Object[] {tenant, user, sequence, country, sequence, tenant, user, country, sequence});
        }
        jdbc.batchUpdate(UPSERT_LOCATION, rows);
    }

    @EventHandler
    void on(LicenseAssigned event, @GlobalIndex long sequence) {
        upsertSkus(event.tenantId().value(), event.userId().value(), event.usageLocation(), event.skusAfter(),
                sequence);
    }

    @EventHandler
    void on(LicenseRemoved event, @GlobalIndex long sequence) {
        upsertSkus(event.tenantId().value(), event.userId().value(), null, event.skusAfter(), sequence);
    }

    @EventHandler
    void on(LicensesBulkAssigned event, @GlobalIndex long sequence) {
        String tenant = event.tenantId().value();
        List<Object[]> rows = new ArrayList<>(event.assignees().size());
        for (LicensesBulkAssigned.Assignee assignee : event.assignees()) {
            String user = assignee.userId().value();
            String skus = format(assignee.skusAfter());
            rows.add(new Object[] {tenant, user, sequence, skus, sequence,
                    tenant, user, country(assignee.usageLocation()), skus, sequence});
        }
        jdbc.batchUpdate(UPSERT_SKUS, rows);
    }

    private void upsertSkus(String tenant, String user, CountryCode location, Set<Sku> skus, long sequence) {
        String formatted = format(skus);
        jdbc.update(UPSERT_SKUS, tenant, user, sequence, formatted, sequence, tenant, user, country(location), formatted, sequence);
    }

    // --- credit account

    @EventHandler
    void on(CreditAccountOpened event, @GlobalIndex long sequence) {
        block(b -> b.open(event.tenantId().value(), event.currency(), event.billingAgreement().name(), sequence));
    }

    @EventHandler
    void on(FundsAdded event, @GlobalIndex long sequence) {
        block(b -> b.balance(event.tenantId().value(), event.balanceAfter().minor(), sequence));
    }

    @EventHandler
    void on(FundsConsumed event, @GlobalIndex long sequence) {
        block(b -> b.balance(event.tenantId().value(), event.balanceAfter().minor(), sequence));
    }

    @EventHandler
    void on(TrancheExpired event, @GlobalIndex long sequence) {
        block(b -> b.balance(event.tenantId().value(), event.balanceAfter().minor(), sequence));
    }

    @EventHandler
    void on(FundsReserved event, @GlobalIndex long sequence) {
        block(b -> b.available(event.tenantId().value(), event.availableAfter().minor(), sequence));
    }

    @EventHandler
    void on(ReservationReleased event, @GlobalIndex long sequence) {
        block(b -> b.available(event.tenantId().value(), event.availableAfter().minor(), sequence));
    }

    @EventHandler
    void on(BillingAgreementChanged event, @GlobalIndex long sequence) {
        statement("UPDATE rm_elig_tenant SET billing_agreement = ?, last_sequence = ? WHERE tenant_id = ? AND last_sequence < ?",
                event.to().name(), sequence, event.tenantId().value(), sequence);
    }

    @EventHandler
    void on(CommunicationCreditsEnabled event, @GlobalIndex long sequence) {
        statement("UPDATE rm_elig_tenant SET credits_enabled = TRUE, last_sequence = ? WHERE tenant_id = ? AND last_sequence < ?",
                sequence, event.tenantId().value(), sequence);
    }

    /** {@code rm_elig_tenant} is written per batch ({@link EligibilityWrites}); the user and policy rows at once. */
    private void block(Consumer<EligibilityWrites.Block> change) {
        deferred.add(PROCESSOR, EligibilityWrites.class, () -> new EligibilityWrites(jdbc), w -> change.accept(w.block()));
    }

    private void statement(String sql, Object... arguments) {
        deferred.add(PROCESSOR, EligibilityWrites.class, () -> new EligibilityWrites(jdbc), w -> w.statement(sql, arguments));
    }

    /** INV-CALL-13: the tenant's default dial-out policy (user_id ''). */
    @EventHandler
    void on(TenantDialOutPolicySet event, @GlobalIndex long sequence) {
        policy(event.tenantId().value(), "", event.pstn().name(), event.conference().name(), sequence);
    }

    /** INV-CALL-13: a user's override; null fields follow the tenant. */
    @EventHandler
    void on(UserDialOutPolicySet event, @GlobalIndex long sequence) {
        policy(event.tenantId().value(), event.userId().value(), event.pstn() == null ? null : event.pstn().name(),
                event.conference() == null ? null : event.conference().name(), sequence);
    }

    private void policy(String tenant, String user, String pstn, String conference, long sequence) {
        jdbc.update("MERGE INTO rm_elig_dial_out t USING (VALUES (?, ?)) s(tenant_id, user_id) "
                        + "ON t.tenant_id = s.tenant_id AND t.user_id = s.user_id "
                        + "WHEN MATCHED AND t.last_sequence < ? THEN UPDATE SET pstn = ?, conference = ?, last_sequence = ? "
                        + "WHEN NOT MATCHED THEN INSERT (tenant_id, user_id, pstn, conference, last_sequence) "
                        + "VALUES (?, ?, ?, ?, ?)",
                tenant, user, sequence, pstn, conference, sequence, tenant, user, pstn, conference, sequence);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_elig_dial_out");
        jdbc.update("DELETE FROM rm_elig_user");
        jdbc.update("DELETE FROM rm_elig_tenant");
        jdbc.update("DELETE FROM rm_elig_pool");
    }

    static String format(Set<Sku> skus) {
        return skus.stream().sorted().map(Sku::name).collect(Collectors.joining(","));
    }

    private static String country(CountryCode country) {
        return country == null ? null : country.value();
    }
}
