package org.commcredits.ledger.query.history;

import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.money.Money;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The balance and tranches of a tenant as they stood at an instant, rebuilt from the event store and
 * never from a mutable row (INV-RM-02). Only events whose business instant is not after {@code asOf}
 * count, applied in stream order; tranches whose expiry instant has passed count as expired (INV-RM-03).
 */
@Component
public class BalanceHistory {

    /** The answer, shaped like {@code GET /balance}. */
    public record TrancheView(String trancheId, String original, String remaining, String purchasedAt, String expiresAt,
                              boolean granted) {
    }

    /** {@code paid} and {@code granted}: the parts of the balance in purchased and in granted tranches (INV-CA-21). */
    public record BalanceView(String tenantId, String currency, String balance, String available, List<TrancheView> tranches,
                              Map<String, Object> autoRecharge, String billingAgreement, String asOf, long sequence,
                              String paid, String granted) {
    }

    private final CreditAccountEvents events;

    public BalanceHistory(CreditAccountEvents events) {
        this.events = events;
    }

    /** Folds the account up to {@code asOf}; empty ({@link AccountState#opened()} false) before it was opened. */
    public AccountState stateAt(String tenantId, Instant asOf) {
        AccountState state = new AccountState();
        events.streamWhile(tenantId, AccountState.TYPES, stored -> state.offer(stored, asOf));
        state.expireUpTo(asOf);
        return state;
    }

    public BalanceView balanceAt(String tenantId, Instant asOf) {
        AccountState state = stateAt(tenantId, asOf);
        if (!state.opened()) {
            throw new LedgerException(ErrorCode.ACCOUNT_NOT_FOUND, "This tenant had no credit account at " + asOf);
        }
        String currency = state.currency();
        List<TrancheView> tranches = state.liveTranches().stream()
                .map(t -> new TrancheView(t.trancheId, money(t.original, currency), money(t.remaining, currency),
                        t.purchasedAt.toString(), t.expiresAt.toString(), t.granted))
                .toList();
        Map<String, Object> autoRecharge = new LinkedHashMap<>();
        autoRecharge.put("enabled", state.autoRechargeEnabled());
        if (state.autoRechargeThreshold() != null) {
            autoRecharge.put("threshold", money(state.autoRechargeThreshold(), currency));
        }
        if (state.autoRechargeAmount() != null) {
            autoRecharge.put("amount", money(state.autoRechargeAmount(), currency));
        }
        long balance = state.balance();
        return new BalanceView(tenantId, currency, money(balance, currency), money(balance - state.held(), currency),
                tranches, autoRecharge, state.billingAgreement(), asOf.toString(), state.lastSequence(),
                money(balance - state.granted(), currency), money(state.granted(), currency));
    }

    private static String money(long minor, String currency) {
        return Money.ofMinor(minor, currency).toPlainString();
    }
}
