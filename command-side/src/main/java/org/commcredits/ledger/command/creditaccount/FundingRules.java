package org.commcredits.ledger.command.creditaccount;

import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.money.Currencies;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.api.money.MoneyFormat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** The rules of buying credit, named once. */
public final class FundingRules {

    /** INV-CA-02: a funding or an auto-recharge amount is at least 50.00 in the account's currency. */
    static final BigDecimal MINIMUM_FUNDING = new BigDecimal("50.00");

    /** INV-CA-03: a tranche expires exactly 12 calendar months after purchase (UTC calendar). */
    static final int VALIDITY_MONTHS = 12;

    private FundingRules() {
    }

    static Money minimum(String currency) {
        return new Money(MINIMUM_FUNDING.movePointRight(Currencies.minorDigits(currency)).longValueExact(), currency);
    }

    /**
     * An amount named in a request, in the account's currency; INV-IN-03: one not written with exactly the
     * currency's minor digits ({@code 50}, {@code 50.0}, {@code 50.001} in USD) is {@code INVALID_AMOUNT}.
     */
    static Money inCurrency(BigDecimal amount, String currency) {
        return MoneyFormat.toMoney(amount, currency).orElseThrow(() -> new LedgerException(ErrorCode.INVALID_AMOUNT,
                "Amount " + amount.toPlainString() + " must have exactly " + Currencies.minorDigits(currency)
                        + " decimals in " + currency));
    }

    static void requireMinimum(Money amount) {
        if (amount.isLessThan(minimum(amount.currency()))) {
            throw new LedgerException(ErrorCode.BELOW_MINIMUM_FUNDING,
                    "The minimum is " + minimum(amount.currency()) + "; got " + amount);
        }
    }

    static Instant expiryOf(Instant purchasedAt) {
        return purchasedAt.atZone(ZoneOffset.UTC).plusMonths(VALIDITY_MONTHS).toInstant();
    }

    /** INV-CA-13: the calendar month (UTC, {@code YYYY-MM}) that postpaid usage at {@code instant} is billed in. */
    static String monthOf(Instant instant) {
        return YearMonth.from(instant.atZone(ZoneOffset.UTC)).toString();
    }

    /** The first instant after {@code month} (UTC): when its postpaid usage invoice falls due. */
    public static Instant endOf(String month) {
        return YearMonth.parse(month).plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
