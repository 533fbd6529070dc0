package org.commcredits.ledger.query.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies one tenant: loads its history, waits until every verified read model has handled it, and asks
 * each {@link ReadModelVerifier} for differences (INV-RM-05). Events that arrive while verifying can make
 * rows newer than the history; then the tenant is verified again (up to three times) before differences
 * are reported.
 */
@Component
public class Verification {

    static final int ATTEMPTS = 3;

    /** The outcome for one tenant. */
    public record Report(String tenantId, boolean consistent, long position, int eventsReplayed, List<String> readModels,
                         List<Difference> differences, String checkedAt) {
    }

    private final TenantHistories histories;
    private final List<ReadModelVerifier> verifiers;
    private final ProcessorPositions positions;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    Verification(TenantHistories histories, List<ReadModelVerifier> verifiers, ProcessorPositions positions,
                 JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.histories = histories;
        this.verifiers = verifiers;
        this.positions = positions;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public Report verify(String tenantId) {
        Report report = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            TenantHistory history = histories.load(tenantId);
            if (history.events().isEmpty()) {
                throw new LedgerException(ErrorCode.NOT_FOUND, "No events for tenant " + tenantId);
            }
            List<Difference> differences = new ArrayList<>();
            for (ReadModelVerifier verifier : verifiers) {
                positions.awaitSequence(verifier.processor(), history.lastSequence());
                differences.addAll(verifier.verify(history));
            }
            report = new Report(tenantId, differences.isEmpty(), history.lastSequence(), history.events().size(),
                    verifiers.stream().map(ReadModelVerifier::readModel).toList(), differences, clock.instant().toString());
            if (differences.isEmpty() || histories.lastSequence(tenantId) == history.lastSequence()) {
                return report;
            }
        }
        return report;
    }

    /** Stores a report in {@code verification_run}. */
    void record(String runId, Report report) {
        String details;
        try {
            details = json.writeValueAsString(report.differences());
        } catch (JsonProcessingException e) {
            details = "[]";
        }
        jdbc.update("INSERT INTO verification_run (run_id, tenant_id, checked_at, position, consistent, differences, details) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                runId, report.tenantId(), Timestamp.from(clock.instant()), report.position(), report.consistent(),
                report.differences().size(), details);
    }

    List<String> tenants() {
        return histories.tenantsWithAccounts();
    }
}
