package org.commcredits.ledger.command.pool;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A pool takes one event per call, so a busy month's pool is snapshotted like the credit account. */
@Configuration
class PoolConfiguration {

    @Bean
    SnapshotTriggerDefinition poolSnapshotTrigger(Snapshotter snapshotter,
                                                  @Value("${ledger.snapshot.threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
