package org.commcredits.ledger.api.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;

import java.util.Locale;
import java.util.Set;

/** An ISO 3166-1 alpha-2 country code, upper case ({@code US}, {@code GB}). */
public record CountryCode(String value) {

    private static final Set<String> KNOWN = Set.of(Locale.getISOCountries());

    public CountryCode {
        if (value == null || !KNOWN.contains(value)) {
            throw new LedgerException(ErrorCode.INVALID_COUNTRY, "country must be an ISO 3166-1 alpha-2 code such as US");
        }
    }

    public static boolean isValid(String value) {
        return value != null && KNOWN.contains(value);
    }

    @JsonCreator
    public static CountryCode of(String value) {
        return new CountryCode(value);
    }

    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
