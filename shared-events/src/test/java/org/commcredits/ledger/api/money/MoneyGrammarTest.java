package org.commcredits.ledger.api.money;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** INV-IN-03: the money grammar, both sides of it, in the one place that enforces it. */
class MoneyGrammarTest {

    @ParameterizedTest(name = "\"{0}\" in {1} is {2} minor units")
    @DisplayName("INV-IN-03: canReadAmountsWrittenWithExactlyTheCurrencysMinorDigits")
    @CsvSource({
            "50.00, USD, 5000",
            "0.00, USD, 0",
            "0.01, USD, 1",
            "1000000.00, USD, 100000000",
            "999999.99, EUR, 99999999",
            "500, JPY, 500",
            "0, JPY, 0",
            "1.250, BHD, 1250"})
    void canReadAmountsWrittenWithExactlyTheCurrencysMinorDigits(String text, String currency, long minor) {
        assertThat(MoneyFormat.parse(text, currency)).contains(Money.ofMinor(minor, currency));
    }

    @ParameterizedTest(name = "\"{0}\" is not an amount in USD")
    @DisplayName("INV-IN-03: cannotReadAmountsSpelledAnyOtherWay")
    @ValueSource(strings = {
            "00050.00", "050.00", "00.00", "50", "50.0", "50.000", "50.001", "50.", ".50", "+5.00", "-5.00", "-0.00",
            "5e1", "5E1", "5.00e0", " 5.00", "5.00 ", "5 .00", "5,00", "5_000.00", "1,000.00", "1000000.01",
            "9999999.99", "99999999999999999999.00", "0x10", "NaN", "Infinity", "", " ", "\u0665\u0660.\u0660\u0660",
            "\uff15\uff10.\uff10\uff10", "50.00\u0000", "5\u200b0.00", "50.00\n"})
    void cannotReadAmountsSpelledAnyOtherWay(String text) {
        assertThat(MoneyFormat.parse(text, "USD")).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" is not an amount in {1}")
    @DisplayName("INV-IN-03: the decimals follow the currency: none for JPY, three for BHD")
    @CsvSource({"500.00, JPY", "500.0, JPY", "1.25, BHD", "1.2500, BHD", "1, BHD"})
    void cannotReadOtherCurrenciesDigitsThanTheirOwn(String text, String currency) {
        assertThat(MoneyFormat.parse(text, currency)).isEmpty();
    }

    @Property(tries = 500)
    @Label("INV-IN-03: every amount the ledger writes reads back as itself, and only that spelling does")
    void canReadWhatTheLedgerWrites(@ForAll @LongRange(min = 0, max = 100_000_000) long minor) {
        Money money = Money.ofMinor(minor, "USD");
        String written = money.toPlainString();
        assertThat(MoneyFormat.parse(written, "USD")).contains(money);
        assertThat(MoneyFormat.parse("0" + written, "USD")).isEmpty();
        assertThat(MoneyFormat.parse(written + "0", "USD")).isEmpty();
        assertThat(MoneyFormat.parse(written.substring(0, written.length() - 1), "USD")).isEmpty();
    }
}
