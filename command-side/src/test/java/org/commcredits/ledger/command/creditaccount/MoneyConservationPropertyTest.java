package org.commcredits.ledger.command.creditaccount;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.commcredits.ledger.api.creditaccount.AccountStanding;
import org.commcredits.ledger.api.creditaccount.AddFunds;
import org.commcredits.ledger.api.creditaccount.AttemptRecharge;
import org.commcredits.ledger.api.creditaccount.ChangeBillingAgreement;
import org.commcredits.ledger.api.creditaccount.ConfigureAutoRecharge;
import org.commcredits.ledger.api.creditaccount.PostpaidUsageRecorded;
import org.commcredits.ledger.api.creditaccount.RechargeCancelled;
import org.commcredits.ledger.api.creditaccount.RechargeFailed;
import org.commcredits.ledger.api.creditaccount.RechargeTriggered;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.creditaccount.ChargeUsage;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsGranted;
import org.commcredits.ledger.api.creditaccount.FundsRefunded;
import org.commcredits.ledger.api.creditaccount.GrantFunds;
import org.commcredits.ledger.api.creditaccount.RefundTranche;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.FundsReserved;
import org.commcredits.ledger.api.creditaccount.OpenCreditAccount;
import org.commcredits.ledger.api.creditaccount.ProcessDueWork;
import org.commcredits.ledger.api.creditaccount.ReleaseReservation;
import org.commcredits.ledger.api.creditaccount.ReservationReleased;
import org.commcredits.ledger.api.creditaccount.ReserveFunds;
import org.commcredits.ledger.api.creditaccount.SetPaymentMethod;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.creditaccount.TrancheHold;
import org.commcredits.ledger.api.creditaccount.TranchePortion;
import org.commcredits.ledger.api.creditaccount.UnfundedUsageRecorded;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.command.payment.PaymentProvider;
import org.commcredits.ledger.command.payment.SandboxPaymentProvider;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Random command sequences on a real Axon command bus and event store (in memory), checked after every
 * command against a plain reference model:
 *
 * <ul>
 *   <li>INV-CA-16 money conservation: sum of {@code FundsAdded} + sum of {@code FundsGranted} = balance + sum of
 *       {@code FundsConsumed} + sum of {@code TrancheExpired.forfeited} + sum of {@code FundsRefunded}; held funds are
 *       part of the balance, and 0 <= available <= balance;</li>
 *   <li>INV-CA-21: grants with random expiries are drawn soonest expiry first; INV-CA-22: a refund gives back exactly
 *       the model's unheld remainder of a paid tranche, or is refused when there is none;</li>
 *   <li>INV-CA-04 FIFO: every charge's portions and every reservation's holds equal the reference model's
 *       oldest-first allocation over available funds; INV-CA-05: expiry forfeits exactly what the model has left;</li>
 *   <li>INV-CA-11: a charge is fully accounted for (from credits + unfunded or postpaid = amount), the balance never
 *       negative; INV-CA-13: the remainder is postpaid exactly when the account is on MCA.</li>
 *   <li>Auto-recharge (on in half the tries) and recharge attempts add tranches like any funding.</li>
 * </ul>
 */
class MoneyConservationPropertyTest {

    private static final MutableClock CLOCK = new MutableClock(CreditAccountFixtures.T0);
    private static final AtomicInteger TENANTS = new AtomicInteger();
    private static Configuration axon;

    sealed interface Action permits Fund, Charge, Reserve, Release, Settle, Advance, Recharge, SwitchToMca, Grant, Refund {
    }

    /** A goodwill grant expiring after {@code days} (capped at the 12 months a grant may last). */
    record Grant(long minor, int days) implements Action {
    }

    /** A refund of one of the paid tranches the model knows (live or gone). */
    record Refund(int pick) implements Action {
    }

    /** Sends {@code AttemptRecharge} for the recharge in flight, if any (the sweeper's job in production). */
    record Recharge() implements Action {
    }

    /** Turns auto-recharge off and moves the account to MCA: no more purchases, the rest is postpaid. */
    record SwitchToMca() implements Action {
    }

    record Fund(long minor) implements Action {
    }

