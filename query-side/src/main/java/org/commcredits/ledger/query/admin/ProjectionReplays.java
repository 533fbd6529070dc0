package org.commcredits.ledger.query.admin;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.commcredits.ledger.api.audit.ProjectionReplayRequested;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Rebuilds one projection from the start of the event stream: stops its processor, resets its tokens
 * (its {@code @ResetHandler} empties the read model), starts it again and follows its progress until it
 * has caught up, logging events done / total, rate and ETA every {@code LOG_EVERY}.
 *
 * <p>While it runs, queries keep answering from the partly rebuilt rows and say so
 * ({@link RebuildingHeader}); {@code ?minSequence=} waits until the rebuild has passed that sequence.
 * The reset waits until the processor has claimed its segments ({@code processingStatus()} non-empty):
 * resetting a processor still claiming once left it idle for 13 minutes.
 */
@Component
public class ProjectionReplays {

    private static final Logger log = LoggerFactory.getLogger(ProjectionReplays.class);
    private static final Duration CLAIM_WAIT = Duration.ofSeconds(60);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    /** A replay's progress as the status shows it. */
    public record Progress(String projection, String state, String requestedBy, String startedAt, String finishedAt,
                           long done, long total, long eventsPerSecond, Long etaSeconds, String error) {
    }

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, Progress> replays = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "projection-replay");
        thread.setDaemon(true);
        return thread;
    });

    ProjectionReplays(EventProcessingConfiguration processing, EventStore eventStore, JdbcTemplate jdbc, Clock clock) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Every streaming (tracking or pooled) processor of this JVM, by name. */
    Map<String, StreamingEventProcessor> processors() {
        Map<String, StreamingEventProcessor> found = new java.util.TreeMap<>();
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            if (entry.getValue() instanceof StreamingEventProcessor streaming) {
                found.put(entry.getKey(), streaming);
            }
        }
        return found;
    }

    public Optional<Progress> progress(String projection) {
        return Optional.ofNullable(replays.get(projection));
    }

    public boolean isRebuilding(String projection) {
        Progress progress = replays.get(projection);
        return progress != null && "RUNNING".equals(progress.state());
    }

    /** Names of projections being rebuilt now. */
    public java.util.List<String> rebuilding() {
        return replays.values().stream().filter(p -> "RUNNING".equals(p.state())).map(Progress::projection).sorted().toList();
    }

    /** The highest global index in the event store. */
    long head() {
        Long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    /** Starts a rebuild; {@code 404 PROJECTION_NOT_FOUND}, {@code 409 REPLAY_IN_PROGRESS}. */
    public synchronized Progress start(String projection, String requestedBy) {
        StreamingEventProcessor processor = processors().get(projection);
        if (processor == null || !processor.supportsReset()) {
            throw new LedgerException(ErrorCode.PROJECTION_NOT_FOUND, "No rebuildable projection named " + projection);
        }
        if (isRebuilding(projection)) {
            throw new LedgerException(ErrorCode.REPLAY_IN_PROGRESS, "Projection " + projection + " is being rebuilt");
        }
        Instant now = clock.instant();
        eventStore.publish(GenericEventMessage.asEventMessage(new ProjectionReplayRequested(projection, requestedBy, now)));
        Progress started = new Progress(projection, "RUNNING", requestedBy, now.toString(), null, 0, head(), 0, null, null);
        replays.put(projection, started);
        executor.submit(() -> run(processor, started));
        return started;
    }

    private void run(StreamingEventProcessor processor, Progress started) {
        String name = started.projection();
        try {
            awaitClaims(processor);
            processor.shutDown();
            processor.resetTokens();
            long total = head();
            long startNanos = System.nanoTime();
            processor.start();
            log.info("Rebuilding projection {}: {} events to replay", name, total);
            long lastLog = System.nanoTime();
            while (true) {
                Thread.sleep(200);
                long done = Math.min(position(processor), total);
                double seconds = Math.max((System.nanoTime() - startNanos) / 1e9, 0.001);
                long rate = (long) (done / seconds);
                Long eta = rate == 0 ? null : (total - done) / Math.max(rate, 1);
                boolean finished = !processor.isReplaying() && done >= total && caughtUp(processor);
                replays.put(name, new Progress(name, finished ? "FINISHED" : "RUNNING", started.requestedBy(),
                        started.startedAt(), finished ? clock.instant().toString() : null, done, total, rate,
                        finished ? Long.valueOf(0) : eta, null));
                if (finished) {
                    log.info("Rebuilt projection {}: {} events in {} s ({} events/s)", name, done, String.format("%.1f", seconds), rate);
                    return;
                }
                if (System.nanoTime() - lastLog > LOG_EVERY.toNanos()) {
                    lastLog = System.nanoTime();
                    log.info("Rebuilding projection {}: {} / {} events, {} events/s, ETA {} s", name, done, total, rate, eta);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(started, e);
        } catch (RuntimeException e) {
            fail(started, e);
            if (!processor.isRunning()) {
                processor.start();
            }
        }
    }

    private void fail(Progress started, Exception e) {
        log.error("Rebuilding projection {} failed", started.projection(), e);
        replays.put(started.projection(), new Progress(started.projection(), "FAILED", started.requestedBy(), started.startedAt(),
                clock.instant().toString(), 0, started.total(), 0, null, e.getClass().getSimpleName() + ": " + e.getMessage()));
    }

    private void awaitClaims(StreamingEventProcessor processor) throws InterruptedException {
        long deadline = System.nanoTime() + CLAIM_WAIT.toNanos();
        while (processor.isRunning() && processor.processingStatus().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("processor " + processor.getName() + " claimed no segment within "
                        + CLAIM_WAIT.toSeconds() + " s; is another instance holding them?");
            }
            Thread.sleep(50);
        }
    }

    /** The lowest position over the processor's segments in this JVM. */
    static long position(StreamingEventProcessor processor) {
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            OptionalLong position = status.getCurrentPosition();
            lowest = Math.min(lowest, position.orElse(0));
        }
        return lowest == Long.MAX_VALUE ? 0 : lowest;
    }

    private static boolean caughtUp(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        return !status.isEmpty() && status.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
    }
}
