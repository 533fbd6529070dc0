package org.commcredits.ledger.api.rating;

import java.time.Instant;

/**
 * One line of a rate card: calls to numbers starting with {@code prefix} (E.164 digits, no {@code +}) cost
 * {@code connectionFee} once plus {@code perMinute} per started minute, from {@code effectiveFrom} on.
 * Prices carry up to 4 decimals, so they are kept in ten-thousandths of the currency's major unit
 * ({@code perMinuteE4 = 1234} is 0.1234 USD); only the rounded charge of a call becomes {@code Money}.
 */
public record RateRow(String prefix, String destination, String currency, long perMinuteE4, long connectionFeeE4,
                      Instant effectiveFrom) {
}
