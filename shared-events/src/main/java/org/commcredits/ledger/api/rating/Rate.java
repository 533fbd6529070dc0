package org.commcredits.ledger.api.rating;

import java.time.Instant;

/**
 * The rate a call was rated with: the row ({@link RateRow}'s fields) and the upload it came from
 * ({@code rateCardId}, {@code version}: the upload's count for that id, 1 for the first).
 */
public record Rate(String rateCardId, long version, String prefix, String destination, String currency,
                   long perMinuteE4, long connectionFeeE4, Instant effectiveFrom) {

    public static Rate of(String rateCardId, long version, RateRow row) {
        return new Rate(rateCardId, version, row.prefix(), row.destination(), row.currency(), row.perMinuteE4(),
                row.connectionFeeE4(), row.effectiveFrom());
    }
}
