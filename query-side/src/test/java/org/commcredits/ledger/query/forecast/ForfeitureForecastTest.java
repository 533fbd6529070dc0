package org.commcredits.ledger.query.forecast;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** INV-FC-01: the forecast over fixed histories (the worked example of docs/forecast.md among them). */
class ForfeitureForecastTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    @DisplayName("docs/forecast.md's example: 300.00 spent in 30 days; the older tranche is used up, the newer forfeits 20.00")
    void workedExample() {
        ForfeitureForecast.Result result = ForfeitureForecast.of(List.of(
                        new ForfeitureForecast.Tranche("tr-b", 500_00, Instant.parse("2026-03-01T00:00:00Z")),
                        new ForfeitureForecast.Tranche("tr-a", 100_00, Instant.parse("2026-01-20T00:00:00Z"))),
                300_00, ForfeitureForecast.AutoRecharge.OFF, NOW);
        // 10.00 a day: tr-a (expires first) gives 10.00 on each of Jan 2..11, used up on Jan 11; tr-b then gives
        // 10.00 a day from Jan 12 to Feb 28 (48 days, 480.00) and forfeits the 20.00 left on Mar 1.
        ForfeitureForecast.TrancheForecast a = result.tranches().get(0);
        ForfeitureForecast.TrancheForecast b = result.tranches().get(1);
        assertThat(a.trancheId()).isEqualTo("tr-a");
        assertThat(a.projectedForfeit()).isZero();
        assertThat(a.projectedUsedUpOn()).isEqualTo(LocalDate.parse("2026-01-11"));
        assertThat(b.projectedForfeit()).isEqualTo(20_00);
        assertThat(b.projectedUsedUpOn()).isNull();
        assertThat(result.projectedForfeitTotal()).isEqualTo(20_00);
        assertThat(result.depletedOn()).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(result.belowThresholdOn()).isNull();
        assertThat(result.expectedRecharges()).isEmpty();
    }

    @Test
    @DisplayName("no spend: every tranche is projected to forfeit all it has, on its expiry")
    void idleAccountForfeitsEverything() {
        ForfeitureForecast.Result result = ForfeitureForecast.of(List.of(
                new ForfeitureForecast.Tranche("tr", 75_00, Instant.parse("2026-06-01T00:00:00Z"))), 0,
                ForfeitureForecast.AutoRecharge.OFF, NOW);
        assertThat(result.tranches().get(0).projectedForfeit()).isEqualTo(75_00);
        assertThat(result.depletedOn()).as("nothing is spent: never depleted by spending").isNull();
    }

    @Test
    @DisplayName("auto-recharge: the day the balance falls below the threshold, and each recharge expected within 90 days")
    void rechargesWithinNinetyDays() {
        ForfeitureForecast.Result result = ForfeitureForecast.of(List.of(
                        new ForfeitureForecast.Tranche("tr", 100_00, Instant.parse("2026-12-01T00:00:00Z"))), 150_00,
                new ForfeitureForecast.AutoRecharge(true, 20_00L, 50_00L), NOW);
        // 5.00 a day: 100.00 -> below 20.00 after day 17 (15.00 left on Jan 18), recharge +50.00 -> 65.00;
        // the old tranche is used up on Jan 21; then a recharge every 10 days (50.00 / 5.00): Jan 28, Feb 7, ... to day 90.
        assertThat(result.belowThresholdOn()).isEqualTo(LocalDate.parse("2026-01-18"));
        assertThat(result.expectedRecharges()).first().isEqualTo(new ForfeitureForecast.ExpectedRecharge(LocalDate.parse("2026-01-18"), 50_00));
        assertThat(result.expectedRecharges()).hasSize(8).allMatch(r -> r.amount() == 50_00);
        assertThat(result.expectedRecharges().get(1).on()).isEqualTo(LocalDate.parse("2026-01-28"));
        assertThat(result.tranches().get(0).projectedForfeit()).isZero();
        assertThat(result.tranches().get(0).projectedUsedUpOn()).isEqualTo(LocalDate.parse("2026-01-21"));
        assertThat(result.depletedOn()).isNull();
    }

    @Test
    @DisplayName("a burn that does not divide by 30 is carried exactly: 1.00 spent in 30 days uses up a 1.00 tranche on exactly the 30th day")
    void exactInThirtieths() {
        ForfeitureForecast.Result result = ForfeitureForecast.of(List.of(
                new ForfeitureForecast.Tranche("tr", 1_00, Instant.parse("2026-01-31T13:00:00Z"))), 1_00,
                ForfeitureForecast.AutoRecharge.OFF, NOW);
        assertThat(result.tranches().get(0).projectedUsedUpOn()).isEqualTo(LocalDate.parse("2026-01-31"));
        assertThat(result.tranches().get(0).projectedForfeit()).isZero();
    }
}
