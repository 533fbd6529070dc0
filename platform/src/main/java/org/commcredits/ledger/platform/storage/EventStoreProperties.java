package org.commcredits.ledger.platform.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the event store, with the measured reasons for each default in {@code docs/operations.md}.
 *
 * @param batchSize              events fetched per query by tracking processors
 * @param gapTimeoutMillis       how long a missing global index is waited for before it may be skipped;
 *                               must exceed the longest transaction that appends events
 * @param gapCleaningThreshold   number of gaps in a token before old gaps are cleaned
 * @param fetchDelayMillis       how often an idle processor polls for events written by other JVMs
 */
@ConfigurationProperties("ledger.event-store")
public record EventStoreProperties(@DefaultValue("100") int batchSize,
                                   @DefaultValue("60000") int gapTimeoutMillis,
                                   @DefaultValue("250") int gapCleaningThreshold,
                                   @DefaultValue("100") long fetchDelayMillis) {
}
