package org.commcredits.ledger.query.ledger;

import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.commcredits.ledger.platform.web.Paging;
import org.commcredits.ledger.platform.web.RequestFields;
import org.commcredits.ledger.query.history.CreditAccountEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/tenants/{tenantId}/ledger[?from&to&limit&after]}: the statement, oldest first. {@code from}
 * is inclusive and {@code to} exclusive (instants of the movements); the cursor is the last sequence seen.
 */
@RestController
class LedgerController {

    private final JdbcTemplate jdbc;
    private final ProcessorPositions positions;
    private final CreditAccountEvents accounts;

    LedgerController(JdbcTemplate jdbc, ProcessorPositions positions, CreditAccountEvents accounts) {
        this.jdbc = jdbc;
        this.positions = positions;
        this.accounts = accounts;
    }

    record EntryView(long sequence, String occurredAt, String type, String direction, String amount, String balanceAfter,
                     String currency, String trancheId, String reference) {
    }

    @GetMapping(path = "/api/tenants/{tenantId}/ledger", produces = "application/json")
    Paging.Page<EntryView> ledger(@PathVariable String tenantId, @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to, @RequestParam(required = false) Integer limit,
                                  @RequestParam(required = false) String after, @RequestParam(required = false) Long minSequence) {
        RequestFields.id(tenantId, "tenantId");
        Instant fromInstant = from == null ? null : instant(from, "from");
        Instant toInstant = to == null ? null : instant(to, "to");
        int pageSize = Paging.limit(limit);
        long cursor = Paging.after(after);
        positions.awaitSequence(LedgerProjection.PROCESSOR, minSequence);
        if (!accounts.exists(tenantId)) {
            throw new LedgerException(ErrorCode.ACCOUNT_NOT_FOUND, "This tenant has no credit account");
        }
        StringBuilder sql = new StringBuilder("SELECT sequence, occurred_at, entry_type, direction, amount_minor, currency, "
                + "balance_after_minor, tranche_id, reference FROM rm_ledger_entry WHERE tenant_id = ? AND sequence > ?");
        List<Object> arguments = new ArrayList<>(List.of(tenantId, cursor));
        if (fromInstant != null) {
            sql.append(" AND occurred_at >= ?");
            arguments.add(Timestamp.from(fromInstant));
        }
        if (toInstant != null) {
            sql.append(" AND occurred_at < ?");
            arguments.add(Timestamp.from(toInstant));
        }
        sql.append(" ORDER BY sequence FETCH FIRST ").append(pageSize + 1).append(" ROWS ONLY");
        List<EntryView> rows = jdbc.query(sql.toString(), (rs, n) -> {
            String currency = rs.getString(6);
            return new EntryView(rs.getLong(1), rs.getTimestamp(2).toInstant().toString(), rs.getString(3), rs.getString(4),
                    Money.ofMinor(rs.getLong(5), currency).toPlainString(), Money.ofMinor(rs.getLong(7), currency).toPlainString(),
                    currency, rs.getString(8), rs.getString(9));
        }, arguments.toArray());
        return Paging.of(rows, pageSize, EntryView::sequence);
    }

    private static Instant instant(String value, String name) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new LedgerException(ErrorCode.INVALID_INSTANT, name + " must be an ISO-8601 UTC instant such as 2026-11-25T10:00:00Z");
        }
    }
}
