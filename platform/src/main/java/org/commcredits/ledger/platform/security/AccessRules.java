package org.commcredits.ledger.platform.security;

import org.springframework.http.HttpMethod;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.commcredits.ledger.platform.security.Role.AUDITOR;
import static org.commcredits.ledger.platform.security.Role.BILLING_ADMIN;
import static org.commcredits.ledger.platform.security.Role.FINANCE_READER;
import static org.commcredits.ledger.platform.security.Role.LICENSE_ADMIN;
import static org.commcredits.ledger.platform.security.Role.OPERATOR;
import static org.commcredits.ledger.platform.security.Role.RATES_ADMIN;
import static org.commcredits.ledger.platform.security.Role.TELEPHONY;

/**
 * The contract's role table as code: which roles may call which path. This list is the single source of
 * the authorisation rules; tests generate the role matrix from it, so a new path needs a rule here.
 * Anything under {@code /api/} that matches no rule is denied.
 *
 * <p>{@code AUDITOR} may read everything ("all reads"); tenant-bound principals are further limited to
 * their own tenant by {@link TenantBinding}.
 */
public final class AccessRules {

    /** One rule: method, Spring path pattern, and the roles allowed. */
    public record Rule(HttpMethod method, String pattern, Set<Role> roles) {
    }

    private static final String TENANT = "/api/tenants/{tenantId}";

    public static final List<Rule> RULES = List.of(
            // command paths
            rule(HttpMethod.POST, TENANT + "/credit-account", BILLING_ADMIN),
            rule(HttpMethod.POST, TENANT + "/credit-account/funds", BILLING_ADMIN),
            rule(HttpMethod.PUT, TENANT + "/credit-account/auto-recharge", BILLING_ADMIN),
            rule(HttpMethod.PUT, TENANT + "/credit-account/payment-method", BILLING_ADMIN),
            rule(HttpMethod.PUT, TENANT + "/credit-account/billing-agreement", BILLING_ADMIN),
            rule(HttpMethod.PUT, TENANT + "/credit-account/alerts", BILLING_ADMIN),
            rule(HttpMethod.POST, TENANT + "/credit-account/grants", BILLING_ADMIN),
            rule(HttpMethod.POST, TENANT + "/credit-account/tranches/{trancheId}/refund", BILLING_ADMIN),
            rule(HttpMethod.POST, TENANT + "/subscriptions", LICENSE_ADMIN),
            rule(HttpMethod.PUT, TENANT + "/subscriptions/{sku}", LICENSE_ADMIN),
            rule(HttpMethod.PUT, TENANT + "/users/{userId}/usage-location", LICENSE_ADMIN),
            rule(HttpMethod.POST, TENANT + "/users/{userId}/licenses", LICENSE_ADMIN),
            rule(HttpMethod.DELETE, TENANT + "/users/{userId}/licenses/{sku}", LICENSE_ADMIN),
            rule(HttpMethod.POST, TENANT + "/licenses/bulk-assign", LICENSE_ADMIN),
            rule(HttpMethod.POST, TENANT + "/licenses/bulk-usage-location", LICENSE_ADMIN),
            rule(HttpMethod.PUT, TENANT + "/pool-settings", LICENSE_ADMIN),
            rule(HttpMethod.PUT, TENANT + "/dial-out-policy", LICENSE_ADMIN),
            rule(HttpMethod.PUT, TENANT + "/users/{userId}/dial-out-policy", LICENSE_ADMIN),
            rule(HttpMethod.PUT, "/api/rate-cards/{rateCardId}", RATES_ADMIN),
            rule(HttpMethod.POST, TENANT + "/calls/{callId}/authorize", TELEPHONY),
            rule(HttpMethod.POST, TENANT + "/calls/{callId}/complete", TELEPHONY),
            rule(HttpMethod.POST, TENANT + "/usage", TELEPHONY),
            rule(HttpMethod.PUT, TENANT + "/users/{userId}/spend-limit", BILLING_ADMIN),
            // webhooks (contract v2 "Webhooks for other services"): BILLING_ADMIN; AUDITOR reads
            rule(HttpMethod.POST, TENANT + "/webhooks", BILLING_ADMIN),
            rule(HttpMethod.GET, TENANT + "/webhooks", BILLING_ADMIN, AUDITOR),
            rule(HttpMethod.DELETE, TENANT + "/webhooks/{webhookId}", BILLING_ADMIN),
            rule(HttpMethod.POST, TENANT + "/webhooks/{webhookId}/rotate-secret", BILLING_ADMIN),
            rule(HttpMethod.GET, TENANT + "/webhooks/{webhookId}/deliveries", BILLING_ADMIN, AUDITOR),
            rule(HttpMethod.POST, TENANT + "/webhooks/{webhookId}/deliveries/{messageId}/retry", BILLING_ADMIN),
            // query paths
            rule(HttpMethod.GET, "/api/tenants", FINANCE_READER, BILLING_ADMIN, LICENSE_ADMIN, AUDITOR, OPERATOR),
            rule(HttpMethod.GET, TENANT + "/balance", FINANCE_READER, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/ledger", FINANCE_READER, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/invoices", FINANCE_READER, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/invoices/{invoiceId}", FINANCE_READER, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/invoices/{invoiceId}.pdf", FINANCE_READER, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/credit-notes", FINANCE_READER, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/statements/{month}", FINANCE_READER, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/forecast", FINANCE_READER, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/statements/{month}.csv", FINANCE_READER, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/statements/{month}.pdf", FINANCE_READER, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/usage", FINANCE_READER, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/usage/records.csv", FINANCE_READER, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/usage/records", FINANCE_READER, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/usage/summary", FINANCE_READER, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/usage/minute-pools.csv", FINANCE_READER, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/users/{userId}/dial-out-policy", LICENSE_ADMIN, TELEPHONY, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/blocked-calls", LICENSE_ADMIN, FINANCE_READER, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/dashboard", FINANCE_READER, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/notifications", FINANCE_READER, BILLING_ADMIN, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/users/{userId}/eligibility", LICENSE_ADMIN, TELEPHONY, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/eligibility", LICENSE_ADMIN, AUDITOR),
            rule(HttpMethod.GET, TENANT + "/verify", AUDITOR),
            rule(HttpMethod.GET, "/api/audit/events", AUDITOR),
            rule(HttpMethod.GET, TENANT + "/history.ndjson", AUDITOR),
            rule(HttpMethod.GET, TENANT + "/history.csv", AUDITOR),
            rule(HttpMethod.GET, "/api/admin/projections", OPERATOR, AUDITOR),
            rule(HttpMethod.POST, "/api/admin/projections/{name}/replay", OPERATOR),
            rule(HttpMethod.GET, "/api/admin/projections/{name}/dead-letters", OPERATOR, AUDITOR),
            rule(HttpMethod.POST, "/api/admin/projections/{name}/dead-letters/retry", OPERATOR),
            rule(HttpMethod.GET, "/api/admin/notifications", OPERATOR, AUDITOR),
            rule(HttpMethod.GET, "/api/test-clock", OPERATOR, AUDITOR),
            rule(HttpMethod.POST, "/api/test-clock", OPERATOR));

    private AccessRules() {
    }

    private static Rule rule(HttpMethod method, String pattern, Role first, Role... more) {
        return new Rule(method, pattern, EnumSet.of(first, more));
    }
}
