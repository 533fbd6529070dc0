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
    private final Cache<String, Boolean> failedAtCommit = Caffeine.newBuilder().maximumSize(10_000)
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

    /**
     * The writes {@link DeferredWrites} held back for these events failed when the batch was about to commit: the
     * failure cannot be told apart per event there, so the batch's next attempt writes these events' rows in their
     * own handlers, where a failure is the event's own and counts towards parking it.
     */
    void failedAtCommit(String projection, Iterable<String> eventIds) {
        for (String eventId : eventIds) {
            failedAtCommit.put(projection + "|" + eventId, Boolean.TRUE);
        }
    }

    /** Whether the event's writes failed at a commit and are now written in its own handler. */
    boolean writesInHandler(String projection, String eventId) {
        return failedAtCommit.getIfPresent(projection + "|" + eventId) != null;
    }

    /** The events' writes committed: they are deferred again if they are ever handled again (a replay). */
    void committed(String projection, Iterable<String> eventIds) {
        for (String eventId : eventIds) {
            failedAtCommit.invalidate(projection + "|" + eventId);
        }
    }

    /** Forgets a projection's past failures, so that an operator's retry runs its parked events' handlers again. */
    public void forgive(String projection) {
        failures.asMap().keySet().removeIf(key -> key.startsWith(projection + "|"));
        poisoned.asMap().keySet().removeIf(key -> key.startsWith(projection + "|"));
        failedAtCommit.asMap().keySet().removeIf(key -> key.startsWith(projection + "|"));
    }
}
