package org.commcredits.ledger.api.money;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount of money in minor units (cents for USD) of one ISO 4217 currency.
 * The domain and every event carry money this way; {@link BigDecimal} appears only at the HTTP edge
 * ({@link MoneyFormat}). Arithmetic across currencies is a programming error and throws.
 */
public record Money(long minor, String currency) implements Comparable<Money> {

    @JsonCreator
    public Money(@JsonProperty("minor") long minor, @JsonProperty("currency") String currency) {
        this.minor = minor;
        this.currency = Currencies.require(currency);
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    public static Money ofMinor(long minor, String currency) {
        return new Money(minor, currency);
    }

    public Money plus(Money other) {
        sameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money minus(Money other) {
        sameCurrency(other);
        return new Money(Math.subtractExact(minor, other.minor), currency);
    }

    public Money min(Money other) {
        sameCurrency(other);
        return minor <= other.minor ? this : other;
    }

    public boolean isPositive() {
        return minor > 0;
    }

    public boolean isZero() {
        return minor == 0;
    }

    public boolean isNegative() {
        return minor < 0;
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Money other) {
        sameCurrency(other);
        return Long.compare(minor, other.minor);
    }

    /** The amount as a decimal with the currency's minor digits, e.g. {@code 50.00}. */
    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(minor, Currencies.minorDigits(currency));
    }

    /** The amount as the contract's decimal string, e.g. {@code "50.00"}. */
    public String toPlainString() {
        return toDecimal().toPlainString();
    }

    private void sameCurrency(Money other) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }

    @Override
    public String toString() {
        return toPlainString() + " " + currency;
    }
}
