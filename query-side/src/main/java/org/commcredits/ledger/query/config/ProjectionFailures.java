package org.commcredits.ledger.query.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;

/**
 * Which events keep failing in which projection (INV-REL-03), shared by the {@link RetryThenPark} policies and
 * {@link ParkingHandlerEnhancer}; in memory, per instance: after a restart an event gets its attempts again.
 */
public final class ProjectionFailures {

    private final Cache<String, Integer> failures = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofHours(1)).build();
    private final Cache<String, String> poisoned = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofHours(1)).build();

    int failed(String projection, String eventId, String failure) {
        String key = projection + "|" + eventId;
        int count = failures.asMap().merge(key, 1, Integer::sum);
        if (count >= RetryThenPark.ATTEMPTS) {
            poisoned.put(key, failure);
        }
        return count;
    }

    /** The failure that makes an event park instead of being handled again, or null. */
    String poisonedBy(String projection, String eventId) {
        return poisoned.getIfPresent(projection + "|" + eventId);
    }

    /** Forgets a projection's past failures, so that an operator's retry runs its parked events' handlers again. */
    public void forgive(String projection) {
        failures.asMap().keySet().removeIf(key -> key.startsWith(projection + "|"));
        poisoned.asMap().keySet().removeIf(key -> key.startsWith(projection + "|"));
    }
}
