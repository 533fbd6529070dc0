package org.commcredits.ledger.query.notifications;

import org.commcredits.ledger.api.creditaccount.BalanceDepleted;
import org.commcredits.ledger.api.creditaccount.FundingSource;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.LowBalanceWarned;
import org.commcredits.ledger.api.creditaccount.RechargeFailed;
import org.commcredits.ledger.api.creditaccount.TrancheExpiringSoon;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.api.pool.PoolKind;
import org.commcredits.ledger.api.pool.PoolThresholdReached;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.commcredits.ledger.query.MigratedDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** INV-CA-14: the notifications read model on H2 and PostgreSQL, paged, idempotent per event. */
class NotificationProjectionTest {

    private static final TenantId TENANT = TenantId.of("notified");
    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

    private static Money usd(long minor) {
        return Money.ofMinor(minor, "USD");
    }

    private static void deliver(NotificationProjection projection) {
        projection.on(new LowBalanceWarned(TENANT, usd(1_000), usd(2_000), T0), 11);
        projection.on(new FundsAdded(TENANT, "tr-m", usd(5_000), T0, T0.plus(Duration.ofDays(365)), "inv", FundingSource.MANUAL,
                null, usd(6_000)), 12);
        projection.on(new RechargeFailed(TENANT, "rc-1", 1, "PAYMENT_DECLINED", T0.plusSeconds(60), T0), 13);
        projection.on(new FundsAdded(TENANT, "rc-1-tranche", usd(5_000), T0, T0.plus(Duration.ofDays(365)), "rc-1-invoice",
                FundingSource.AUTO_RECHARGE, "rc-1", usd(6_000)), 14);
        projection.on(new BalanceDepleted(TENANT, T0), 15);
        projection.on(new TrancheExpiringSoon(TENANT, "tr-m", usd(5_000), T0.plus(Duration.ofDays(30)), T0), 16);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("INV-CA-14 lists low balance, recharge failed and succeeded, depleted, expiring soon; a redelivery adds nothing")
    void listsNotifications(String database) {
        try (MigratedDatabase db = MigratedDatabase.of(database, "rm_notify")) {
            NotificationProjection projection = new NotificationProjection(db.jdbc());
            NotificationController controller = new NotificationController(db.jdbc(), new ProcessorPositions(db.jdbc(), null));
            deliver(projection);
            deliver(projection);
            NotificationController.Page first = controller.notifications("notified", null, null, 3);
            assertThat(first.items()).extracting(NotificationController.NotificationView::type)
                    .containsExactly("LOW_BALANCE", "RECHARGE_FAILED", "RECHARGE_SUCCEEDED");
            assertThat(first.items().get(0).amount()).isEqualTo("10.00");
            assertThat(first.next()).isEqualTo("14");
            NotificationController.Page second = controller.notifications("notified", null, first.next(), 3);
            assertThat(second.items()).extracting(NotificationController.NotificationView::type)
                    .containsExactly("BALANCE_DEPLETED", "TRANCHE_EXPIRING_SOON");
            assertThat(second.next()).isNull();
            assertThat(controller.notifications("someone-else", null, null, null).items()).isEmpty();
        }
    }

    @Test
    @DisplayName("INV-POOL-05 the pool alerts at 80% and 100% are listed once each, with the pool as reference")
    void listsPoolAlerts() {
        try (MigratedDatabase db = MigratedDatabase.of("h2", "rm_notify_pool")) {
            NotificationProjection projection = new NotificationProjection(db.jdbc());
            NotificationController controller = new NotificationController(db.jdbc(), new ProcessorPositions(db.jdbc(), null));
            String pool = "notified/pools/DOMESTIC/US/2026-01";
            for (int delivery = 0; delivery < 2; delivery++) {
                projection.on(new PoolThresholdReached(TENANT, pool, PoolKind.DOMESTIC, CountryCode.of("US"), "2026-01", 80,
                        2_400, 3_000, T0), 21);
                projection.on(new PoolThresholdReached(TENANT, pool, PoolKind.DOMESTIC, CountryCode.of("US"), "2026-01", 100,
                        3_000, 3_000, T0.plusSeconds(60)), 22);
            }
            NotificationController.Page page = controller.notifications("notified", null, null, null);
            assertThat(page.items()).extracting(NotificationController.NotificationView::type)
                    .containsExactly("POOL_80_PERCENT", "POOL_100_PERCENT");
            assertThat(page.items()).extracting(NotificationController.NotificationView::reference).containsOnly(pool);
            assertThat(page.items().get(1).message()).contains("DOMESTIC pool for US in 2026-01 reached 100%: 3000 of 3000");
            assertThat(page.items().get(0).amount()).isNull();
        }
    }
}
