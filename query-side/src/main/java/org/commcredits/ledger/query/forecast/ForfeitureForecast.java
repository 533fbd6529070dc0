package org.commcredits.ledger.query.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What the balance will do if the tenant keeps spending as it did over the last 30 days (issue 12): per tranche,
 * how much is projected to expire unused and when it is used up; the day the balance falls below the threshold
 * (the auto-recharge threshold); and the auto-recharges expected in the next 90 days. A pure function, day by day
 * in UTC: each day tranches that expired are forfeited, then one day's burn is drawn soonest-expiring first, then
 * an auto-recharge adds its amount (a tranche expiring 12 months later) if the balance fell below the threshold.
 *
 * <p>Exact in integers: amounts are carried in thirtieths of a minor unit, so the daily burn (the 30 days' spend
 * divided by 30) needs no rounding; results are rounded down to whole minor units.
 */
public final class ForfeitureForecast {

    static final int SIMULATED_DAYS = 400;
    static final int RECHARGE_HORIZON_DAYS = 90;

    /** A live tranche as it stands now. */
    public record Tranche(String trancheId, long remaining, Instant expiresAt) {
    }

    /** Auto-recharge settings; {@code threshold} and {@code amount} are null when off. */
    public record AutoRecharge(boolean enabled, Long threshold, Long amount) {
        public static final AutoRecharge OFF = new AutoRecharge(false, null, null);
    }

    public record TrancheForecast(String trancheId, long remaining, Instant expiresAt, long projectedForfeit,
                                  LocalDate projectedUsedUpOn) {
    }

    public record ExpectedRecharge(LocalDate on, long amount) {
    }

    public record Result(long spentLast30Days, List<TrancheForecast> tranches, long projectedForfeitTotal,
                         LocalDate belowThresholdOn, LocalDate depletedOn, List<ExpectedRecharge> expectedRecharges) {
    }

    private ForfeitureForecast() {
    }

    /** @param tranches the live tranches, in any order; drawn soonest-expiring first, as the ledger draws them */
    public static Result of(List<Tranche> tranches, long spentLast30Days, AutoRecharge autoRecharge, Instant now) {
        List<long[]> left = new ArrayList<>();           // remaining, in thirtieths
        List<Instant> expiries = new ArrayList<>();
        List<Tranche> sorted = new ArrayList<>(tranches);
        sorted.sort((a, b) -> a.expiresAt().equals(b.expiresAt()) ? a.trancheId().compareTo(b.trancheId())
                : a.expiresAt().compareTo(b.expiresAt()));
        for (Tranche tranche : sorted) {
            left.add(new long[] {tranche.remaining() * 30});
            expiries.add(tranche.expiresAt());
        }
        int known = sorted.size();
        long[] forfeit = new long[known];
        LocalDate[] usedUp = new LocalDate[known];
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate belowThreshold = null;
        LocalDate depleted = null;
        List<ExpectedRecharge> recharges = new ArrayList<>();
        long burn = spentLast30Days; // per day, in thirtieths
        long threshold = autoRecharge.enabled() && autoRecharge.threshold() != null ? autoRecharge.threshold() * 30 : -1;
        for (int day = 1; day <= SIMULATED_DAYS; day++) {
            LocalDate date = today.plusDays(day);
            Instant endOfDay = date.atStartOfDay(ZoneOffset.UTC).toInstant();
            for (int t = 0; t < left.size(); t++) {
                if (!expiries.get(t).isAfter(endOfDay) && left.get(t)[0] > 0) {
                    if (t < known) {
                        forfeit[t] = left.get(t)[0] / 30;
                    }
                    left.get(t)[0] = 0;
                }
            }
            long need = burn;
            for (int t = 0; t < left.size() && need > 0; t++) {
                if (!expiries.get(t).isAfter(endOfDay)) {
                    continue;
                }
                long take = Math.min(need, left.get(t)[0]);
                left.get(t)[0] -= take;
                need -= take;
                if (take > 0 && left.get(t)[0] == 0 && t < known && usedUp[t] == null) {
                    usedUp[t] = date;
                }
            }
            long balance = 0;
            for (long[] remaining : left) {
                balance += remaining[0];
            }
            if (depleted == null && burn > 0 && balance == 0) {
                depleted = date;
            }
            if (threshold >= 0 && balance < threshold) {
                if (belowThreshold == null) {
                    belowThreshold = date;
                }
                if (autoRecharge.amount() != null) {
                    if (day <= RECHARGE_HORIZON_DAYS) {
                        recharges.add(new ExpectedRecharge(date, autoRecharge.amount()));
                    }
                    left.add(new long[] {autoRecharge.amount() * 30});
                    expiries.add(date.plusYears(1).atStartOfDay(ZoneOffset.UTC).toInstant());
                    // keep soonest-expiring first: a recharge expires after every tranche already held
                }
            }
        }
        List<TrancheForecast> result = new ArrayList<>();
        long total = 0;
        for (int t = 0; t < known; t++) {
            Tranche tranche = sorted.get(t);
            result.add(new TrancheForecast(tranche.trancheId(), tranche.remaining(), tranche.expiresAt(), forfeit[t], usedUp[t]));
            total += forfeit[t];
        }
        return new Result(spentLast30Days, result, total, belowThreshold, depleted, List.copyOf(recharges));
    }
}