    record Charge(long minor) implements Action {
    }

    record Reserve(long minor, boolean partial) implements Action {
    }

    record Release(int pick) implements Action {
    }

    record Settle(int pick, long minor) implements Action {
    }

    record Advance(int hours) implements Action {
    }

    @Provide
    Arbitrary<List<Action>> sequences() {
        Arbitrary<Action> fund = Arbitraries.longs().between(5_000, 40_000).map(Fund::new);
        Arbitrary<Action> charge = Arbitraries.longs().between(0, 30_000).map(Charge::new);
        Arbitrary<Action> reserve = net.jqwik.api.Combinators.combine(Arbitraries.longs().between(1, 20_000),
                Arbitraries.of(true, false)).as(Reserve::new);
        Arbitrary<Action> release = Arbitraries.integers().between(0, 10).map(Release::new);
        Arbitrary<Action> settle = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 10),
                Arbitraries.longs().between(0, 25_000)).as(Settle::new);
        Arbitrary<Action> advance = Arbitraries.integers().between(1, 24 * 200).map(Advance::new);
        Arbitrary<Action> grant = net.jqwik.api.Combinators.combine(Arbitraries.longs().between(1, 20_000),
                Arbitraries.integers().between(1, 400)).as(Grant::new);
        Arbitrary<Action> refund = Arbitraries.integers().between(0, 10).map(Refund::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, fund), net.jqwik.api.Tuple.of(4, charge), net.jqwik.api.Tuple.of(2, reserve),
                net.jqwik.api.Tuple.of(1, release), net.jqwik.api.Tuple.of(2, settle), net.jqwik.api.Tuple.of(2, advance),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new Recharge())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new SwitchToMca())),
                net.jqwik.api.Tuple.of(2, grant), net.jqwik.api.Tuple.of(1, refund))
                .list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 10_000)
    void conservesMoneyAndDrawsOldestFirst(@ForAll("sequences") List<Action> actions, @ForAll boolean autoRecharge) {
        int number = TENANTS.incrementAndGet();
        if (number % 25 == 0) {
            shutDown(); // the in-memory store scans every event to load one aggregate: keep it small over 10,000 tries
        }
        CommandGateway commands = axon().commandGateway();
        CLOCK.set(CreditAccountFixtures.T0);
        TenantId tenant = TenantId.of("prop-" + number);
        commands.sendAndWait(new OpenCreditAccount(tenant, "USD", BillingAgreement.DIRECT, "prop"));
        commands.sendAndWait(new SetPaymentMethod(tenant, "CARD", SandboxPaymentProvider.PAYS, "prop"));
        if (autoRecharge) {
            commands.sendAndWait(new ConfigureAutoRecharge(tenant, true, new BigDecimal("100.00"), new BigDecimal("50.00"), "prop"));
        }
        Reference model = new Reference();
        List<String> reservations = new ArrayList<>();
        int seen = events(tenant).size();
        int step = 0;
        for (Action action : actions) {
            step++;
            Instant now = CLOCK.instant();
            if (action instanceof Fund fund && model.mca) {
                assertThatThrownBy(() -> commands.sendAndWait(new AddFunds(tenant, "tr-x", "inv-x",
                        BigDecimal.valueOf(fund.minor(), 2), "prop"))).isInstanceOf(LedgerException.class);
            } else if (action instanceof Fund fund) {
                model.catchUp(now);
                commands.sendAndWait(new AddFunds(tenant, "tr-" + step, "inv-" + step,
                        BigDecimal.valueOf(fund.minor(), 2), "prop"));
                model.fund("tr-" + step, fund.minor(), now);
            } else if (action instanceof Recharge) {
                String pending = pendingRecharge(events(tenant));
                if (pending != null) {
                    model.catchUp(now);
                    commands.sendAndWait(new AttemptRecharge(tenant, pending));
                    model.fund(pending + "-tranche", 5_000, now);
                }
            } else if (action instanceof SwitchToMca && !model.mca) {
                commands.sendAndWait(new ConfigureAutoRecharge(tenant, false, null, null, "prop"));
                model.catchUp(now);
                commands.sendAndWait(new ChangeBillingAgreement(tenant, BillingAgreement.MCA, "prop"));
                model.mca = true;
            } else if (action instanceof Charge charge) {
                model.catchUp(now);
                commands.sendAndWait(new ChargeUsage(tenant, "c-" + step, "call-" + step, null, usd(charge.minor())));
                model.charge("c-" + step, charge.minor(), null);
            } else if (action instanceof Reserve reserve) {
                model.catchUp(now);
                FundsReserved reserved = commands.sendAndWait(new ReserveFunds(tenant, "r-" + step, usd(reserve.minor()),
                        reserve.partial(), now.plus(Duration.ofHours(2))));
                List<TrancheHold> expected = model.reserve("r-" + step, reserve.minor(), reserve.partial(), now.plus(Duration.ofHours(2)));
                assertThat(reserved == null ? null : reserved.holds()).as("INV-CA-10 holds, FIFO").isEqualTo(expected);
                reservations.add("r-" + step);
            } else if (action instanceof Release release && !reservations.isEmpty()) {
                model.catchUp(now);
                String id = reservations.get(release.pick() % reservations.size());
                commands.sendAndWait(new ReleaseReservation(tenant, id, ReservationReleased.Reason.RELEASED));
                model.release(id);
            } else if (action instanceof Settle settle && !reservations.isEmpty()) {
                model.catchUp(now);
                String id = reservations.get(settle.pick() % reservations.size());
                commands.sendAndWait(new ChargeUsage(tenant, "c-" + step, "call-" + step, id, usd(settle.minor())));
                model.charge("c-" + step, settle.minor(), id);
            } else if (action instanceof Grant grant) {
                model.catchUp(now);
                Instant latest = FundingRules.expiryOf(now);
                Instant expiresAt = now.plus(Duration.ofDays(grant.days()));
                expiresAt = expiresAt.isAfter(latest) ? latest : expiresAt;
                commands.sendAndWait(new GrantFunds(tenant, "gr-" + step, BigDecimal.valueOf(grant.minor(), 2), "prop",
                        expiresAt, "prop"));
                model.grant("gr-" + step, grant.minor(), expiresAt);
            } else if (action instanceof Refund refund && !model.paid.isEmpty()) {
                model.catchUp(now);
                String id = model.paid.get(refund.pick() % model.paid.size());
                long expected = model.refundable(id);
                String creditNote = "cn-" + step;
                if (expected > 0) {
                    FundsRefunded refunded = commands.sendAndWait(new RefundTranche(tenant, id, creditNote, "prop", "prop"));
                    assertThat(refunded.amount().minor()).as("INV-CA-22 the unheld remainder").isEqualTo(expected);
                    model.refund(id);
                } else {
                    assertThatThrownBy(() -> commands.sendAndWait(new RefundTranche(tenant, id, creditNote, "prop", "prop")))
                            .as("INV-CA-22 nothing to refund").isInstanceOf(LedgerException.class);
                }
            } else if (action instanceof Advance advance) {
                CLOCK.advance(Duration.ofHours(advance.hours()));
                commands.sendAndWait(new ProcessDueWork(tenant));
                model.catchUp(CLOCK.instant());
            }
            List<Object> all = events(tenant);
            check(tenant, model, all.subList(seen, all.size()), all);
            seen = all.size();
        }
    }

    private void check(TenantId tenant, Reference model, List<Object> fresh, List<Object> all) {
        List<List<String>> portions = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        long unfunded = 0;
        for (Object event : fresh) {
            if (event instanceof PostpaidUsageRecorded postpaid) {
                assertThat(model.mca).as("INV-CA-13 postpaid only on MCA").isTrue();
                unfunded += postpaid.amount().minor();
            }
            if (event instanceof UnfundedUsageRecorded) {
                assertThat(model.mca).as("INV-CA-13 never unfunded on MCA").isFalse();
            }
            if (event instanceof FundsConsumed consumed) {
                portions.add(consumed.portions().stream().map(p -> p.trancheId() + "=" + p.amount().minor()).toList());
                assertThat(consumed.portions().stream().mapToLong(p -> p.amount().minor()).sum()).isEqualTo(consumed.amount().minor());
            } else if (event instanceof TrancheExpired expiry) {
                expired.add(expiry.trancheId() + "=" + expiry.forfeited().minor());
            } else if (event instanceof UnfundedUsageRecorded rest) {
                unfunded += rest.amount().minor();
            }
        }
        assertThat(portions).as("INV-CA-04 FIFO portions").isEqualTo(model.takePortions());
        assertThat(expired).as("INV-CA-05 forfeited at expiry").isEqualTo(model.takeExpired());
        assertThat(unfunded).as("INV-CA-11 unfunded remainder").isEqualTo(model.takeUnfunded());

        long added = sum(all, FundsAdded.class, e -> e.amount().minor()) + sum(all, FundsGranted.class, e -> e.amount().minor());
        long refunded = sum(all, FundsRefunded.class, e -> e.amount().minor());
        long consumed = sum(all, FundsConsumed.class, e -> e.amount().minor());
        long forfeited = sum(all, TrancheExpired.class, e -> e.forfeited().minor());
        AccountStanding standing = standing(tenant);
        assertThat(added).as("INV-CA-16 added + granted = balance + consumed + forfeited + refunded")
                .isEqualTo(standing.balance().minor() + consumed + forfeited + refunded);
        assertThat(standing.balance().minor()).isEqualTo(model.balance()).isNotNegative();
        assertThat(standing.available().minor()).isEqualTo(model.available()).isBetween(0L, standing.balance().minor());
    }

    /** The recharge in flight according to the events: triggered and not yet ended. */
    private static String pendingRecharge(List<Object> events) {
        String pending = null;
        for (Object event : events) {
            if (event instanceof RechargeTriggered triggered) {
                pending = triggered.rechargeId();
            } else if (event instanceof FundsAdded added && added.rechargeId() != null
                    || event instanceof RechargeCancelled
                    || event instanceof RechargeFailed failed && failed.nextAttemptAt() == null) {
                pending = null;
            }
        }
        return pending;
    }

    private static <E> long sum(List<Object> events, Class<E> type, java.util.function.ToLongFunction<E> amount) {
        return events.stream().filter(type::isInstance).map(type::cast).mapToLong(amount).sum();
    }

    private static Money usd(long minor) {
        return Money.ofMinor(minor, "USD");
    }

    private static List<Object> events(TenantId tenant) {
        List<Object> events = new ArrayList<>();
        axon().eventStore().readEvents(tenant.creditAccountAggregateId(), 0).asStream()
                .map(DomainEventMessage::getPayload).forEach(events::add);
        return events;
    }

    @SuppressWarnings("unchecked")
    private static AccountStanding standing(TenantId tenant) {
        AtomicReference<AccountStanding> standing = new AtomicReference<>();
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        axon().repository(CreditAccount.class).load(tenant.creditAccountAggregateId())
                .execute(account -> standing.set(account.standingAt(CLOCK.instant())));
        unitOfWork.rollback();
        return standing.get();
    }

    private static synchronized Configuration axon() {
        if (axon == null) {
            axon = DefaultConfigurer.defaultConfiguration()
                    .configureAggregate(CreditAccount.class)
                    .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                    .registerComponent(Clock.class, c -> CLOCK)
                    .registerComponent(PaymentProvider.class, c -> new SandboxPaymentProvider(Duration.ZERO))
                    .registerComponent(CreditAccountPolicy.class, c -> CreditAccountPolicy.defaults())
                    .buildConfiguration();
            axon.start();
        }
        return axon;
    }

    @AfterContainer
    static synchronized void shutDown() {
        if (axon != null) {
            axon.shutdown();
            axon = null;
        }
    }

    /** The reference: tranches oldest first, holds per reservation, nothing but lists and longs. */
    private static final class Reference {

        private final List<long[]> remaining = new ArrayList<>();     // [remaining]
        private final List<String> ids = new ArrayList<>();
        private final List<Instant> expiries = new ArrayList<>();
        private final Map<String, Map<String, Long>> holds = new LinkedHashMap<>();
        private final Map<String, Instant> holdExpiries = new LinkedHashMap<>();
        private List<List<String>> portions = new ArrayList<>();
        private List<String> expired = new ArrayList<>();
        private long unfunded;
        boolean mca;

        /** Paid tranches ever added, live or gone: refund candidates. */
        final List<String> paid = new ArrayList<>();

        void fund(String id, long minor, Instant at) {
            paid.add(id);
            add(id, minor, at.atZone(java.time.ZoneOffset.UTC).plusMonths(12).toInstant());
        }

        void grant(String id, long minor, Instant expiresAt) {
            add(id, minor, expiresAt);
        }

        /** Drawing order: after every tranche that expires no later (INV-CA-21). */
        private void add(String id, long minor, Instant expiresAt) {
            int at = ids.size();
            while (at > 0 && expiresAt.isBefore(expiries.get(at - 1))) {
                at--;
            }
            ids.add(at, id);
            remaining.add(at, new long[]{minor});
            expiries.add(at, expiresAt);
        }

        long refundable(String id) {
            int i = ids.indexOf(id);
            return i < 0 ? 0 : remaining.get(i)[0] - heldOn(id);
        }

        void refund(String id) {
            int i = ids.indexOf(id);
            remaining.get(i)[0] = heldOn(id);
            if (remaining.get(i)[0] == 0) {
                ids.remove(i);
                remaining.remove(i);
                expiries.remove(i);
            }
        }

        void catchUp(Instant now) {
            holdExpiries.entrySet().removeIf(entry -> {
                if (!now.isBefore(entry.getValue())) {
                    holds.remove(entry.getKey());
                    return true;
                }
                return false;
            });
            for (int i = 0; i < ids.size(); i++) {
                if (!now.isBefore(expiries.get(i))) {
                    String id = ids.get(i);
                    expired.add(id + "=" + remaining.get(i)[0]);
                    holds.values().forEach(hold -> hold.remove(id));
                    ids.remove(i);
                    remaining.remove(i);
                    expiries.remove(i);
                    i--;
                }
            }
        }

        long heldOn(String id) {
            return holds.values().stream().mapToLong(hold -> hold.getOrDefault(id, 0L)).sum();
        }

        long balance() {
            return remaining.stream().mapToLong(r -> r[0]).sum();
        }

        long available() {
            return balance() - holds.values().stream().flatMap(h -> h.values().stream()).mapToLong(Long::longValue).sum();
        }

        void charge(String chargeId, long minor, String reservationId) {
            if (reservationId != null) {
                release(reservationId);
            }
            long left = minor;
            List<String> taken = new ArrayList<>();
            for (int i = 0; i < ids.size() && left > 0; i++) {
                long take = Math.min(left, remaining.get(i)[0] - heldOn(ids.get(i)));
                if (take > 0) {
                    remaining.get(i)[0] -= take;
                    left -= take;
                    taken.add(ids.get(i) + "=" + take);
                }
            }
            if (!taken.isEmpty()) {
                portions.add(taken);
            }
            unfunded += left;
        }

        List<TrancheHold> reserve(String reservationId, long minor, boolean partial, Instant expiresAt) {
            long available = available();
            if (available <= 0 || (available < minor && !partial)) {
                return null;
            }
            long left = Math.min(minor, available);
            Map<String, Long> hold = new LinkedHashMap<>();
            List<TrancheHold> result = new ArrayList<>();
            for (int i = 0; i < ids.size() && left > 0; i++) {
                long take = Math.min(left, remaining.get(i)[0] - heldOn(ids.get(i)));
                if (take > 0) {
                    hold.put(ids.get(i), take);
                    result.add(new TrancheHold(ids.get(i), usd(take)));
                    left -= take;
                }
            }
            holds.put(reservationId, hold);
            holdExpiries.put(reservationId, expiresAt);
            return result;
        }

        void release(String reservationId) {
            holds.remove(reservationId);
            holdExpiries.remove(reservationId);
        }

        List<List<String>> takePortions() {
            List<List<String>> taken = portions;
            portions = new ArrayList<>();
            return taken;
        }

        List<String> takeExpired() {
            List<String> taken = expired;
            expired = new ArrayList<>();
            return taken;
        }

        long takeUnfunded() {
            long taken = unfunded;
            unfunded = 0;
            return taken;
        }
    }
}
