package org.commcredits.ledger.query.statements;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.creditaccount.CreditAccountOpened;
import org.commcredits.ledger.api.creditaccount.FundingSource;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.creditaccount.TranchePortion;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.query.history.AccountState;
import org.commcredits.ledger.query.history.CreditAccountEvents.Stored;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * INV-ST-01 over random histories: fundings, FIFO charges and expiries (some written as TrancheExpired, some
 * not yet swept) over up to 30 months, read in a time zone east or west of UTC. For every month: opening plus
 * movements equals closing; the opening is the as-of balance at the month's first instant and the closing the
 * as-of balance at the next month's; one month's closing is the next month's opening; and each movement equals
 * a reference model's sum computed separately from the generated history.
 */
class MonthlyStatementPropertyTest {

    private static final TenantId TENANT = TenantId.of("prop");
    private static final Instant T0 = Instant.parse("2025-01-15T10:00:00Z");

    record Step(int kind, long minor, int hours) {
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.longs().between(1, 30_000),
                Arbitraries.integers().between(1, 24 * 45)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 1_000)
    void openingPlusMovementsIsClosing(@ForAll("histories") List<Step> steps,
                                       @ForAll("zones") String zoneId) {
        ZoneId zone = ZoneId.of(zoneId);
        List<Stored> events = new ArrayList<>();
        long sequence = 0;
        events.add(new Stored(++sequence, new CreditAccountOpened(TENANT, "USD", BillingAgreement.DIRECT, T0, "prop")));
        List<long[]> remaining = new ArrayList<>();   // per tranche: [remaining]
        List<Instant> expiries = new ArrayList<>();
        List<Boolean> swept = new ArrayList<>();
        List<Object[]> reference = new ArrayList<>(); // [instant, kind ("add","use","expire"), minor]
        Instant now = T0;
        int tranche = 0;
        for (Step step : steps) {
            now = now.plus(Duration.ofHours(step.hours()));
            for (int t = 0; t < remaining.size(); t++) {
                if (!swept.get(t) && !expiries.get(t).isAfter(now)) {
                    swept.set(t, true);
                    reference.add(new Object[] {expiries.get(t), "expire", remaining.get(t)[0]});
                    if (step.kind() % 2 == 0) { // the sweep wrote it (else it is implicit in the as-of fold)
                        events.add(new Stored(++sequence, new TrancheExpired(TENANT, "tr-" + t, usd(remaining.get(t)[0]),
                                usd(balance(remaining, swept)), expiries.get(t))));
                    }
                    remaining.get(t)[0] = 0;
                }
            }
            if (step.kind() < 4) {
                long amount = 5_000 + step.minor();
                Instant expires = now.atZone(ZoneOffset.UTC).plusMonths(12).toInstant();
                remaining.add(new long[] {amount});
                expiries.add(expires);
                swept.add(false);
                events.add(new Stored(++sequence, new FundsAdded(TENANT, "tr-" + tranche, usd(amount), now, expires, "inv-" + tranche,
                        step.kind() == 0 ? FundingSource.AUTO_RECHARGE : FundingSource.MANUAL,
                        step.kind() == 0 ? "r-" + tranche : null, usd(balance(remaining, swept)))));
                reference.add(new Object[] {now, step.kind() == 0 ? "recharge" : "add", amount});
                tranche++;
            } else {
                long wanted = Math.min(step.minor(), balance(remaining, swept));
                if (wanted == 0) {
                    continue;
                }
                List<TranchePortion> portions = new ArrayList<>();
                long left = wanted;
                for (int t = 0; t < remaining.size() && left > 0; t++) {
                    long take = swept.get(t) ? 0 : Math.min(left, remaining.get(t)[0]);
                    if (take > 0) {
                        remaining.get(t)[0] -= take;
                        left -= take;
                        portions.add(new TranchePortion("tr-" + t, usd(take), usd(remaining.get(t)[0])));
                    }
                }
                events.add(new Stored(++sequence, new FundsConsumed(TENANT, "c-" + sequence, "call-" + sequence, null, usd(wanted),
                        portions, usd(balance(remaining, swept)), now)));
                reference.add(new Object[] {now, "use", wanted});
            }
        }
        for (int t = 0; t < remaining.size(); t++) {
            if (!swept.get(t)) { // expires after the history ends: forfeits what it has left then
                reference.add(new Object[] {expiries.get(t), "expire", remaining.get(t)[0]});
            }
        }
        YearMonth first = YearMonth.from(T0.atZone(zone));
        YearMonth last = YearMonth.from(now.plus(Duration.ofDays(400)).atZone(zone));
        Long previousClosing = null;
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
            Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
            MonthlyStatement statement = MonthlyStatement.of(events, month.toString(), from, to,
                    call -> new MonthlyStatement.CallFacts("NONE", "US"));
            assertThat(statement.reconciles()).as("%s: %s", month, statement).isTrue();
            assertThat(statement.opening()).as("opening = as-of at the first instant").isEqualTo(AccountState.at(events, from).balance());
            assertThat(statement.closing()).as("closing = as-of at the next month's first instant").isEqualTo(AccountState.at(events, to).balance());
            if (previousClosing != null) {
                assertThat(statement.opening()).as("%s opens where the month before closed", month).isEqualTo(previousClosing);
            }
            previousClosing = statement.closing();
            assertThat(statement.purchases()).isEqualTo(sum(reference, "add", from, to));
            assertThat(statement.recharges()).isEqualTo(sum(reference, "recharge", from, to));
            assertThat(statement.usage()).isEqualTo(sum(reference, "use", from, to));
            assertThat(statement.expiries()).isEqualTo(sum(reference, "expire", from, to));
            assertThat(statement.usageByPlanAndCountry().stream().mapToLong(MonthlyStatement.UsageLine::amount).sum())
                    .isEqualTo(statement.usage());
        }
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of("UTC", "America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "Pacific/Auckland");
    }

    private static long sum(List<Object[]> reference, String kind, Instant from, Instant to) {
        long sum = 0;
        for (Object[] entry : reference) {
            Instant at = (Instant) entry[0];
            if (entry[1].equals(kind) && at.isAfter(from) && !at.isAfter(to)) {
                sum += (long) entry[2];
            }
        }
        return sum;
    }

    private static long balance(List<long[]> remaining, List<Boolean> swept) {
        long sum = 0;
        for (int t = 0; t < remaining.size(); t++) {
            sum += swept.get(t) ? 0 : remaining.get(t)[0];
        }
        return sum;
    }

    private static Money usd(long minor) {
        return Money.ofMinor(minor, "USD");
    }

}
