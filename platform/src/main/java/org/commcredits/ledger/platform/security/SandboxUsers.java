package org.commcredits.ledger.platform.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The sandbox's users from the contract: one per role (password = name in lower case), {@code admin}
 * with every role, and two principals bound to tenant {@code contoso}. They exist only when the sandbox
 * is on.
 */
public final class SandboxUsers {

    private SandboxUsers() {
    }

    /** Name, clear password, roles, tenant; the caller hashes the password. */
    public record Sandbox(String name, String password, Set<Role> roles, String tenant) {
    }

    public static List<Sandbox> all() {
        List<Sandbox> users = new ArrayList<>();
        for (Role role : Role.values()) {
            String name = role.name().toLowerCase();
            users.add(new Sandbox(name, name, EnumSet.of(role), null));
        }
        users.add(new Sandbox("admin", "admin", EnumSet.allOf(Role.class), null));
        users.add(new Sandbox("contoso_admin", "contoso_admin",
                EnumSet.of(Role.BILLING_ADMIN, Role.LICENSE_ADMIN, Role.FINANCE_READER), "contoso"));
        users.add(new Sandbox("contoso_auditor", "contoso_auditor", EnumSet.of(Role.AUDITOR), "contoso"));
        return users;
    }
}
