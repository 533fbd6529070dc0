package org.commcredits.ledger.api.money;

import java.util.Currency;

/** ISO 4217 currencies as the ledger accepts them: known to the JDK and with a defined number of minor digits. */
public final class Currencies {

    private Currencies() {
    }

    public static boolean isSupported(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            return Currency.getInstance(code).getDefaultFractionDigits() >= 0;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
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
