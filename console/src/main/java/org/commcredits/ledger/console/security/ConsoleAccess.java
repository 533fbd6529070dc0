package org.commcredits.ledger.console.security;

import org.commcredits.ledger.platform.security.AccessRules;
import org.commcredits.ledger.platform.security.Role;
import org.springframework.http.HttpMethod;

import java.util.EnumSet;
import java.util.List;

import static org.commcredits.ledger.platform.security.Role.AUDITOR;
import static org.commcredits.ledger.platform.security.Role.BILLING_ADMIN;
import static org.commcredits.ledger.platform.security.Role.FINANCE_READER;
import static org.commcredits.ledger.platform.security.Role.LICENSE_ADMIN;
import static org.commcredits.ledger.platform.security.Role.OPERATOR;

/**
 * Which roles may open which console page or send which console form, in the shape of the API's
 * {@link AccessRules} so that the same {@code TenantBinding} decides: a tenant-bound user is refused every
 * other tenant's pages and every global page. The roles follow the API paths a page reads or writes; the
 * API checks them again on every call. {@code ConsolePageMatrixTest} proves the table role by role.
 */
public final class ConsoleAccess {

    public static final String TENANT = "/console/tenants/{tenantId}";

    public static final List<AccessRules.Rule> RULES = List.of(
            rule(HttpMethod.GET, "/console/tenants", EnumSet.of(FINANCE_READER, BILLING_ADMIN, LICENSE_ADMIN, AUDITOR, OPERATOR)),
            rule(HttpMethod.GET, TENANT, EnumSet.of(BILLING_ADMIN, FINANCE_READER, LICENSE_ADMIN, AUDITOR)),
            rule(HttpMethod.POST, TENANT + "/credits/**", EnumSet.of(BILLING_ADMIN)),
            rule(HttpMethod.GET, TENANT + "/licenses", EnumSet.of(LICENSE_ADMIN, AUDITOR)),
            rule(HttpMethod.GET, TENANT + "/licenses/bulk/{jobId}", EnumSet.of(LICENSE_ADMIN)),
            rule(HttpMethod.POST, TENANT + "/licenses/**", EnumSet.of(LICENSE_ADMIN)),
            rule(HttpMethod.GET, TENANT + "/usage", EnumSet.of(FINANCE_READER, AUDITOR)),
            rule(HttpMethod.GET, TENANT + "/usage/records.csv", EnumSet.of(FINANCE_READER, AUDITOR)),
            rule(HttpMethod.GET, TENANT + "/invoices", EnumSet.of(FINANCE_READER, AUDITOR)),
            rule(HttpMethod.GET, TENANT + "/invoices/{invoiceId}", EnumSet.of(FINANCE_READER, AUDITOR)),
            rule(HttpMethod.GET, TENANT + "/statements/{file}", EnumSet.of(FINANCE_READER, AUDITOR)),
            rule(HttpMethod.GET, TENANT + "/notifications", EnumSet.of(FINANCE_READER, BILLING_ADMIN, AUDITOR)),
            rule(HttpMethod.GET, TENANT + "/audit", EnumSet.of(AUDITOR)),
            rule(HttpMethod.GET, TENANT + "/audit/as-of", EnumSet.of(AUDITOR)),
            rule(HttpMethod.GET, TENANT + "/audit/verify", EnumSet.of(AUDITOR)),
            rule(HttpMethod.GET, TENANT + "/audit/explain", EnumSet.of(AUDITOR)),
            rule(HttpMethod.GET, "/console/operator", EnumSet.of(OPERATOR, AUDITOR)),
            rule(HttpMethod.GET, "/console/operator/projections", EnumSet.of(OPERATOR, AUDITOR)),
            rule(HttpMethod.POST, "/console/operator/**", EnumSet.of(OPERATOR)));

    private ConsoleAccess() {
    }

    private static AccessRules.Rule rule(HttpMethod method, String pattern, EnumSet<Role> roles) {
        return new AccessRules.Rule(method, pattern, roles);
    }
}
