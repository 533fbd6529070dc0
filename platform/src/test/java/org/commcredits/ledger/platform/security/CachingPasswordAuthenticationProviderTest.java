package org.commcredits.ledger.platform.security;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingPasswordAuthenticationProviderTest {

    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    @DisplayName("INV-SEC-03 an unknown name takes as long as a known name with a wrong password")
    void unknownNamesTakeAsLongAsWrongPasswords() {
        CachingPasswordAuthenticationProvider provider = provider(Map.of("alice", user("alice", ENCODER.encode("right"))),
                new ThrottleProperties(false, 3, Duration.ofHours(1), 12, Duration.ofHours(1), Duration.ofDays(7), 1000, Duration.ZERO, 0));
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            failureNanos(provider, "alice");
            failureNanos(provider, "nobody");
        }
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int attempt = 0; attempt < 20; attempt++) {
            known.add(failureNanos(provider, "alice"));
            unknown.add(failureNanos(provider, "nobody-" + attempt));
        }
        double ratio = (double) median(unknown) / median(known);
        // Before the dummy check an unknown name answered in well under a millisecond, a known one after a
        // full bcrypt check (7 ms against 606 ms over HTTP in the issue): a ratio near 0.
        assertThat(ratio).as("median unknown %d µs / median known-wrong %d µs", median(unknown) / 1000, median(known) / 1000)
                .isBetween(0.5, 2.0);
    }

    @Test
    @DisplayName("INV-SEC-01 INV-SEC-02 a name is throttled for new addresses, but an address that authenticated as it before keeps its own limit")
    void knownAddressKeepsWorking() {
        CachingPasswordAuthenticationProvider provider = provider(Map.of("alice", user("alice", "{noop}right")),
                new ThrottleProperties(true, 3, Duration.ofHours(1), 100, Duration.ofHours(1), Duration.ofDays(7), 1000, Duration.ZERO, 0));
        assertThat(provider.authenticate(basic("alice", "right", "10.0.0.1")).isAuthenticated()).isTrue();
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> provider.authenticate(basic("alice", "guess", "10.0.0.66")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> provider.authenticate(basic("alice", "guess", "10.0.0.66")))
                .isInstanceOf(AuthenticationThrottledException.class);
        now.addAndGet(Duration.ofMinutes(11).toNanos());
        assertThatThrownBy(() -> provider.authenticate(basic("alice", "right", "10.0.0.2")))
                .as("once the success cache expired, a first login from a new address waits while the name is being guessed")
                .isInstanceOf(AuthenticationThrottledException.class);
        assertThat(provider.authenticate(basic("alice", "right", "10.0.0.1")).isAuthenticated())
                .as("but alice's own address is held to its own bucket, not the name's")
                .isTrue();
    }

    @Test
    @DisplayName("INV-SEC-01 a correct password gives its token back: only failures count")
    void successesDoNotCount() {
        CachingPasswordAuthenticationProvider provider = provider(Map.of("alice", user("alice", "{noop}right")),
                new ThrottleProperties(true, 3, Duration.ofHours(1), 100, Duration.ofHours(1), Duration.ofDays(7), 1000, Duration.ZERO, 0));
        assertThatThrownBy(() -> provider.authenticate(basic("alice", "guess", "10.0.0.9"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(basic("alice", "guess", "10.0.0.8"))).isInstanceOf(BadCredentialsException.class);
        provider.authenticate(basic("alice", "right", "10.0.0.7"));
        assertThatThrownBy(() -> provider.authenticate(basic("alice", "guess", "10.0.0.6")))
                .as("the third failure, although a success came between").isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(basic("alice", "guess", "10.0.0.5")))
                .isInstanceOf(AuthenticationThrottledException.class);
    }

    @Test
    @DisplayName("INV-SEC-01 INV-SEC-03 every attempt runs exactly one password check, an unknown name too; a refused one runs none")
    void oneCheckPerAttemptAndNoneWhenRefused() {
        AtomicInteger checks = new AtomicInteger();
        PasswordEncoder counting = counting(checks, 0);
        CachingPasswordAuthenticationProvider provider = new CachingPasswordAuthenticationProvider(
                Map.of("alice", user("alice", "{noop}right")), counting,
                new ThrottleProperties(true, 2, Duration.ofHours(1), 100, Duration.ofHours(1), Duration.ofDays(7), 1000, Duration.ZERO, 0), now::get);
        provider.authenticate(basic("alice", "right", "10.0.0.2"));
        provider.authenticate(basic("alice", "right", "10.0.0.2"));
        assertThat(checks).as("a verified credential is checked once, then answered from the success cache").hasValue(1);
        assertThatThrownBy(() -> provider.authenticate(basic("mallory", "guess", "10.0.0.1"))).isInstanceOf(BadCredentialsException.class);
        assertThat(checks).as("an unknown name is checked against the dummy hash").hasValue(2);
        assertThatThrownBy(() -> provider.authenticate(basic("alice", "guess", "10.0.0.1"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(basic("alice", "guess", "10.0.0.1"))).isInstanceOf(BadCredentialsException.class);
        assertThat(checks).hasValue(4);
        for (int refused = 0; refused < 10; refused++) {
            assertThatThrownBy(() -> provider.authenticate(basic("alice", "guess", "10.0.0.1")))
                    .isInstanceOf(AuthenticationThrottledException.class);
        }
        assertThat(checks).as("a refused attempt costs no password check").hasValue(4);
    }

    @Test
    @DisplayName("INV-SEC-01 eight concurrent guessers never run more password checks than the name has tokens")
    void concurrentGuessersShareTheTokens() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        PasswordEncoder slow = counting(checks, 50);
        CachingPasswordAuthenticationProvider provider = new CachingPasswordAuthenticationProvider(
                Map.of("alice", user("alice", "{noop}right")), slow,
                new ThrottleProperties(true, 3, Duration.ofHours(1), 100, Duration.ofHours(1), Duration.ofDays(7), 1000, Duration.ZERO, 0), now::get);
        ExecutorService guessers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> attempts = new ArrayList<>();
            for (int attempt = 0; attempt < 40; attempt++) {
                String address = "10.0.1." + (attempt % 8);
                attempts.add(guessers.submit(() -> {
                    try {
                        provider.authenticate(basic("alice", "guess", address));
                    } catch (BadCredentialsException | AuthenticationThrottledException expected) {
                        // both are answers
                    }
                }));
            }
            for (Future<?> attempt : attempts) {
                attempt.get(10, TimeUnit.SECONDS);
            }
        } finally {
            guessers.shutdownNow();
        }
        assertThat(checks).as("40 concurrent guesses from 8 addresses at a name with 3 tokens").hasValue(3);
    }

    @Test
    @DisplayName("INV-SEC-01 with the throttle switched off nothing is throttled")
    void switchedOff() {
        CachingPasswordAuthenticationProvider provider = provider(Map.of("alice", user("alice", "{noop}right")),
                new ThrottleProperties(false, 1, Duration.ofHours(1), 1, Duration.ofHours(1), Duration.ofDays(7), 1000, Duration.ZERO, 0));
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThatThrownBy(() -> provider.authenticate(basic("alice", "guess", "10.0.0.1")))
                    .isInstanceOf(BadCredentialsException.class);
        }
    }

    @Test
    @DisplayName("client addresses: IPv4 as is, IPv6 by its /64, names printable in a log line")
    void keys() {
        assertThat(AuthenticationThrottle.clientKey("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(AuthenticationThrottle.clientKey("2001:db8:1:2:aaaa::1"))
                .isEqualTo(AuthenticationThrottle.clientKey("2001:db8:1:2:bbbb::9")).isEqualTo("2001:db8:1:2::/64");
        assertThat(AuthenticationThrottle.clientKey("2001:db8:1:3::1")).isNotEqualTo("2001:db8:1:2::/64");
        assertThat(AuthenticationThrottle.printable("eve\r\nFAKE LOG LINE")).isEqualTo("'eve??FAKE?LOG?LINE'");
        assertThat(CachingPasswordAuthenticationProvider.usualCost(List.of(user("a", "{bcrypt}$2a$12$x"),
                user("b", "{bcrypt}$2a$12$y"), user("c", "{bcrypt}$2a$10$z"), user("d", "{noop}n")))).isEqualTo(12);
    }

    private CachingPasswordAuthenticationProvider provider(Map<String, LedgerUser> users, ThrottleProperties throttle) {
        return new CachingPasswordAuthenticationProvider(users, ENCODER, throttle, now::get);
    }

    private static LedgerUser user(String name, String hash) {
        return new LedgerUser(name, hash, EnumSet.of(Role.AUDITOR), null);
    }

    private static Authentication basic(String name, String password, String address) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(name, password);
        token.setDetails(new WebAuthenticationDetails(address, null));
        return token;
    }

    private static long failureNanos(CachingPasswordAuthenticationProvider provider, String name) {
        long start = System.nanoTime();
        try {
            provider.authenticate(basic(name, "wrong", "10.1.1.1"));
        } catch (BadCredentialsException expected) {
            return System.nanoTime() - start;
        }
        throw new AssertionError(name + " was let in with a wrong password");
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** The real encoder, counting its checks, each taking at least {@code millis}. */
    private static PasswordEncoder counting(AtomicInteger checks, long millis) {
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return ENCODER.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                checks.incrementAndGet();
                if (millis > 0) {
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
                return ENCODER.matches(raw, encoded);
            }
        };
    }
}
