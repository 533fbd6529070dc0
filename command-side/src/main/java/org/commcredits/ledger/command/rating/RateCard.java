package org.commcredits.ledger.command.rating;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.commcredits.ledger.api.rating.RateCardUploaded;
import org.commcredits.ledger.api.rating.UploadRateCard;

import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One named rate card upload ({@code rate-cards/{rateCardId}}). Its rows were validated whole at the edge
 * (INV-RATE-01); the aggregate only counts versions, so that a re-upload replaces the previous rows.
 */
@Aggregate
class RateCard {

    @AggregateIdentifier
    private String id;
    private long version;

    RateCard() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    RateCardUploaded handle(UploadRateCard command, Clock clock) {
        RateCardUploaded uploaded = new RateCardUploaded(command.rateCardId(), version + 1, command.rows(),
                command.uploadedBy(), clock.instant());
        apply(uploaded);
        return uploaded;
    }

    @EventSourcingHandler
    void on(RateCardUploaded event) {
        id = "rate-cards/" + event.rateCardId();
        version = event.version();
    }
}
