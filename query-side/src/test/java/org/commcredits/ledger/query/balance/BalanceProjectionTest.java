package org.commcredits.ledger.query.balance;

import org.commcredits.ledger.api.creditaccount.AutoRechargeConfigured;
import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.creditaccount.CreditAccountOpened;
import org.commcredits.ledger.api.creditaccount.FundingSource;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.FundsReserved;
import org.commcredits.ledger.api.creditaccount.RechargeTriggered;
import org.commcredits.ledger.api.creditaccount.ReservationReleased;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.creditaccount.TrancheHold;
import org.commcredits.ledger.api.creditaccount.TranchePortion;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.commcredits.ledger.query.config.DeferredWrites;
import org.commcredits.ledger.query.config.ProjectionFailures;
import org.commcredits.ledger.query.MigratedDatabase;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The balance read model on H2 and PostgreSQL: every credit-account event it copies, a redelivered event
 * changing nothing, and a rebuild (reset, replay) equal to the live model.
 */
class BalanceProjectionTest {

    private static final TenantId TENANT = TenantId.of("rm");
    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

    private static Money usd(long minor) {
        return Money.ofMinor(minor, "USD");
    }

    private List<Consumer<BalanceProjection>> history() {
        Instant expiry = T0.plus(Duration.ofDays(365));
        List<Consumer<BalanceProjection>> events = new ArrayList<>();
        events.add(p -> p.on(new CreditAccountOpened(TENANT, "USD", BillingAgreement.DIRECT, T0, "a"), token(1)));
        events.add(p -> p.on(new FundsAdded(TENANT, "tr-1", usd(10_000), T0, expiry, "i1", FundingSource.MANUAL, null, usd(10_000)), token(2)));
        events.add(p -> p.on(new FundsAdded(TENANT, "tr-2", usd(5_000), T0.plusSeconds(1), expiry.plusSeconds(1), "i2", FundingSource.MANUAL, null, usd(15_000)), token(3)));
        events.add(p -> p.on(new FundsReserved(TENANT, "r-1", usd(12_000), List.of(new TrancheHold("tr-1", usd(10_000)),
                new TrancheHold("tr-2", usd(2_000))), usd(3_000), T0, T0.plusSeconds(600))));
        events.add(p -> p.on(new AutoRechargeConfigured(TENANT, true, usd(2_000), usd(5_000), "a", T0), token(5)));
        events.add(p -> p.on(new FundsConsumed(TENANT, "c-1", "call-1", null, usd(3_000),
                List.of(new TranchePortion("tr-2", usd(3_000), usd(2_000))), usd(12_000), T0), token(6)));
        events.add(p -> p.on(new TrancheExpired(TENANT, "tr-1", usd(10_000), usd(2_000), expiry), token(7)));
        events.add(p -> p.on(new RechargeTriggered(TENANT, "rm-recharge-1", usd(5_000), usd(2_000), usd(2_000), expiry), token(8)));
        return events;
    }

