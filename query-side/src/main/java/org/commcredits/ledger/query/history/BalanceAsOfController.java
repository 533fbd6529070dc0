package org.commcredits.ledger.query.history;

import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.platform.web.RequestFields;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /api/tenants/{tenantId}/balance?asOf=instant}: the balance as it stood then, from events.
 *
 * <p>Mapped with {@code params = "asOf"} on the balance path, so Spring routes requests that carry
 * {@code asOf} here and all others to the live {@code BalanceController}, which stays untouched.
 * {@code minSequence} is accepted and needs no wait: the event store is always current.
 */
@RestController
class BalanceAsOfController {

    private final BalanceHistory history;
    private final Clock clock;

    BalanceAsOfController(BalanceHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    @GetMapping(path = "/api/tenants/{tenantId}/balance", params = "asOf", produces = "application/json")
    BalanceHistory.BalanceView balanceAsOf(@PathVariable String tenantId, @RequestParam String asOf,
                                           @RequestParam(required = false) Long minSequence) {
        RequestFields.id(tenantId, "tenantId");
        Instant instant = instant(asOf, "asOf");
        if (instant.isAfter(clock.instant())) {
            throw new LedgerException(ErrorCode.INVALID_INSTANT, "asOf must not be in the future");
        }
        return history.balanceAt(tenantId, instant);
    }

    static Instant instant(String value, String name) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new LedgerException(ErrorCode.INVALID_INSTANT, name + " must be an ISO-8601 UTC instant such as 2026-11-25T10:00:00Z");
        }
    }
}
