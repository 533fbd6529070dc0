package org.commcredits.ledger.api.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The only place where decimal strings become {@link Money} and where rounding happens.
 *
 * <p>Parsing is strict (the contract's rule for amounts): a plain decimal string, no sign, no exponent,
 * at most the currency's minor digits, not above {@link #MAXIMUM}. Rounding of computed amounts
 * (rates times minutes) is {@link RoundingMode#HALF_UP} to the currency's minor unit, once per charge.
 */
public final class MoneyFormat {

    /** The largest amount any single request may name: 1,000,000.00 in the account's currency. */
    public static final BigDecimal MAXIMUM = new BigDecimal("1000000");

    /** The rounding rule of the ledger, named once: half up, to the currency's minor unit. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    private static final Pattern DECIMAL = Pattern.compile("\\d{1,16}(\\.\\d{1,16})?");

    private MoneyFormat() {
    }

    /**
     * Parses a contract amount. Empty when the text is not a plain non-negative decimal, has more digits
     * than the currency allows, or is above {@link #MAXIMUM}. Zero is returned as zero: whether zero is
     * allowed is the caller's rule.
     */
    public static Optional<Money> parse(String text, String currency) {
        return parseDecimal(text).flatMap(value -> toMoney(value, currency));
    }

    /**
     * The currency-independent half of {@link #parse}: a plain non-negative decimal not above
     * {@link #MAXIMUM}. The edge checks this before it knows the account's currency.
     */
    public static Optional<BigDecimal> parseDecimal(String text) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            return Optional.empty();
        }
        BigDecimal value = new BigDecimal(text);
        return value.compareTo(MAXIMUM) > 0 ? Optional.empty() : Optional.of(value);
    }

    /** The decimal in the currency's minor units; empty when it has more digits than the currency allows. */
    public static Optional<Money> toMoney(BigDecimal value, String currency) {
        if (value == null || !Currencies.isSupported(currency) || value.signum() < 0
                || value.stripTrailingZeros().scale() > Currencies.minorDigits(currency)
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
