package org.commcredits.ledger.platform.security;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Grants a request when the principal holds one of the rule's roles and, for a tenant-bound principal,
 * the path names its own tenant. A tenant-bound principal gets 403 on every path that is not its own
 * tenant's (including global paths such as rate cards and projections); {@code /api/audit/events} and
 * the tenant list {@code /api/tenants} are narrowed to its tenant by their controllers.
 */
public final class TenantBinding implements AuthorizationManager<RequestAuthorizationContext> {

    private final Set<Role> roles;
    private final boolean tenantPath;
    private final boolean tenantFilteredGlobalPath;

    public TenantBinding(AccessRules.Rule rule) {
        this.roles = rule.roles();
        this.tenantPath = rule.pattern().contains("{tenantId}");
        this.tenantFilteredGlobalPath = rule.pattern().equals("/api/audit/events") || rule.pattern().equals("/api/tenants");
    }

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        Authentication auth = authentication.get();
        if (auth == null || !(auth.getPrincipal() instanceof LedgerPrincipal principal)) {
            return new AuthorizationDecision(false);
        }
        if (principal.roles().stream().noneMatch(roles::contains)) {
            return new AuthorizationDecision(false);
        }
        if (!principal.isTenantBound() || tenantFilteredGlobalPath) {
            return new AuthorizationDecision(true);
        }
        if (!tenantPath) {
            return new AuthorizationDecision(false);
        }
        return new AuthorizationDecision(principal.isBoundTo(context.getVariables().get("tenantId")));
    }
}
