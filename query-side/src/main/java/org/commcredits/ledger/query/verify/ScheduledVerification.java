package org.commcredits.ledger.query.verify;

import org.commcredits.ledger.api.error.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Verifies every tenant with a credit account every {@code ledger.verify.interval} (default 6 h, first run
 * after {@code ledger.verify.initial-delay}, default 10 min) and records each result in
 * {@code verification_run}. Off with {@code ledger.verify.scheduled=false} (e.g. on all but one query-side
 * instance).
 */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "ledger.verify.scheduled", havingValue = "true", matchIfMissing = true)
class ScheduledVerification {

    private static final Logger log = LoggerFactory.getLogger(ScheduledVerification.class);

    private final Verification verification;

    ScheduledVerification(Verification verification) {
        this.verification = verification;
    }

    @Scheduled(fixedDelayString = "${ledger.verify.interval:PT6H}", initialDelayString = "${ledger.verify.initial-delay:PT10M}")
    void scheduled() {
        runAll();
    }

    /** Verifies all tenants; returns the run id. */
    String runAll() {
        String runId = UUID.randomUUID().toString();
        int tenants = 0;
        int inconsistent = 0;
        for (String tenant : verification.tenants()) {
            try {
                Verification.Report report = verification.verify(tenant);
                verification.record(runId, report);
                tenants++;
                if (!report.consistent()) {
                    inconsistent++;
                    log.warn("Verification {}: tenant {} differs from its events: {}", runId, tenant, report.differences());
                }
            } catch (LedgerException skipped) {
                log.warn("Verification {}: tenant {} not verified: {}", runId, tenant, skipped.getMessage());
            }
        }
        log.info("Verification {} finished: {} tenants, {} inconsistent", runId, tenants, inconsistent);
        return runId;
    }
}
