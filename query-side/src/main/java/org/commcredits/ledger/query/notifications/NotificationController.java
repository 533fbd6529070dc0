package org.commcredits.ledger.query.notifications;

import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.commcredits.ledger.platform.web.RequestFields;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code GET /api/tenants/{tenantId}/notifications}: the tenant's notifications oldest first, paged by the
 * contract's {@code after} cursor (the last item's sequence) and {@code limit}.
 */
@RestController
class NotificationController {

    private final JdbcTemplate jdbc;
    private final ProcessorPositions positions;

    NotificationController(JdbcTemplate jdbc, ProcessorPositions positions) {
        this.jdbc = jdbc;
        this.positions = positions;
    }

    record NotificationView(long sequence, String type, String occurredAt, String amount, String currency,
                            String reference, String message) {
    }

    record Page(List<NotificationView> items, String next) {
    }

    @GetMapping(path = "/api/tenants/{tenantId}/notifications", produces = "application/json")
    Page notifications(@PathVariable String tenantId, @RequestParam(required = false) Long minSequence,
                       @RequestParam(required = false) String after, @RequestParam(required = false) Integer limit) {
        RequestFields.id(tenantId, "tenantId");
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 1000) {
            throw new LedgerException(ErrorCode.INVALID_PAGING, "limit must be between 1 and 1000");
        }
        long from = cursor(after);
        positions.awaitSequence(NotificationProjection.PROCESSOR, minSequence);
        List<NotificationView> items = jdbc.query("SELECT sequence, type, occurred_at, amount_minor, currency, reference, message "
                        + "FROM rm_notification WHERE tenant_id = ? AND sequence > ? ORDER BY sequence FETCH FIRST " + (size + 1) + " ROWS ONLY",
                (rs, n) -> {
                    long amount = rs.getLong(4);
                    String currency = rs.getString(5);
                    return new NotificationView(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant().toString(),
                            rs.wasNull() || currency == null ? null : Money.ofMinor(amount, currency).toPlainString(),
                            currency, rs.getString(6), rs.getString(7));
                }, tenantId, from);
        if (items.size() > size) {
            List<NotificationView> page = items.subList(0, size);
            return new Page(page, Long.toString(page.get(size - 1).sequence()));
        }
        return new Page(items, null);
    }

    private static long cursor(String after) {
        if (after == null) {
            return -1;
        }
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw new LedgerException(ErrorCode.INVALID_PAGING, "after must be a cursor from a previous page's next");
        }
    }
}
