package org.commcredits.ledger.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;
import java.util.Set;

/**
 * Principals configured for HTTP Basic. Passwords are stored hashed ({@code {bcrypt}$2a$...});
 * {@code {noop}} is accepted for local experiments only and logged as a warning.
 */
@ConfigurationProperties("ledger.security")
public record SecurityProperties(@DefaultValue List<User> users) {

    public record User(String name, String password, Set<Role> roles, String tenant) {
    }
}
