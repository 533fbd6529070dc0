package org.commcredits.ledger.command.license;

import org.commcredits.ledger.api.creditaccount.CommunicationCreditsEnabled;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Read-your-writes for "fund, then assign Communication Credits" (INV-LIC-06): the seats arrive through the
 * tracking processor {@link CommunicationCreditsSeats}, so an assignment right after the first funding could
 * meet {@code NO_SEATS_AVAILABLE} for a moment. Before a {@code COMMUNICATION_CREDITS} assignment this waits
 * (up to 5 s, then {@code 503 READ_MODEL_LAGGING}) until the processor has handled the tenant's
 * {@link CommunicationCreditsEnabled}, if there is one: one indexed look-up by the account's aggregate id.
 */
@Component
class CommunicationCreditsGrantWait {

    private final JdbcTemplate jdbc;
    private final ProcessorPositions positions;

    CommunicationCreditsGrantWait(JdbcTemplate jdbc, ProcessorPositions positions) {
        this.jdbc = jdbc;
        this.positions = positions;
    }

    void awaitSeats(TenantId tenant) {
        List<Long> enabledAt = jdbc.queryForList("SELECT global_index FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? AND payload_type = ?", Long.class,
                tenant.creditAccountAggregateId(), CommunicationCreditsEnabled.class.getName());
        if (!enabledAt.isEmpty()) {
            positions.awaitSequence(CommunicationCreditsSeats.PROCESSOR, enabledAt.get(0));
        }
    }
}
