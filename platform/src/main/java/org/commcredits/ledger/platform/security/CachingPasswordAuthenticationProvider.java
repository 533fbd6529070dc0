package org.commcredits.ledger.platform.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP Basic against the configured users. A bcrypt check costs tens of milliseconds, too much for the
 * call path, so a successful check is remembered for {@link #TTL} under a salted SHA-256 of the
 * credentials (never the password itself). Failures are never cached.
 */
public class CachingPasswordAuthenticationProvider implements AuthenticationProvider {

    static final Duration TTL = Duration.ofMinutes(10);
    private static final int MAX_ENTRIES = 10_000;

    private final Map<String, LedgerUser> users;
    private final PasswordEncoder encoder;
    private final Clock clock = Clock.systemUTC();
    private final byte[] salt = new byte[16];
    private final Map<String, Instant> verified = new ConcurrentHashMap<>();

    public CachingPasswordAuthenticationProvider(Map<String, LedgerUser> users, PasswordEncoder encoder) {
        this.users = Map.copyOf(users);
        this.encoder = encoder;
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        LedgerUser user = users.get(name);
        if (user == null) {
            throw new BadCredentialsException("Bad credentials");
        }
        String key = fingerprint(name, password);
        Instant until = verified.get(key);
        Instant now = clock.instant();
        if (until == null || until.isBefore(now)) {
            if (!encoder.matches(password, user.passwordHash())) {
                throw new BadCredentialsException("Bad credentials");
            }
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(key, now.plus(TTL));
        }
        LedgerPrincipal principal = new LedgerPrincipal(user.name(), user.roles(), user.tenant());
        return UsernamePasswordAuthenticationToken.authenticated(principal, null,
                user.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private String fingerprint(String name, String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
