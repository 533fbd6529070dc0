package org.commcredits.ledger.api.rating;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A rate card upload was accepted whole (INV-RATE-01). {@code version} counts the uploads of this
 * {@code rateCardId}; the rows of a new version replace the rows of the previous one (the contract's
 * "uploading the same id again replaces that upload's rows"). {@code uploadedAt} orders uploads for the
 * tie-break "among rows of the same prefix and effectiveFrom, the latest upload wins".
 */
@Revision("1")
public record RateCardUploaded(String rateCardId, long version, List<RateRow> rows, String uploadedBy,
                               Instant uploadedAt) {

    public RateCardUploaded {
        rows = List.copyOf(rows);
    }
}
