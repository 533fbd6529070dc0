package org.commcredits.ledger.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, before a password is checked, whether the check may run at all (INV-SEC-01). Every failure
 * counts against the user name and against the client address; the check is refused when either has
 * failed too often, so a guesser can neither hammer one name from many addresses nor spray many names
 * from one address, and every refused attempt costs no bcrypt.
 *
 * <p>Why another user is never locked out by someone else's failures (INV-SEC-02):
 * <ul>
 *   <li>a name's limit only ever refuses that name; other names are untouched;</li>
 *   <li>a credential that was verified recently is answered from the success cache before this throttle
 *       is asked, so a service that is working (the telephony client on the call path) keeps working
 *       even while its own name or its address is attacked;</li>
 *   <li>an address and name pair that authenticated before is held to its own bucket instead of the
 *       name's and the address's: an attacker elsewhere draining the name, or a neighbour behind the same
 *       address spraying other names, does not lock it. Only an attacker at that very address guessing
 *       that very name drains it.</li>
 * </ul>
 * What this cannot do: a first login from an address that is spraying right now, or for a name that is
 * being guessed right now, waits for {@code Retry-After}. Before the check runs the two look alike.
 */
final class AuthenticationThrottle {

    private static final Logger log = LoggerFactory.getLogger(AuthenticationThrottle.class);

    /** The tokens one attempt took; given back when the password was right. */
    static final class Permit {

        private final List<Runnable> giveBacks = new ArrayList<>(2);
        private final String pair;

        private Permit(String pair) {
            this.pair = pair;
        }
    }

    private static final Permit UNTHROTTLED = new Permit(null);

    private final boolean enabled;
    private final FailureBuckets names;
    private final FailureBuckets addresses;
    private final FailureBuckets pairs;
    private final Cache<String, Boolean> knownPairs;

    AuthenticationThrottle(ThrottleProperties properties, Ticker ticker) {
        this.enabled = properties.enabled();
        this.names = new FailureBuckets(properties.nameCapacity(), properties.nameRefillInterval(), properties.maxKeys(), ticker);
        this.addresses = new FailureBuckets(properties.addressCapacity(), properties.addressRefillInterval(),
                properties.maxKeys(), ticker);
        this.pairs = new FailureBuckets(properties.nameCapacity(), properties.nameRefillInterval(), properties.maxKeys(), ticker);
        this.knownPairs = Caffeine.newBuilder().maximumSize(properties.maxKeys()).ticker(ticker)
                .expireAfterAccess(properties.knownPairMemory()).build();
    }

    /** Takes the tokens for one password check of {@code name} from {@code address}, or refuses it. */
    Permit acquire(String name, String address) {
        if (!enabled) {
            return UNTHROTTLED;
        }
        String client = clientKey(address);
        String pair = client + " " + name;
        Permit permit = new Permit(pair);
        if (knownPairs.getIfPresent(pair) != null) {
            take(permit, pairs, pair, "user name " + printable(name) + " from known address " + client);
        } else {
            take(permit, names, name, "user name " + printable(name));
            take(permit, addresses, client, "client address " + client);
        }
        return permit;
    }

    /** The password was right: the attempt's tokens come back and the pair is known from now on. */
    void succeeded(Permit permit) {
        if (permit == UNTHROTTLED) {
            return;
        }
        permit.giveBacks.forEach(Runnable::run);
        knownPairs.put(permit.pair, Boolean.TRUE);
    }

    private static void take(Permit permit, FailureBuckets buckets, String key, String what) {
        FailureBuckets.Attempt attempt = buckets.take(key);
        if (!attempt.taken()) {
            permit.giveBacks.forEach(Runnable::run);
            if (attempt.firstRefusal()) {
                // Once per throttle and key, not per refused request: an attacker must not be able to fill
                // the log for free. Later refusals of the same throttle are at DEBUG.
                log.warn("Failed authentication throttled for {}: too many failures, next check allowed in {} s",
                        what, Math.max(1, attempt.retryAfter().toSeconds()));
            } else {
                log.debug("Authentication refused (throttled) for {}", what);
            }
            throw new AuthenticationThrottledException(attempt.retryAfter());
        }
        permit.giveBacks.add(() -> buckets.giveBack(key));
    }

    /** An IPv4 address as is; an IPv6 address by its /64 network, which one subscriber usually holds whole. */
    static String clientKey(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        if (address.indexOf(':') < 0 || !address.matches("[0-9A-Fa-f:.]+")) {
            return address;
        }
        try {
            // A literal address: no name lookup happens.
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder network = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return network.append(":/64").toString();
        } catch (UnknownHostException | SecurityException notLiteral) {
            return address;
        }
    }

    /** A client-chosen name as it may appear in a log line: no control characters, at most 64 characters. */
    static String printable(String name) {
        String cleaned = name == null ? "" : name.replaceAll("[^\\p{Alnum}._@+-]", "?");
        return "'" + (cleaned.length() > 64 ? cleaned.substring(0, 64) + "..." : cleaned) + "'";
    }
}
