package org.commcredits.ledger.query.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Prometheus gauges per projection, read only when scraped: {@code ledger_projection_lag_events} (the event
 * store's head minus the lowest position this instance's segments have reached), {@code ledger_projection_replaying},
 * {@code ledger_projection_error} (1 or 0) and {@code ledger_projection_dead_letters} (events parked). They replace Axon's per-message monitors, which cost a quarter
 * of the projections' CPU (docs/benchmarks.md); the same figures, with more detail, are in
 * {@code GET /api/admin/projections}.
 */
@Component
class ProjectionMetrics {

    private final ProjectionReplays replays;
    private final MeterRegistry meters;
    private final ProjectionDeadLetters deadLetters;

    ProjectionMetrics(ProjectionReplays replays, MeterRegistry meters, ProjectionDeadLetters deadLetters) {
        this.replays = replays;
        this.meters = meters;
        this.deadLetters = deadLetters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        for (Map.Entry<String, StreamingEventProcessor> entry : replays.processors().entrySet()) {
            String name = entry.getKey();
            StreamingEventProcessor processor = entry.getValue();
            Gauge.builder("ledger.projection.lag.events", processor, p -> lag(p))
                    .description("Events in the store that this instance's segments of the projection have not handled yet")
                    .tag("projection", name).register(meters);
            Gauge.builder("ledger.projection.replaying", processor, p -> p.isReplaying() || replays.isRebuilding(name) ? 1 : 0)
                    .tag("projection", name).register(meters);
            Gauge.builder("ledger.projection.error", processor,
                            p -> p.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState) ? 1 : 0)
                    .tag("projection", name).register(meters);
            Gauge.builder("ledger.projection.dead.letters", this, m -> m.parked(name))
                    .description("Events the projection parked in the dead-letter queue (all instances)")
                    .tag("projection", name).register(meters);
        }
    }

    /** One query for every projection's count, shared with health, however often Prometheus scrapes. */
    private double parked(String projection) {
        try {
            return deadLetters.recentCounts().getOrDefault(projection, 0);
        } catch (RuntimeException unavailable) {
            return Double.NaN; // the database is down: the figure is unknown, not zero
        }
    }

    private double lag(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return Double.NaN; // no segment claimed here: another instance runs it, or it has not started
        }
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus segment : status.values()) {
            OptionalLong position = segment.getCurrentPosition();
            lowest = Math.min(lowest, position.isPresent() ? position.getAsLong() : 0);
        }
        return Math.max(0, replays.head() - lowest);
    }
}
