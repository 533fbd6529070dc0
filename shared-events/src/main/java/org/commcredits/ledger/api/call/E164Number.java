package org.commcredits.ledger.api.call;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;

import java.util.regex.Pattern;

/** A phone number in E.164 form: {@code +}, a non-zero digit, at most 15 digits in all ({@code +442071234567}). */
public record E164Number(String value) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

    public E164Number {
        if (!isValid(value)) {
            throw new LedgerException(ErrorCode.INVALID_PHONE_NUMBER, "A phone number must be E.164, such as +442071234567");
        }
    }

    public static boolean isValid(String value) {
        return value != null && E164.matcher(value).matches();
    }

    @JsonCreator
    public static E164Number of(String value) {
        return new E164Number(value);
    }

    @JsonValue
    public String value() {
        return value;
    }

    /** The digits without the {@code +}: what rate-card prefixes match. */
    public String digits() {
        return value.substring(1);
    }

    @Override
    public String toString() {
        return value;
    }
}
