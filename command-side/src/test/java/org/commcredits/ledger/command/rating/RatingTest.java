package org.commcredits.ledger.command.rating;

import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.api.rating.Rate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RatingTest {

    static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant CHANGE = Instant.parse("2026-12-01T00:00:00Z");

    static Rate rate(String card, String prefix, long perMinuteE4, long feeE4, Instant from) {
        return new Rate(card, 1, prefix, "dest " + prefix, "USD", perMinuteE4, feeE4, from);
    }

    @Test
    @DisplayName("INV-RATE-03: billed per started minute")
    void canBillPerStartedMinute() {
        assertThat(Rating.billedMinutes(0)).isZero();
        assertThat(Rating.billedMinutes(1)).isEqualTo(1);
        assertThat(Rating.billedMinutes(60)).isEqualTo(1);
        assertThat(Rating.billedMinutes(61)).isEqualTo(2);
        assertThat(Rating.billedMinutes(125)).isEqualTo(3);
    }

    @Test
    @DisplayName("INV-RATE-04: the fee is charged once and the charge is rounded once, half up")
    void canChargeTheFeeOnceAndRoundOnceHalfUp() {
        Rate rate = rate("c", "44", 50, 100, JAN); // 0.0050 per minute, 0.0100 fee
        assertThat(Rating.charge(rate, 0)).isEqualTo(Money.zero("USD"));
        // 0.0100 + 1 x 0.0050 = 0.0150 -> 0.02 (half up; half even would give 0.02 too, so look at 0.0050 alone)
        assertThat(Rating.charge(rate, 1)).isEqualTo(Money.ofMinor(2, "USD"));
        Rate noFee = rate("c", "44", 50, 0, JAN);
        assertThat(Rating.charge(noFee, 1)).as("0.0050 rounds half up to 0.01, not half even to 0.00")
                .isEqualTo(Money.ofMinor(1, "USD"));
        // rounding per minute would give 3 x 0.01 = 0.03; rounding once gives 0.0150 -> 0.02
        assertThat(Rating.charge(noFee, 3)).isEqualTo(Money.ofMinor(2, "USD"));
    }

    @Test
    void canTellHowManyMinutesABalancePays() {
        Rate rate = rate("c", "1", 200, 100, JAN); // 0.02 per minute, 0.01 fee
        assertThat(Rating.affordableMinutes(rate, Money.ofMinor(11, "USD"), 240)).isEqualTo(5);
        assertThat(Rating.affordableMinutes(rate, Money.ofMinor(2, "USD"), 240)).isZero();
        assertThat(Rating.affordableMinutes(rate, Money.ofMinor(1_000_000, "USD"), 240)).isEqualTo(240);
    }

    @Test
    @DisplayName("INV-RATE-02: the longest matching prefix in force wins")
    void canFindTheLongestPrefixInForce() {
        RatingTable table = RatingTable.of(List.of(
                new PrefixTrie.Entry(rate("a", "44", 300, 0, JAN), 0),
                new PrefixTrie.Entry(rate("a", "4420", 250, 0, JAN), 1),
                new PrefixTrie.Entry(rate("a", "4479", 900, 0, CHANGE), 2)));
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        assertThat(table.find("USD", "442071234567", now).prefix()).isEqualTo("4420");
        assertThat(table.find("USD", "441611234567", now).prefix()).isEqualTo("44");
        assertThat(table.find("USD", "447912345678", now).prefix()).as("4479 not in force yet").isEqualTo("44");
        assertThat(table.find("USD", "33123456789", now)).isNull();
        assertThat(table.find("EUR", "442071234567", now)).as("one price list per currency").isNull();
    }

    @Test
    @DisplayName("INV-RATE-02: at the instant a rate changes, the new rate applies; a millisecond before, the old")
    void canRateAtARateChangeInstant() {
        RatingTable table = RatingTable.of(List.of(
                new PrefixTrie.Entry(rate("a", "49", 400, 0, JAN), 0),
                new PrefixTrie.Entry(rate("b", "49", 800, 0, CHANGE), 1)));
        assertThat(table.find("USD", "4930123456", CHANGE.minusMillis(1)).perMinuteE4()).isEqualTo(400);
        assertThat(table.find("USD", "4930123456", CHANGE).perMinuteE4()).isEqualTo(800);
    }

    @Test
    @DisplayName("INV-RATE-02: among rows of one prefix and effectiveFrom, the latest upload wins")
    void canPreferTheLatestUploadOnATie() {
        RatingTable table = RatingTable.of(List.of(
                new PrefixTrie.Entry(rate("old", "49", 400, 0, JAN), 0),
                new PrefixTrie.Entry(rate("new", "49", 450, 0, JAN), 1)));
        assertThat(table.find("USD", "4930123456", CHANGE).rateCardId()).isEqualTo("new");
    }
}
