package org.commcredits.ledger.platform.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Scheduled tasks (the rate book's refresh every second, the due-work sweep) fail on every run while the
 * database is down. Spring would log a full stack trace each time, burying the one line an operator needs;
 * an outage is logged as one WARN line per failure instead, and any other failure keeps its stack trace.
 */
@Component
public class ScheduledTaskOutages implements ThreadPoolTaskSchedulerCustomizer {

    private static final Logger log = LoggerFactory.getLogger(ScheduledTaskOutages.class);

    @Override
    public void customize(ThreadPoolTaskScheduler scheduler) {
        scheduler.setErrorHandler(failure -> {
            if (StoreFailures.isUnavailable(failure)) {
                log.warn("Scheduled task skipped, the database is unavailable: {}", failure.getMessage());
            } else {
                log.error("Scheduled task failed", failure);
            }
        });
    }
}
