package org.commcredits.ledger.query.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a failed message is tried again (INV-WH-04): after the n-th failed attempt wait the n-th delay
 * (default 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: eight attempts over about 27.6 h, more than the
 * contract's 24 h even at the lowest jitter), each stretched or shrunk by up to 10% at random so that many
 * messages failed together do not come back together. After the last delay's attempt fails, there is none.
 */
record RetrySchedule(List<Duration> delays, double jitter) {

    static final List<Duration> DEFAULT = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

    RetrySchedule {
        delays = List.copyOf(delays);
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
    }

    /** Attempts in one round: the first plus one per delay. */
    int maxAttempts() {
        return delays.size() + 1;
    }

    /**
     * The wait after {@code failedAttempts} failed attempts, or empty when that was the last one;
     * {@code random} in [0, 1) picks the jitter (0.5 is none).
     */
    Optional<Duration> delayAfter(int failedAttempts, double random) {
        if (failedAttempts < 1 || failedAttempts > delays.size()) {
            return Optional.empty();
        }
        Duration base = delays.get(failedAttempts - 1);
        double factor = 1 + jitter * (2 * random - 1);
        return Optional.of(Duration.ofMillis(Math.round(base.toMillis() * factor)));
    }
}
