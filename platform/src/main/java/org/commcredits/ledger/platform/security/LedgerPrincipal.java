package org.commcredits.ledger.platform.security;

import java.util.Set;

/** The authenticated caller as the ledger sees it, whether it came by HTTP Basic or a bearer token. */
public record LedgerPrincipal(String name, Set<Role> roles, String tenant) implements java.security.Principal {

    /**
     * The name, as {@link java.security.Principal}: Spring Security asks every request's authentication for its
     * name, and for a principal of no known type that is {@code toString()}, which built the whole record's text.
     */
    @Override
    public String getName() {
        return name;
    }

    public boolean isBoundTo(String tenantId) {
        return tenant == null || tenant.equals(tenantId);
    }

    public boolean isTenantBound() {
        return tenant != null;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
