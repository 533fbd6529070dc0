package org.commcredits.ledger.platform.storage;

import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Brings every event processor back within seconds of the database's return (INV-REL-05).
 *
 * <p>Why: Axon's tracking processors retry a failing batch, and their launcher retries claiming segments, with a
 * wait that doubles up to 60 s; after a long outage they came back up to a minute late, and in the field they
 * did not come back at all until the JVM was restarted (issue 16). This component pings the database every
 * {@code ledger.processors.recovery-check-millis} (2 s) on a thread of its own; once the database has answered
 * twice in a row after it had failed, it restarts each running processor that is not replaying, which starts
 * its waits afresh. A restart is safe: the batch in flight rolls back and is handled again from the stored
 * token, and every projection is idempotent.
 */
@Component
public class ProcessorRecovery {

    private static final Logger log = LoggerFactory.getLogger(ProcessorRecovery.class);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final long intervalMillis;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "processor-recovery");
        thread.setDaemon(true);
        return thread;
    });
    private boolean outage;
    private int answeredSinceOutage;
    private long outageStartedNanos;

    public ProcessorRecovery(EventProcessingConfiguration processing, JdbcTemplate jdbc,
                             @Value("${ledger.processors.recovery-check-millis:2000}") long intervalMillis) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.intervalMillis = intervalMillis;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        checker.scheduleWithFixedDelay(this::check, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        checker.shutdownNow();
    }

    void check() {
        boolean reachable;
        try {
            jdbc.queryForObject("SELECT 1", Integer.class);
            reachable = true;
        } catch (RuntimeException failure) {
            reachable = false;
            if (!outage) {
                log.warn("The database does not answer ({}); event processors will be restarted once it is back",
                        failure.getClass().getSimpleName());
                outage = true;
                outageStartedNanos = System.nanoTime();
            }
            answeredSinceOutage = 0;
        }
        if (reachable && outage && ++answeredSinceOutage >= 2) {
            outage = false;
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - outageStartedNanos);
            log.warn("The database answers again after about {} s; restarting event processors", seconds);
            restartProcessors();
        }
    }

    boolean inOutage() {
        return outage;
    }

    private void restartProcessors() {
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            if (entry.getValue() instanceof StreamingEventProcessor processor && processor.isRunning() && !processor.isReplaying()) {
                try {
                    processor.shutDown();
                    processor.start();
                    log.info("Restarted event processor {} after the database outage", entry.getKey());
                } catch (RuntimeException failure) {
                    log.error("Could not restart event processor {}: {}", entry.getKey(), failure.toString());
                }
            }
        }
    }
}
