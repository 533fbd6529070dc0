package org.commcredits.ledger.query.admin;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /actuator/health} names every projection and says what it can do (INV-REL-04): {@code DOWN} when it
 * is stopped or in error (its read model is frozen), {@code DEGRADED} when it parked events (its read model is
 * wrong for those tenants, right for the others), {@code UP} otherwise. Before issue 16 health answered
 * {@code UP} while the ledger projection had stopped.
 */
@Component("projections")
class ProjectionsHealth implements CompositeHealthContributor {

    static final Status DEGRADED = new Status("DEGRADED", "events are parked; the read model is wrong for their tenants");

    private final ProjectionReplays replays;
    private final ProjectionDeadLetters deadLetters;

    ProjectionsHealth(ProjectionReplays replays, ProjectionDeadLetters deadLetters) {
        this.replays = replays;
        this.deadLetters = deadLetters;
    }

    @Override
    public HealthContributor getContributor(String name) {
        StreamingEventProcessor processor = replays.processors().get(name);
        return processor == null ? null : indicator(name, processor);
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        Iterator<Map.Entry<String, StreamingEventProcessor>> processors = replays.processors().entrySet().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return processors.hasNext();
            }

            @Override
            public NamedContributor<HealthContributor> next() {
                Map.Entry<String, StreamingEventProcessor> entry = processors.next();
                return NamedContributor.of(entry.getKey(), indicator(entry.getKey(), entry.getValue()));
            }
        };
    }

    private HealthIndicator indicator(String name, StreamingEventProcessor processor) {
        return () -> {
            Optional<EventTrackerStatus> failing = processor.processingStatus().values().stream()
                    .filter(EventTrackerStatus::isErrorState).findFirst();
            if (failing.isPresent()) {
                Throwable error = failing.get().getError();
                return Health.down().withDetail("state", "ERROR")
                        .withDetail("error", error == null ? "unknown" : error.getClass().getSimpleName()).build();
            }
            if (!processor.isRunning() && !replays.isRebuilding(name)) {
                return Health.down().withDetail("state", "STOPPED").build();
            }
            int parked = deadLetters.recentCounts().getOrDefault(name, 0);
            if (parked > 0) {
                return Health.status(DEGRADED).withDetail("state", "RUNNING").withDetail("deadLetters", parked).build();
            }
            return Health.up().withDetail("state", replays.isRebuilding(name) ? "REPLAYING" : "RUNNING").build();
        };
    }
}
