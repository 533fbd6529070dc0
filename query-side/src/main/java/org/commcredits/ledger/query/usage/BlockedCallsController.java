package org.commcredits.ledger.query.usage;

import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.commcredits.ledger.platform.web.RequestFields;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code GET /api/tenants/{tenantId}/blocked-calls?month=} (INV-CALL-14): the calls denied in a month (UTC),
 * oldest first, with the user, destination, blocked reason, blocked action and time, in the spirit of
 * Microsoft's PSTN blocked users report. {@code action} is always {@code BLOCKED}: a denied call is never
 * connected; {@code DIAL_OUT_RESTRICTED} marks those a dial-out policy stopped.
 */
@RestController
class BlockedCallsController {

    private final JdbcTemplate jdbc;
    private final ProcessorPositions positions;

    BlockedCallsController(JdbcTemplate jdbc, ProcessorPositions positions) {
        this.jdbc = jdbc;
        this.positions = positions;
    }

    record BlockedCall(String callId, String userId, String callType, String destination, String reason,
                       String action, String blockedAt) {
    }

    record Page(List<BlockedCall> items, String next) {
    }

    @GetMapping(path = "/api/tenants/{tenantId}/blocked-calls", produces = "application/json")
    Page blocked(@PathVariable String tenantId, @RequestParam(required = false) String month,
                 @RequestParam(required = false) Long minSequence) {
        RequestFields.id(tenantId, "tenantId");
        String m = UsageController.month(month);
        positions.awaitSequence(UsageProjection.PROCESSOR, minSequence);
        List<BlockedCall> items = jdbc.query("SELECT call_id, user_id, call_type, destination, reason, blocked_at "
                        + "FROM rm_blocked_call WHERE tenant_id = ? AND usage_month = ? ORDER BY blocked_at, call_id",
                (rs, n) -> new BlockedCall(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), "BLOCKED", rs.getTimestamp(6).toInstant().toString()), tenantId, m);
        return new Page(items, null);
    }
}
