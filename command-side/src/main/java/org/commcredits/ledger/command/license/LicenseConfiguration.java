package org.commcredits.ledger.command.license;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Licensing's wiring: the inventory's snapshots and the processor that keeps the call path's lookup table. */
@Configuration
class LicenseConfiguration {

    /**
     * A snapshot of a tenant's inventory every {@code ledger.license.snapshot-threshold} events (default 50):
     * a tenant of 10,000 users loads from one snapshot plus at most that many events.
     */
    @Bean
    SnapshotTriggerDefinition tenantLicensesSnapshotTrigger(Snapshotter snapshotter,
                                                            @Value("${ledger.license.snapshot-threshold:50}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /** The lookup table commits with the events, and a failure there fails the command rather than being logged. */
    @Autowired
    void configure(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(UserCallingProfiles.PROCESSOR);
        processing.registerListenerInvocationErrorHandler(UserCallingProfiles.PROCESSOR,
                configuration -> PropagatingErrorHandler.instance());
        // A grant that fails (a conflict with an assignment) is retried by the processor, never skipped.
        processing.registerListenerInvocationErrorHandler(CommunicationCreditsSeats.PROCESSOR,
                configuration -> PropagatingErrorHandler.instance());
    }
}
