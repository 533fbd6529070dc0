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
import org.commcredits.ledger.query.MigratedDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
            BalanceProjection projection = new BalanceProjection(db.jdbc());
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
}
