package org.commcredits.ledger.platform.storage;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.commcredits.ledger.platform.testing.H2TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** INV-API-11 at the unit level: a cached aggregate is handed out only while the store holds nothing newer. */
class FreshAggregateCacheTest {

    public static class Counter {
        @AggregateIdentifier
        String id = "t/counter";
    }

    private JdbcTemplate jdbc;

    @BeforeEach
    void createStore() {
        jdbc = new JdbcTemplate(new DriverManagerDataSource(H2TestDatabase.memoryUrl("fresh"), "sa", ""));
        jdbc.execute("CREATE TABLE domain_event_entry (aggregate_identifier VARCHAR(255), sequence_number BIGINT)");
    }

    @Test
    @DisplayName("Axon's cache entry still keeps its version where FreshAggregateCache reads it")
    void canReadTheVersionOfAnAxonCacheEntry() {
        assertThat(FreshAggregateCache.versionOf(entryAtVersion(41))).isEqualTo(41L);
    }

    @Test
    @DisplayName("INV-API-11: a hit is used while current, dropped once another writer stored a later event")
    void cannotHandOutAnAggregateTheStoreHasMovedOnFrom() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        FreshAggregateCache cache = new FreshAggregateCache("Counter", 10, true, jdbc, meters);
        storeEventsUpTo(3);
        cache.put("t/counter", entryAtVersion(3));

        assertThat((Object) cache.get("t/counter")).as("current").isNotNull();
        storeEventsUpTo(4); // another instance appended
        assertThat((Object) cache.get("t/counter")).as("stale").isNull();
        assertThat(cache.containsKey("t/counter")).as("and dropped").isFalse();
        assertThat(meters.counter("ledger.aggregate.cache", "aggregate", "Counter", "result", "stale").count()).isEqualTo(1);
    }

    @Test
    @DisplayName("INV-API-11: a cached version the store never got (a failed commit) is not handed out either")
    void cannotHandOutAVersionThatWasNeverStored() {
        FreshAggregateCache cache = new FreshAggregateCache("Counter", 10, true, jdbc, new SimpleMeterRegistry());
        storeEventsUpTo(3);
        cache.put("t/counter", entryAtVersion(4));
        assertThat((Object) cache.get("t/counter")).isNull();
    }

    @Test
    void canTellAnAggregateThatMayExistFromOneThatCannot() {
        FreshAggregateCache cache = new FreshAggregateCache("Counter", 10, true, jdbc, new SimpleMeterRegistry());
        assertThat(cache.mayExist("t/counter")).as("neither cached nor stored").isFalse();
        storeEventsUpTo(0);
        assertThat(cache.mayExist("t/counter")).as("stored").isTrue();
        cache.put("t/other", entryAtVersion(0));
        assertThat(cache.mayExist("t/other")).as("cached, not yet committed").isTrue();
    }

    @Test
    void canSkipTheCheckWhereOneJvmWritesAlone() {
        FreshAggregateCache cache = new FreshAggregateCache("Counter", 10, false, jdbc, new SimpleMeterRegistry());
        cache.put("t/counter", entryAtVersion(9));
        assertThat((Object) cache.get("t/counter")).isNotNull();
    }

    private void storeEventsUpTo(long sequence) {
        jdbc.update("DELETE FROM domain_event_entry");
        for (long s = 0; s <= sequence; s++) {
            jdbc.update("INSERT INTO domain_event_entry VALUES ('t/counter', ?)", s);
        }
    }

    private static AggregateCacheEntry<Counter> entryAtVersion(long version) {
        return new AggregateCacheEntry<>(EventSourcedAggregate.reconstruct(new Counter(),
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Counter.class), version, false, SimpleEventBus.builder().build(),
                NoSnapshotTriggerDefinition.TRIGGER));
    }
}
