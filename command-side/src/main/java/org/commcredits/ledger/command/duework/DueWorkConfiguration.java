package org.commcredits.ledger.command.duework;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The due-work recorder runs subscribing (in the appending transaction) and lets failures roll the command
 * back rather than lose a due item; the sweeper needs Spring's scheduling.
 */
@Configuration
@EnableScheduling
class DueWorkConfiguration {

    @Bean
    ConfigurerModule dueWorkProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(DueWorkRecorder.PROCESSOR)
                .registerListenerInvocationErrorHandler(DueWorkRecorder.PROCESSOR, c -> PropagatingErrorHandler.instance()));
    }
}
