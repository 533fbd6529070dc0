package org.commcredits.ledger.api.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The only place where decimal strings become {@link Money} and where rounding happens.
 *
 * <p>The money grammar of the contract (INV-IN-03, written out in docs/api-changes.md "Input rules"): an
 * amount is a JSON string, {@code 0} or a digit 1-9 followed by digits, then, for a currency with minor
 * units, a point and exactly that many digits: {@code "50.00"} and {@code "0.00"} in USD, {@code "500"} in
 * JPY, {@code "1.250"} in BHD. Nothing else: no sign, no exponent, no leading zeros ({@code "00050.00"}),
 * no missing or short decimals ({@code "50"}, {@code "50.0"}), no extra decimals ({@code "50.001"} or
 * {@code "50.000"}), no spaces; and not above {@link #MAXIMUM}. One spelling per amount, so that what a
 * client sent, what the ledger stored and what it answers read the same. {@link #parseDecimal} checks the
 * currency-independent half when a request is read; {@link #toMoney} the decimals once the account's
 * currency is known. Rounding of computed amounts (rates times minutes) is {@link RoundingMode#HALF_UP} to
 * the currency's minor unit, once per charge.
 */
public final class MoneyFormat {

    /** The largest amount any single request may name: 1,000,000.00 in the account's currency. */
    public static final BigDecimal MAXIMUM = new BigDecimal("1000000");

    /** The rounding rule of the ledger, named once: half up, to the currency's minor unit. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    /** The currency-independent half of the grammar; at most 7 integer digits, as nothing exceeds {@link #MAXIMUM}. */
    private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,6})(\\.[0-9]{1,4})?");

    /** The grammar as an error detail says it. */
    public static final String GRAMMAR = "a decimal string with exactly the currency's minor digits, such as \"50.00\" in USD"
            + " (no sign, exponent, spaces or leading zeros), not above 1000000.00";

    private MoneyFormat() {
    }

    /**
     * Parses a contract amount by the grammar above. Empty when the text breaks it. Zero is returned as
     * zero: whether zero is allowed is the caller's rule.
     */
    public static Optional<Money> parse(String text, String currency) {
        return parseDecimal(text).flatMap(value -> toMoney(value, currency));
    }

    /**
     * The currency-independent half of {@link #parse}: {@code 0|[1-9][0-9]*}, optionally a point and 1 to 4
     * digits (no currency has more), not above {@link #MAXIMUM}. The value keeps the digits as written
     * ({@code "50.00"} has scale 2), for {@link #toMoney} to check against the currency. The edge checks this
     * before it knows the account's currency.
     */
    public static Optional<BigDecimal> parseDecimal(String text) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            return Optional.empty();
        }
        BigDecimal value = new BigDecimal(text);
        return value.compareTo(MAXIMUM) > 0 ? Optional.empty() : Optional.of(value);
    }

    /**
     * The decimal in the currency's minor units; empty unless it is written with exactly the currency's minor
     * digits ({@code 50.00} in USD, not {@code 50}, {@code 50.0} or {@code 50.000}).
     */
    public static Optional<Money> toMoney(BigDecimal value, String currency) {
        if (value == null || !Currencies.isSupported(currency) || value.signum() < 0
                || value.scale() != Currencies.minorDigits(currency)
                || value.compareTo(MAXIMUM) > 0) {
            return Optional.empty();
        }
        return Optional.of(new Money(value.movePointRight(Currencies.minorDigits(currency))
                .setScale(0, RoundingMode.UNNECESSARY).longValueExact(), currency));
    }

    /** Rounds a computed decimal amount (in major units) to the currency's minor unit, half up. */
    public static Money round(BigDecimal major, String currency) {
        int digits = Currencies.minorDigits(currency);
        return new Money(major.setScale(digits, ROUNDING).movePointRight(digits).longValueExact(), currency);
    }

    public static String format(Money money) {
        return money.toPlainString();
    }
}
