package org.commcredits.ledger.platform.web;

import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.ids.Ids;
import org.commcredits.ledger.api.money.Currencies;
import org.commcredits.ledger.api.money.MoneyFormat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Validation of request fields at the HTTP edge, each failure with its contract code. Request bodies bind
 * amounts, enums and ids as strings so that a bad value is answered with the precise code rather than a
 * generic parse error.
 */
public final class RequestFields {

    private RequestFields() {
    }

    public static String id(String value, String name) {
        if (!Ids.isValid(value)) {
            throw new LedgerException(ErrorCode.INVALID_ID, name + " must match " + Ids.PATTERN.pattern());
        }
        return value;
    }

    public static <T> T required(T value, String name) {
        if (value == null) {
            throw new LedgerException(ErrorCode.INVALID_REQUEST, "Field '" + name + "' is required");
        }
        return value;
    }

    /** A positive amount by the money grammar (INV-IN-03, {@link MoneyFormat}); its decimals are checked with the currency. */
    public static BigDecimal positiveAmount(String value, String name) {
        BigDecimal amount = MoneyFormat.parseDecimal(required(value, name))
                .orElseThrow(() -> new LedgerException(ErrorCode.INVALID_AMOUNT,
                        name + " must be " + MoneyFormat.GRAMMAR));
        if (amount.signum() <= 0) {
            throw new LedgerException(ErrorCode.INVALID_AMOUNT, name + " must be greater than zero");
        }
        return amount;
    }

    /** A non-negative amount (zero allowed), e.g. an auto-recharge threshold. */
    public static BigDecimal nonNegativeAmount(String value, String name) {
        return MoneyFormat.parseDecimal(required(value, name))
                .orElseThrow(() -> new LedgerException(ErrorCode.INVALID_AMOUNT,
                        name + " must be " + MoneyFormat.GRAMMAR));
    }

    /** An instant of a request body, by the rule of {@link InstantFormat}; else {@code INVALID_INSTANT}. */
    public static Instant instant(String value, String name) {
        return InstantFormat.parse(value).orElseThrow(() -> new LedgerException(ErrorCode.INVALID_INSTANT,
                name + " must be " + InstantFormat.RULE));
    }

    public static String currency(String value) {
        if (!Currencies.isSupported(required(value, "currency"))) {
            throw new LedgerException(ErrorCode.INVALID_CURRENCY, "currency must be an ISO 4217 code such as USD");
        }
        return value;
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String value, String name, ErrorCode code) {
        required(value, name);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw new LedgerException(code, name + " must be one of " + Arrays.stream(type.getEnumConstants())
                .map(Enum::name).collect(Collectors.joining(", ")));
    }
}
