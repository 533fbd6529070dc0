package org.commcredits.ledger.command.rating;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rate book's processor is subscribing: rows change in the upload's transaction, never later. */
@Configuration
class RatingConfiguration {

    @Bean
    ConfigurerModule rateBookProcessor() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerSubscribingEventProcessor(RateBook.PROCESSOR));
    }
}