    private static long token(long sequence) {
        return sequence;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("copies balances, holds and settings; a redelivery changes nothing; a rebuild equals the live model")
    void copiesEveryEventIdempotently(String database) {
        try (MigratedDatabase db = MigratedDatabase.of(database, "rm_balance")) {
            BalanceProjection projection = new BalanceProjection(db.jdbc(), new DeferredWrites(new ProjectionFailures()));
            BalanceController controller = new BalanceController(db.jdbc(), new ProcessorPositions(db.jdbc(), null), Clock.systemUTC());
            history().forEach(event -> event.accept(projection));
            BalanceController.BalanceView live = controller.balance("rm", null);
            assertThat(live.balance()).isEqualTo("20.00");
            assertThat(live.available()).as("the hold's part on the expired tranche went with it").isEqualTo("0.00");
            assertThat(live.tranches()).extracting(BalanceController.TrancheView::trancheId).containsExactly("tr-2");
            assertThat(live.autoRecharge()).containsEntry("enabled", true).containsEntry("threshold", "20.00")
                    .containsEntry("rechargeInFlight", "rm-recharge-1");

            history().forEach(event -> event.accept(projection));
            assertThat(controller.balance("rm", null)).usingRecursiveComparison().ignoringFields("asOf").isEqualTo(live);

            projection.on(new ReservationReleased(TENANT, "r-1", usd(2_000), ReservationReleased.Reason.TIMED_OUT, usd(2_000), T0));
            projection.on(new FundsAdded(TENANT, "rm-recharge-1-tranche", usd(5_000), T0, T0.plus(Duration.ofDays(365)),
                    "rm-recharge-1-invoice", FundingSource.AUTO_RECHARGE, "rm-recharge-1", usd(7_000)), token(10));
            BalanceController.BalanceView after = controller.balance("rm", null);
            assertThat(after.balance()).isEqualTo("70.00");
            assertThat(after.available()).isEqualTo("70.00");
            assertThat(after.autoRecharge()).containsEntry("rechargeInFlight", null);

            projection.reset();
            history().forEach(event -> event.accept(projection));
            assertThat(controller.balance("rm", null)).usingRecursiveComparison().ignoringFields("asOf").isEqualTo(live);
        }
    }

    /** A call's hold taken and settled, a hold taken and timed out, a recharge, a hold on a tranche that expires. */
    private List<Consumer<BalanceProjection>> busyHistory() {
        Instant expiry = T0.plus(Duration.ofDays(365));
        List<Consumer<BalanceProjection>> events = new ArrayList<>(history());
        events.add(p -> p.on(new FundsAdded(TENANT, "tr-3", usd(8_000), T0, expiry, "i3", FundingSource.AUTO_RECHARGE,
                "rm-recharge-1", usd(10_000)), token(9)));
        events.add(p -> p.on(new FundsReserved(TENANT, "r-2", usd(1_000), List.of(new TrancheHold("tr-2", usd(1_000))),
                usd(9_000), T0, T0.plusSeconds(600))));
        events.add(p -> p.on(new ReservationReleased(TENANT, "r-2", usd(1_000), ReservationReleased.Reason.SETTLED, usd(10_000), T0)));
        events.add(p -> p.on(new FundsConsumed(TENANT, "c-2", "call-2", "r-2", usd(500),
                List.of(new TranchePortion("tr-2", usd(500), usd(1_500))), usd(9_500), T0), token(12)));
        events.add(p -> p.on(new FundsReserved(TENANT, "r-3", usd(2_000), List.of(new TrancheHold("tr-2", usd(1_500)),
                new TrancheHold("tr-3", usd(500))), usd(7_500), T0, T0.plusSeconds(600))));
        events.add(p -> p.on(new ReservationReleased(TENANT, "r-1", usd(2_000), ReservationReleased.Reason.TIMED_OUT, usd(7_500), T0)));
        events.add(p -> p.on(new FundsReserved(TENANT, "r-4", usd(1_000), List.of(new TrancheHold("tr-3", usd(1_000))),
                usd(6_500), T0, T0.plusSeconds(600))));
        events.add(p -> p.on(new TrancheExpired(TENANT, "tr-2", usd(1_500), usd(8_000), expiry), token(16)));
        events.add(p -> p.on(new FundsConsumed(TENANT, "c-3", "call-3", null, usd(1_000),
                List.of(new TranchePortion("tr-3", usd(1_000), usd(7_000))), usd(7_000), T0), token(17)));
        return events;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("the writes of a batch, merged per row before commit, give the rows of one event at a time, for every batch size")
    void batchedWritesEqualOneEventAtATime(String database) {
        try (MigratedDatabase db = MigratedDatabase.of(database, "rm_balance_batch")) {
            BalanceProjection projection = new BalanceProjection(db.jdbc(), new DeferredWrites(new ProjectionFailures()));
            List<Consumer<BalanceProjection>> events = busyHistory();
            events.forEach(event -> event.accept(projection));
            List<Map<String, Object>> oneAtATime = rows(db.jdbc());
            assertThat(oneAtATime).anySatisfy(row -> assertThat(row).containsEntry("reservation_id", "r-4"));
            for (int size = 2; size <= events.size(); size++) {
                projection.reset();
                for (int from = 0; from < events.size(); from += size) {
                    List<Consumer<BalanceProjection>> batch = events.subList(from, Math.min(events.size(), from + size));
                    inOneBatch(() -> batch.forEach(event -> event.accept(projection)));
                }
                assertThat(rows(db.jdbc())).as("batches of " + size).isEqualTo(oneAtATime);
                inOneBatch(() -> events.forEach(event -> event.accept(projection)));
                assertThat(rows(db.jdbc())).as("redelivered in one batch after batches of " + size).isEqualTo(oneAtATime);
            }
        }
    }

    /** As a processor runs a batch: the handlers in one unit of work, the deferred writes at its commit. */
    static void inOneBatch(Runnable handlers) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        try {
            handlers.run();
        } catch (RuntimeException failure) {
            unitOfWork.rollback(failure);
            throw failure;
        }
        unitOfWork.commit();
    }

    private static List<Map<String, Object>> rows(org.springframework.jdbc.core.JdbcTemplate jdbc) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.addAll(jdbc.queryForList("SELECT * FROM rm_account ORDER BY tenant_id"));
        rows.addAll(jdbc.queryForList("SELECT * FROM rm_tranche ORDER BY tenant_id, tranche_id"));
        rows.addAll(jdbc.queryForList("SELECT * FROM rm_hold ORDER BY tenant_id, reservation_id, tranche_id"));
        return rows;
    }
}
