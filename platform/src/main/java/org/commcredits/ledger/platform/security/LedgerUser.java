package org.commcredits.ledger.platform.security;

import java.util.Set;

/**
 * A configured principal: its name, password hash (with an encoder prefix such as {@code {bcrypt}}),
 * roles, and the tenant it is bound to ({@code null} when it may act on every tenant).
 */
public record LedgerUser(String name, String passwordHash, Set<Role> roles, String tenant) {

    public LedgerUser {
        roles = Set.copyOf(roles);
    }
}
