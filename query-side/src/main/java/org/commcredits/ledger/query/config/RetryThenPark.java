package org.commcredits.ledger.query.config;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.commcredits.ledger.platform.storage.StoreFailures;
import org.commcredits.ledger.platform.storage.TenantSequencingPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

/**
 * What a projection does with an event its handler fails on (INV-REL-03):
 * <ol>
 *   <li>the database is unreachable: the batch fails and the processor retries it with backoff, for as long
 *       as the outage lasts; nothing is parked, since nothing is wrong with the event;</li>
 *   <li>any other failure: the batch fails and is retried, {@value #ATTEMPTS} times in all;</li>
 *   <li>an event that failed {@value #ATTEMPTS} times is parked in the dead-letter queue on the next attempt,
 *       without running its handlers again ({@link ParkingHandlerEnhancer}); the tenant's later events park
 *       behind it (sequenced per tenant) and other tenants keep flowing; an operator notification is raised;</li>
 *   <li>a parked event that fails again when an operator retries it stays parked, with its attempts counted.</li>
 * </ol>
 *
 * <p>Why a batch retry and not Axon's "enqueue at the first failure": the handlers' statements run in the
 * batch's transaction, and on PostgreSQL a failed statement aborts that transaction, so the event could not be
 * parked in it; and a rolled-back batch leaves no half-written rows. Throwing from {@link #decide} is how the
 * dead-lettering invoker lets a failure fail the batch.
 */
final class RetryThenPark implements EnqueuePolicy<EventMessage<?>> {

    static final int ATTEMPTS = 3;
    static final String ATTEMPTS_KEY = "attempts";
    private static final Logger log = LoggerFactory.getLogger(RetryThenPark.class);

    private final String projection;
    private final ProjectionFailures memory;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    RetryThenPark(String projection, ProjectionFailures memory, JdbcTemplate jdbc, Clock clock) {
        this.projection = projection;
        this.memory = memory;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        EventMessage<?> event = letter.message();
        String type = event.getPayloadType().getSimpleName();
        Object earlier = letter.diagnostics().get(ATTEMPTS_KEY);
        if (earlier != null) {
            int attempts = Integer.parseInt(String.valueOf(earlier)) + 1;
            log.warn("{}: parked event {} ({}) failed again on retry (attempt {}): {}", projection, event.getIdentifier(), type,
                    attempts, cause.toString());
            return Decisions.requeue(cause, l -> l.diagnostics().and(ATTEMPTS_KEY, attempts));
        }
        if (cause instanceof ParkedEventException parked) {
            log.error("{}: parking event {} ({}) after {} failed attempts; the tenant's later events park behind it: {}",
                    projection, event.getIdentifier(), type, ATTEMPTS, parked.getMessage());
            notifyOperators(event, parked.getMessage());
            return Decisions.enqueue(parked, l -> MetaData.with(ATTEMPTS_KEY, ATTEMPTS));
        }
        if (StoreFailures.isUnavailable(cause)) {
            throw new RetryBatchException(cause);
        }
        int count = memory.failed(projection, event.getIdentifier(), cause.toString());
        log.warn("{}: event {} ({}) failed (attempt {} of {}); the batch is rolled back and retried: {}", projection,
                event.getIdentifier(), type, count, ATTEMPTS, cause.toString());
        throw new RetryBatchException(cause);
    }

    /** In the batch's transaction, the one that stores the dead letter: a rolled-back batch leaves neither. */
    private void notifyOperators(EventMessage<?> event, String failure) {
        String tenant = String.valueOf(new TenantSequencingPolicy().getSequenceIdentifierFor(event));
        String message = "Projection " + projection + " parked " + event.getPayloadType().getSimpleName() + " "
                + event.getIdentifier() + " of tenant " + tenant + " after " + ATTEMPTS + " failed attempts: " + failure;
        jdbc.update("INSERT INTO operator_notification (notification_id, raised_at, type, projection, tenant_id, event_identifier, message) "
                        + "VALUES (?, ?, 'PROJECTION_EVENT_PARKED', ?, ?, ?, ?)",
                UUID.randomUUID().toString(), Timestamp.from(clock.instant()), projection, tenant, event.getIdentifier(),
                message.length() > 1000 ? message.substring(0, 1000) : message);
    }

    /** Fails the batch so the processor rolls it back and retries it. */
    static final class RetryBatchException extends RuntimeException {
        RetryBatchException(Throwable cause) {
            super("event handling failed; the batch is rolled back and retried: " + cause, cause);
        }
    }

    /** Thrown instead of handling an event that keeps failing, so that it is parked. */
    static final class ParkedEventException extends RuntimeException {
        ParkedEventException(String message) {
            super(message);
        }
    }
}
