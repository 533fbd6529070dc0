package org.commcredits.ledger.query.admin;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.query.config.ProjectionFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The events each projection parked (INV-REL-03), read from Axon's {@code dead_letter_entry} so that the
 * figures are true across instances, and the operator's retry of them.
 */
@Component
public class ProjectionDeadLetters {

    private static final Logger log = LoggerFactory.getLogger(ProjectionDeadLetters.class);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final ProjectionFailures failures;

    ProjectionDeadLetters(JdbcTemplate jdbc, EventProcessingConfiguration processing, ProjectionFailures failures) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.failures = failures;
    }

    /** One parked event. */
    public record Letter(String eventIdentifier, String eventType, String tenantId, long sequenceIndex, String enqueuedAt,
                         String lastTouched, String cause) {
    }

    /** What a retry did. */
    public record RetryResult(String projection, int parkedBefore, int sequencesHandled, int parkedAfter) {
    }

    private static final long RECENT_NANOS = 500_000_000L;
    private volatile Map<String, Integer> recent;
    private volatile long recentReadAt;

    /**
     * {@link #counts()} read at most every 500 ms: one health request asks for every projection's count, and
     * Prometheus for every gauge, so they share one query instead of one per projection. A retry forgets it.
     */
    public Map<String, Integer> recentCounts() {
        long now = System.nanoTime();
        Map<String, Integer> known = recent;
        if (known == null || now - recentReadAt > RECENT_NANOS) {
            known = counts();
            recent = known;
            recentReadAt = now;
        }
        return known;
    }

    /** Parked events per processing group. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        jdbc.query("SELECT processing_group, COUNT(*) FROM dead_letter_entry GROUP BY processing_group",
                rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }

    public int count(String projection) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter_entry WHERE processing_group = ?",
                Integer.class, projection);
        return count == null ? 0 : count;
    }

    public List<Letter> list(String projection, int limit) {
        return jdbc.query("SELECT event_identifier, payload_type, sequence_identifier, sequence_index, enqueued_at, last_touched, "
                        + "cause_type, cause_message FROM dead_letter_entry WHERE processing_group = ? "
                        + "ORDER BY sequence_identifier, sequence_index FETCH FIRST " + limit + " ROWS ONLY",
                (rs, n) -> {
                    String type = rs.getString(2);
                    String cause = rs.getString(7) == null ? null : rs.getString(7) + ": " + rs.getString(8);
                    return new Letter(rs.getString(1), type.substring(type.lastIndexOf('.') + 1), rs.getString(3), rs.getLong(4),
                            rs.getString(5), rs.getString(6), cause);
                }, projection);
    }

    /**
     * Handles every parked sequence of the projection again, oldest first within each tenant; what fails again
     * stays parked (its attempts counted). The projection's remembered failures are forgotten first, so the
     * handlers really run.
     */
    public RetryResult retry(String projection) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(projection)
                .orElseThrow(() -> new LedgerException(ErrorCode.PROJECTION_NOT_FOUND, "No projection named " + projection));
        int before = count(projection);
        failures.forgive(projection);
        int handled = 0;
        // each call handles one whole sequence (a tenant's parked events in order); bounded in case letters keep failing
        for (int round = 0; round < before + 1 && processor.processAny(); round++) {
            handled++;
        }
        int after = count(projection);
        recent = null;
        log.info("Retried the parked events of {}: {} parked before, {} sequence(s) handled, {} still parked",
                projection, before, handled, after);
        return new RetryResult(projection, before, handled, after);
    }
}
