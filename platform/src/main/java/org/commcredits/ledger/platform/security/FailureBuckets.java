package org.commcredits.ledger.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;

/**
 * One token bucket per key (a user name, a client address, an address and name pair) that only failed
 * authentications drain: {@code capacity} failures at once, then one more per {@code refillInterval}.
 * A password check takes a token before it runs and gives it back when the password was right, so
 * concurrent attempts can never run more checks than there are tokens, and a success costs nothing.
 * Buckets live in a bounded Caffeine cache and are dropped once they would be full again, so an idle key
 * costs nothing.
 *
 * <p>A small class of our own rather than Bucket4j or resilience4j: neither is in the build's offline
 * repository, resilience4j's limiter refills in fixed windows (twice the capacity across a window's edge),
 * and neither gives a token back for a success (docs/security.md).
 */
final class FailureBuckets {

    /** The answer to one attempt: taken (wait zero) or refused, and whether this refusal starts a throttle. */
    record Attempt(Duration retryAfter, boolean firstRefusal) {

        boolean taken() {
            return retryAfter.isZero();
        }
    }

    private static final Attempt TAKEN = new Attempt(Duration.ZERO, false);

    private final int capacity;
    private final long refillNanos;
    private final Ticker ticker;
    private final Cache<String, Bucket> buckets;

    FailureBuckets(int capacity, Duration refillInterval, long maxKeys, Ticker ticker) {
        if (capacity < 1 || refillInterval.isZero() || refillInterval.isNegative()) {
            throw new IllegalArgumentException("capacity must be at least 1 and the refill interval positive");
        }
        this.capacity = capacity;
        this.refillNanos = refillInterval.toNanos();
        this.ticker = ticker;
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).ticker(ticker)
                .expireAfterAccess(refillInterval.multipliedBy(capacity)).build();
    }

    /** Takes a token for one password check of this key, or answers how long until one is there. */
    Attempt take(String key) {
        return buckets.get(key, any -> new Bucket(ticker.read())).take(ticker.read());
    }

    /** The check succeeded: its token comes back, so only failures count. */
    void giveBack(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket != null) {
            bucket.giveBack(ticker.read());
        }
    }

    /** The tokens of one key; refilled lazily from the time elapsed. */
    private final class Bucket {

        private double tokens = capacity;
        private long refilledAt;
        private boolean refusing;

        Bucket(long now) {
            this.refilledAt = now;
        }

        synchronized Attempt take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                refusing = false;
                return TAKEN;
            }
            boolean first = !refusing;
            refusing = true;
            return new Attempt(Duration.ofNanos((long) Math.ceil((1 - tokens) * refillNanos)), first);
        }

        synchronized void giveBack(long now) {
            refill(now);
            tokens = Math.min(capacity, tokens + 1);
        }

        private void refill(long now) {
            if (now > refilledAt) {
                tokens = Math.min(capacity, tokens + (double) (now - refilledAt) / refillNanos);
                refilledAt = now;
            }
        }
    }
}
