package org.commcredits.ledger.api.money;

import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/** ISO 4217 currencies as the ledger accepts them: known to the JDK and with a defined number of minor digits. */
public final class Currencies {

    /**
     * Computed once: every {@code Money} checks its currency, and matching a regular expression (compiled
     * anew by {@code String.matches}) on each check showed in the call path's profile.
     */
    private static final Set<String> SUPPORTED = Currency.getAvailableCurrencies().stream()
            .filter(currency -> currency.getDefaultFractionDigits() >= 0)
            .map(Currency::getCurrencyCode)
            .filter(code -> code.matches("[A-Z]{3}"))
            .collect(Collectors.toUnmodifiableSet());

    private Currencies() {
    }

    public static boolean isSupported(String code) {
        return code != null && SUPPORTED.contains(code);
    }

    static String require(String code) {
        if (!isSupported(code)) {
            throw new IllegalArgumentException("unsupported currency: " + code);
        }
        return code;
    }

    /** Digits after the decimal point for the currency: 2 for USD and EUR, 0 for JPY, 3 for BHD. */
    public static int minorDigits(String code) {
        return Currency.getInstance(require(code)).getDefaultFractionDigits();
    }
}
