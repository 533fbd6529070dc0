package org.commcredits.ledger.query.usage;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.commcredits.ledger.api.call.CallDenied;
import org.commcredits.ledger.platform.storage.GlobalIndex;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * {@code rm_blocked_call}: every call the call path denied, copied from {@code CallDenied} (INV-CALL-14), for
 * {@code GET .../blocked-calls}. Same processing group as {@link UsageProjection}, so a replay rebuilds it in
 * order with the usage rows; insert-if-absent on the call id, so redelivery changes nothing.
 */
@Component
@ProcessingGroup(UsageProjection.PROCESSOR)
class BlockedCallsProjection {

    private final JdbcTemplate jdbc;

    BlockedCallsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CallDenied e, @GlobalIndex long sequence) {
        jdbc.update("MERGE INTO rm_blocked_call t USING (VALUES (?, ?)) s(tenant_id, call_id) "
                        + "ON t.tenant_id = s.tenant_id AND t.call_id = s.call_id WHEN NOT MATCHED THEN INSERT "
                        + "(tenant_id, call_id, usage_month, user_id, call_type, destination, reason, blocked_at, event_sequence) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.tenantId().value(), e.callId().value(), e.tenantId().value(), e.callId().value(),
                YearMonth.from(e.deniedAt().atZone(ZoneOffset.UTC)).toString(),
                e.userId() == null ? null : e.userId().value(), e.callType().name(), e.destination().value(),
                e.reason().name(), Timestamp.from(e.deniedAt()), sequence);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_blocked_call");
    }
}
