package org.commcredits.ledger.query.balance;

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

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/tenants/{tenantId}/balance}: the balance and live tranches from the read model. Requests
 * with {@code ?asOf=} are answered from the events by {@code history.BalanceAsOfController}.
 */
@RestController
class BalanceController {

    private final JdbcTemplate jdbc;
    private final ProcessorPositions positions;
    private final Clock clock;

    BalanceController(JdbcTemplate jdbc, ProcessorPositions positions, Clock clock) {
        this.jdbc = jdbc;
        this.positions = positions;
        this.clock = clock;
    }

    /** {@code granted}: a goodwill grant rather than a purchase (INV-CA-21). */
    record TrancheView(String trancheId, String original, String remaining, String purchasedAt, String expiresAt,
                       boolean granted) {
    }

    /** {@code paid} and {@code granted}: the parts of the balance in purchased and in granted tranches (INV-CA-21). */
    record BalanceView(String tenantId, String currency, String balance, String available, List<TrancheView> tranches,
                       Map<String, Object> autoRecharge, String billingAgreement, String asOf, String paid, String granted) {
    }

    @GetMapping(path = "/api/tenants/{tenantId}/balance", produces = "application/json")
    BalanceView balance(@PathVariable String tenantId, @RequestParam(required = false) Long minSequence) {
        RequestFields.id(tenantId, "tenantId");
        positions.awaitSequence(BalanceProjection.PROCESSOR, minSequence);
        List<BalanceView> found = jdbc.query("SELECT currency, billing_agreement, balance_minor, held_minor, auto_recharge_enabled, "
                        + "auto_recharge_threshold_minor, auto_recharge_amount_minor, recharge_in_flight FROM rm_account WHERE tenant_id = ?",
                (rs, n) -> {
                    String currency = rs.getString(1);
                    Map<String, Object> autoRecharge = new LinkedHashMap<>();
                    autoRecharge.put("enabled", rs.getBoolean(5));
                    long threshold = rs.getLong(6);
                    if (!rs.wasNull()) {
                        autoRecharge.put("threshold", Money.ofMinor(threshold, currency).toPlainString());
                    }
                    long amount = rs.getLong(7);
                    if (!rs.wasNull()) {
                        autoRecharge.put("amount", Money.ofMinor(amount, currency).toPlainString());
                    }
                    autoRecharge.put("rechargeInFlight", rs.getString(8));
                    long balance = rs.getLong(3);
                    long[] granted = {0};
                    List<TrancheView> tranches = tranches(tenantId, currency, granted);
                    return new BalanceView(tenantId, currency, Money.ofMinor(balance, currency).toPlainString(),
                            Money.ofMinor(balance - rs.getLong(4), currency).toPlainString(),
                            tranches, autoRecharge, rs.getString(2), clock.instant().toString(),
                            Money.ofMinor(balance - granted[0], currency).toPlainString(),
                            Money.ofMinor(granted[0], currency).toPlainString());
                }, tenantId);
        if (found.isEmpty()) {
            throw new LedgerException(ErrorCode.ACCOUNT_NOT_FOUND, "This tenant has no credit account");
        }
        return found.get(0);
    }

    /** The live tranches in drawing order; adds what remains in granted ones to {@code granted[0]}. */
    private List<TrancheView> tranches(String tenantId, String currency, long[] granted) {
        return jdbc.query("SELECT tranche_id, original_minor, remaining_minor, purchased_at, expires_at, granted FROM rm_tranche "
                        + "WHERE tenant_id = ? AND expired = FALSE AND remaining_minor > 0 "
                        + "ORDER BY expires_at, purchased_at, tranche_id",
                (rs, n) -> {
                    if (rs.getBoolean(6)) {
                        granted[0] += rs.getLong(3);
                    }
                    return new TrancheView(rs.getString(1), Money.ofMinor(rs.getLong(2), currency).toPlainString(),
                            Money.ofMinor(rs.getLong(3), currency).toPlainString(),
                            rs.getTimestamp(4).toInstant().toString(), rs.getTimestamp(5).toInstant().toString(),
                            rs.getBoolean(6));
                },
                tenantId);
    }
}
