package org.commcredits.ledger.query.forecast;

import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.platform.web.RequestFields;
import org.commcredits.ledger.query.history.AccountState;
import org.commcredits.ledger.query.history.CreditAccountEvents;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/tenants/{tenantId}/forecast}: the forfeiture forecast at the trailing 30-day burn rate
 * (docs/forecast.md). The account as it stands now and its last 30 days of consumption come from the event store,
 * folded like the as-of balance; the projection itself is {@link ForfeitureForecast}, a pure function.
 */
@RestController
class ForecastController {

    private final CreditAccountEvents events;
    private final Clock clock;

    ForecastController(CreditAccountEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @GetMapping(path = "/api/tenants/{tenantId}/forecast", produces = "application/json")
    Map<String, Object> forecast(@PathVariable String tenantId) {
        RequestFields.id(tenantId, "tenantId");
        Instant now = clock.instant();
        List<CreditAccountEvents.Stored> stored = events.all(tenantId);
        AccountState state = AccountState.at(stored, now);
        if (!state.opened()) {
            throw new LedgerException(ErrorCode.ACCOUNT_NOT_FOUND, "This tenant has no credit account");
        }
        Instant since = now.minus(Duration.ofDays(30));
        long spent = 0;
        for (CreditAccountEvents.Stored event : stored) {
            if (event.payload() instanceof FundsConsumed consumed && consumed.occurredAt().isAfter(since)
                    && !consumed.occurredAt().isAfter(now)) {
                spent += consumed.amount().minor();
            }
        }
        List<ForfeitureForecast.Tranche> live = new ArrayList<>();
        for (AccountState.Tranche tranche : state.liveTranches()) {
            live.add(new ForfeitureForecast.Tranche(tranche.trancheId, tranche.remaining, tranche.expiresAt));
        }
        ForfeitureForecast.AutoRecharge recharge = state.autoRechargeEnabled()
                ? new ForfeitureForecast.AutoRecharge(true, state.autoRechargeThreshold(), state.autoRechargeAmount())
                : ForfeitureForecast.AutoRecharge.OFF;
        ForfeitureForecast.Result result = ForfeitureForecast.of(live, spent, recharge, now);
        String currency = state.currency();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("tenantId", tenantId);
        answer.put("asOf", now.toString());
        answer.put("currency", currency);
        answer.put("balance", money(state.balance(), currency));
        answer.put("basis", "spend of the last 30 days, drawn soonest-expiring first");
        answer.put("spentLast30Days", money(result.spentLast30Days(), currency));
        java.math.BigDecimal spent30 = Money.ofMinor(result.spentLast30Days(), currency).toDecimal();
        answer.put("burnPerDay", spent30.divide(java.math.BigDecimal.valueOf(30), spent30.scale(), java.math.RoundingMode.HALF_UP)
                .toPlainString());
        List<Map<String, Object>> tranches = new ArrayList<>();
        for (ForfeitureForecast.TrancheForecast tranche : result.tranches()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("trancheId", tranche.trancheId());
            row.put("remaining", money(tranche.remaining(), currency));
            row.put("expiresAt", tranche.expiresAt().toString());
            row.put("projectedForfeit", money(tranche.projectedForfeit(), currency));
            row.put("projectedUsedUpOn", tranche.projectedUsedUpOn() == null ? null : tranche.projectedUsedUpOn().toString());
            tranches.add(row);
        }
        answer.put("tranches", tranches);
        answer.put("projectedForfeitTotal", money(result.projectedForfeitTotal(), currency));
        answer.put("threshold", recharge.enabled() && recharge.threshold() != null ? money(recharge.threshold(), currency) : null);
        answer.put("belowThresholdOn", result.belowThresholdOn() == null ? null : result.belowThresholdOn().toString());
        answer.put("depletedOn", result.depletedOn() == null ? null : result.depletedOn().toString());
        List<Map<String, Object>> recharges = new ArrayList<>();
        for (ForfeitureForecast.ExpectedRecharge expected : result.expectedRecharges()) {
            recharges.add(Map.of("on", expected.on().toString(), "amount", money(expected.amount(), currency)));
        }
        answer.put("expectedRechargesNext90Days", recharges);
        return answer;
    }

    private static String money(long minor, String currency) {
        return Money.ofMinor(minor, currency).toPlainString();
    }
}
