package org.commcredits.ledger.command.rating;

import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.api.money.MoneyFormat;
import org.commcredits.ledger.api.rating.Rate;

import java.math.BigDecimal;

/**
 * What a call costs. INV-RATE-03: billed per started minute (61 s is 2 minutes; 0 s is 0). INV-RATE-04:
 * the connection fee is charged once per call, with the first minute paid by credit (a call the pool pays
 * whole costs nothing), and the charge is rounded once, by {@link MoneyFormat#round} (half up to the
 * currency's minor unit), never per minute.
 */
public final class Rating {

    private Rating() {
    }

    public static long billedMinutes(long durationSeconds) {
        return (durationSeconds + 59) / 60;
    }

    /** The charge for {@code creditMinutes} minutes paid by credit at {@code rate}. */
    public static Money charge(Rate rate, long creditMinutes) {
        if (creditMinutes <= 0) {
            return Money.zero(rate.currency());
        }
        long e4 = Math.addExact(rate.connectionFeeE4(), Math.multiplyExact(rate.perMinuteE4(), creditMinutes));
        return MoneyFormat.round(BigDecimal.valueOf(e4, RateCardCsv.MAX_PRICE_DECIMALS), rate.currency());
    }

    /** How many whole minutes {@code available} pays for at {@code rate}, the connection fee included. */
    public static long affordableMinutes(Rate rate, Money available, long cap) {
        if (rate.perMinuteE4() == 0) {
            return charge(rate, 1).compareTo(available) <= 0 ? cap : 0;
        }
        long low = 0;
        long high = cap;
        while (low < high) { // largest m with charge(m) <= available; charge grows with m
            long mid = (low + high + 1) >>> 1;
            if (charge(rate, mid).compareTo(available) <= 0) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }
}
