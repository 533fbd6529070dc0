package org.commcredits.ledger.api.rating;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Stores a validated rate card upload under {@code rateCardId}, replacing that id's previous rows. */
public record UploadRateCard(String rateCardId, List<RateRow> rows, String uploadedBy) {

    public UploadRateCard {
        rows = List.copyOf(rows);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return "rate-cards/" + rateCardId;
    }
}
