package org.commcredits.ledger.query.statements;

import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsGranted;
import org.commcredits.ledger.api.creditaccount.FundsRefunded;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.PostpaidUsageRecorded;
import org.commcredits.ledger.api.creditaccount.UnfundedUsageRecorded;
import org.commcredits.ledger.query.history.AccountState;
import org.commcredits.ledger.query.history.CreditAccountEvents.Stored;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A tenant's month, in minor units (issue 12): the balance at the month's first instant, what moved it during the
 * month, and the balance at its last. A pure function of the account's events, with the same as-of fold as
 * {@code GET /balance?asOf=} (INV-RM-02, INV-RM-03), so {@code opening} and {@code closing} are the as-of balances
 * at the month's edges by construction, and {@link #reconciles()} checks that opening plus movements is closing.
 *
 * <p>A movement belongs to the month when it took effect in {@code (from, to]}: the as-of balance at an instant
 * includes what happened at that instant. A tranche that expired in the month (its expiry instant passed, or its
 * {@code TrancheExpired} took effect) forfeits what it had left at expiry.
 * Unfunded and postpaid usage are memos: they never move the balance.
 */
record MonthlyStatement(String currency, long opening, long purchases, long recharges, long grants, long refunds,
                        long usage, List<UsageLine> usageByPlanAndCountry, long expiries, long closing,
                        long unfundedMemo, long postpaidMemo, int fundings, int consumptions, int expiredTranches) {

    /** Credits used by calls of one plan (the pool kind, NONE when no pool applied) and destination country. */
    record UsageLine(String plan, String country, long amount, int charges) {
    }

    /** What a call was, for the usage breakdown; unknown when the usage read model has not seen it. */
    record CallFacts(String plan, String country) {
        static final CallFacts UNKNOWN = new CallFacts("UNKNOWN", "--");
    }

    boolean reconciles() {
        return opening + purchases + recharges + grants - refunds - usage - expiries == closing;
    }

    static MonthlyStatement of(List<Stored> events, String month, Instant from, Instant to,
                               Function<String, CallFacts> calls) {
        AccountState opened = AccountState.at(events, from);
        AccountState closed = AccountState.at(events, to);
        long purchases = 0;
        long recharges = 0;
        long grants = 0;
        long refunds = 0;
        long usage = 0;
        long unfunded = 0;
        long postpaid = 0;
        int fundings = 0;
        int consumptions = 0;
        Map<String, long[]> lines = new TreeMap<>();
        Map<String, CallFacts> facts = new TreeMap<>();
        for (Stored stored : events) {
            Object event = stored.payload();
            Instant at = AccountState.effectiveAt(event);
            if (event instanceof UnfundedUsageRecorded memo) {
                at = memo.occurredAt();
            }
            boolean inMonth = at != null && at.isAfter(from) && !at.isAfter(to);
            if (event instanceof PostpaidUsageRecorded memo && month.equals(memo.month())) {
                postpaid += memo.amount().minor(); // billed by the month it names
            }
            if (!inMonth) {
                continue;
            }
            if (event instanceof FundsAdded added) {
                fundings++;
                if (added.rechargeId() != null) {
                    recharges += added.amount().minor();
                } else {
                    purchases += added.amount().minor();
                }
            } else if (event instanceof FundsGranted granted) {
                grants += granted.amount().minor();
            } else if (event instanceof FundsRefunded refunded) {
                refunds += refunded.amount().minor();
            } else if (event instanceof FundsConsumed consumed) {
                consumptions++;
                usage += consumed.amount().minor();
                CallFacts call = facts.computeIfAbsent(consumed.reference(), reference -> {
                    CallFacts known = calls.apply(reference);
                    return known == null ? CallFacts.UNKNOWN : known;
                });
                long[] line = lines.computeIfAbsent(call.plan() + "|" + call.country(), key -> new long[2]);
                line[0] += consumed.amount().minor();
                line[1]++;
            } else if (event instanceof UnfundedUsageRecorded memo) {
                unfunded += memo.amount().minor();
            }
        }
        long expiries = 0;
        int expired = 0;
        for (AccountState.Tranche tranche : closed.tranches().values()) {
            AccountState.Tranche before = opened.tranches().get(tranche.trancheId);
            // Expired during the month, in the fold's own terms (its expiry instant passed, or a TrancheExpired
            // took effect): what it had left then is forfeited.
            if (tranche.expired && (before == null || !before.expired)) {
                expiries += tranche.remaining;
                expired++;
            }
        }
        List<UsageLine> usageLines = new ArrayList<>();
        lines.forEach((key, line) -> {
            String[] parts = key.split("\\|", 2);
            usageLines.add(new UsageLine(parts[0], parts[1], line[0], (int) line[1]));
        });
        return new MonthlyStatement(closed.currency(), opened.balance(), purchases, recharges, grants, refunds, usage, usageLines,
                expiries, closed.balance(), unfunded, postpaid, fundings, consumptions, expired);
    }
}
