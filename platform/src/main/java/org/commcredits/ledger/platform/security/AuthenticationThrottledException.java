package org.commcredits.ledger.platform.security;

import org.springframework.security.core.AuthenticationException;

import java.time.Duration;

/** A password check refused before it ran, because the name or the client address failed too often. */
public class AuthenticationThrottledException extends AuthenticationException {

    private final transient Duration retryAfter;

    public AuthenticationThrottledException(Duration retryAfter) {
        super("Too many failed authentications");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least 1, for the {@code Retry-After} header. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
