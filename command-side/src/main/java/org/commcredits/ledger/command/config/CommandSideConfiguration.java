package org.commcredits.ledger.command.config;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The command side: aggregates, their REST paths and the work that falls due over time. */
@Configuration
@ComponentScan("org.commcredits.ledger.command")
public class CommandSideConfiguration {

    /**
     * A snapshot of the credit account every {@code ledger.snapshot.threshold} events (default 100), so an
     * account with a long history loads from its snapshot plus at most that many events.
     */
    @Bean
    public SnapshotTriggerDefinition creditAccountSnapshotTrigger(Snapshotter snapshotter,
                                                                  @Value("${ledger.snapshot.threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
