package org.commcredits.ledger.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * HTTP Basic against the configured users, in this order:
 * <ol>
 *   <li>A credential verified before is answered from memory: a bcrypt check costs tens of milliseconds,
 *       too much for the call path, so a success is remembered under a salted SHA-256 of name and password
 *       (never the password itself) for {@link #TTL} since its last use. Failures are never remembered.</li>
 *   <li>Otherwise the {@link AuthenticationThrottle} may refuse the check (429) before it runs
 *       (INV-SEC-01, INV-SEC-02).</li>
 *   <li>Then exactly one bcrypt check runs, for an unknown name too, against a fixed dummy hash of the
 *       users' own cost, so that the answer's timing does not tell which names exist (INV-SEC-03).</li>
 * </ol>
 *
 * <p>The success cache expires after {@link #TTL} without use rather than after its first write: users
 * are configuration, read once at start-up, so a longer-lived entry revokes nothing that a restart would
 * not, and a client in steady use never needs a password check again, even while its name is attacked.
 */
public class CachingPasswordAuthenticationProvider implements AuthenticationProvider {

    static final Duration TTL = Duration.ofMinutes(10);
    private static final int MAX_ENTRIES = 10_000;
    private static final Pattern BCRYPT_COST = Pattern.compile("^\\{bcrypt}\\$2[aby]?\\$(\\d\\d)\\$");

    private final Map<String, LedgerUser> users;
    private final PasswordEncoder encoder;
    private final AuthenticationThrottle throttle;
    private final String dummyHash;
    private final byte[] salt = new byte[16];
    private final Cache<String, Boolean> verified;
    /** Each user's authorities, built once instead of per request. */
    private final Map<String, List<GrantedAuthority>> authorities = new java.util.concurrent.ConcurrentHashMap<>();

    public CachingPasswordAuthenticationProvider(Map<String, LedgerUser> users, PasswordEncoder encoder,
                                                 ThrottleProperties throttle) {
        this(users, encoder, throttle, Ticker.systemTicker());
    }

    CachingPasswordAuthenticationProvider(Map<String, LedgerUser> users, PasswordEncoder encoder,
                                          ThrottleProperties throttle, Ticker ticker) {
        this.users = Map.copyOf(users);
        this.encoder = encoder;
        this.throttle = new AuthenticationThrottle(throttle, ticker);
        this.verified = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterAccess(TTL).ticker(ticker).build();
        SecureRandom random = new SecureRandom();
        random.nextBytes(salt);
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        this.dummyHash = "{bcrypt}" + new BCryptPasswordEncoder(usualCost(this.users.values()), random)
                .encode(HexFormat.of().formatHex(secret));
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        LedgerUser user = users.get(name);
        String key = fingerprint(name, password);
        if (user == null || verified.getIfPresent(key) == null) {
            AuthenticationThrottle.Permit permit = throttle.acquire(name, clientAddress(authentication));
            // One bcrypt check whether or not the name exists (INV-SEC-03); an unknown name can never match.
            boolean matches = encoder.matches(password, user == null ? dummyHash : user.passwordHash());
            if (user == null || !matches) {
                throw new BadCredentialsException("Bad credentials");
            }
            throttle.succeeded(permit);
            verified.put(key, Boolean.TRUE);
        }
        LedgerPrincipal principal = new LedgerPrincipal(user.name(), user.roles(), user.tenant());
        return UsernamePasswordAuthenticationToken.authenticated(principal, null,
                authorities.computeIfAbsent(user.name(), n -> user.roles().stream()
                        .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority())).toList()));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String clientAddress(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }

    /** The bcrypt cost most users' hashes have (10, Spring's default, when none is bcrypt). */
    static int usualCost(Collection<LedgerUser> users) {
        return users.stream()
                .map(user -> BCRYPT_COST.matcher(user.passwordHash() == null ? "" : user.passwordHash()))
                .filter(Matcher::find)
                .map(found -> Integer.parseInt(found.group(1)))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .entrySet().stream()
                .max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .orElse(10);
    }

    private String fingerprint(String name, String password) {
        MessageDigest digest = DIGEST.get(); // a look-up of the provider per request showed in profiles
        digest.reset();
        digest.update(salt);
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(password.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    });
}
