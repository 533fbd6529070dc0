package org.commcredits.ledger.command.creditaccount;

import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.commcredits.ledger.api.creditaccount.AccountStanding;
import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.creditaccount.CreditAccountOpened;
import org.commcredits.ledger.api.creditaccount.FundingSource;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.FundsReserved;
import org.commcredits.ledger.api.creditaccount.PaymentMethodSet;
import org.commcredits.ledger.api.creditaccount.TrancheHold;
import org.commcredits.ledger.api.creditaccount.TranchePortion;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.command.payment.PaymentProvider;
import org.commcredits.ledger.command.payment.SandboxPaymentProvider;
import org.commcredits.ledger.platform.storage.AxonStorageConfiguration;
import org.commcredits.ledger.platform.storage.EventJson;
import org.commcredits.ledger.platform.testing.H2TestDatabase;
import org.commcredits.ledger.platform.testing.PostgresTestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snapshots make a long-lived account load in constant time: an account with 100,000 events loads from its
 * snapshot about as fast as one with 100. The events are written straight into the real JDBC event store
 * (the application's schema by Flyway, its Jackson serializer), so the snapshot goes through the same JSON
 * as in production. Runs on embedded H2 with 20,000 events in the build; {@code -Dledger.bench=true} runs the
 * 100,000-event case on PostgreSQL (add {@code -Dledger.bench.db=h2} for H2).
 */
class CreditAccountSnapshotTest {

    /** 100,000 with {@code -Dledger.bench=true}; 20,000 in the build, to keep it under 20 s on two cores. */
    private static final int LONG_LIVED = Integer.getInteger("ledger.snapshot.events",
            Boolean.getBoolean("ledger.bench") ? 100_000 : 20_000);
    private static final int SHORT_LIVED = 100;
    private static final int THRESHOLD = 100;
    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

    private static PostgresTestDatabase postgres;
    private static HikariDataSource dataSource;
    private static Configuration axon;
    private static Serializer serializer;

    @BeforeAll
    static void start() {
        String url;
        String user;
        if (Boolean.getBoolean("ledger.bench") && !"h2".equals(System.getProperty("ledger.bench.db"))) {
            postgres = PostgresTestDatabase.create("ca_snapshot");
            url = postgres.url();
            user = postgres.user();
        } else {
            url = H2TestDatabase.memoryUrl("ca_snapshot");
            user = "sa";
        }
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setMaximumPoolSize(4);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common").load().migrate();
        serializer = JacksonSerializer.builder().objectMapper(EventJson.mapper()).lenientDeserialization().build();
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(dataSource::getConnection)
                .transactionManager(org.axonframework.common.transaction.NoTransactionManager.instance())
                .schema(new AxonStorageConfiguration().eventSchema())
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .dataType(byte[].class)
                .build();
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> engine)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(CreditAccount.class)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), THRESHOLD)))
                .registerComponent(Clock.class, c -> Clock.systemUTC())
                .registerComponent(PaymentProvider.class, c -> new SandboxPaymentProvider(Duration.ZERO))
                .registerComponent(CreditAccountPolicy.class, c -> CreditAccountPolicy.defaults())
                .buildConfiguration();
        axon.start();
    }

    @AfterAll
    static void stop() {
        if (axon != null) {
            axon.shutdown();
        }
        if (dataSource != null) {
            dataSource.close();
        }
        if (postgres != null) {
            postgres.drop();
        }
    }

    @Test
    @DisplayName("INV-CA-17 an account with 100,000 events (20,000 in the build) loads from its snapshot as fast as one with 100")
    void longLivedAccountLoadsInConstantTime() {
        TenantId small = TenantId.of("small");
        TenantId large = TenantId.of("large");
        long writeStart = System.nanoTime();
        write(small, SHORT_LIVED);
        write(large, LONG_LIVED);
        long writeMillis = (System.nanoTime() - writeStart) / 1_000_000;

        long fullReplay = timeLoad(large); // no snapshot yet: replays everything and triggers the snapshot
        long firstSmall = timeLoad(small);
        assertThat(snapshotCount()).as("the trigger stored a snapshot of each account").isGreaterThanOrEqualTo(2);
        long smallLoad = median(small);
        long largeLoad = median(large);

        System.out.printf("SNAPSHOT MEASUREMENT on %s: wrote %,d events in %,d ms; first load of %,d events (full replay + snapshot) %,d ms; "
                        + "with snapshots (median of 15): %,d events %.2f ms, %,d events %.2f ms (first load of %d: %.2f ms)%n",
                postgres == null ? "H2" : "PostgreSQL", LONG_LIVED + SHORT_LIVED, writeMillis, LONG_LIVED,
                fullReplay / 1_000_000, SHORT_LIVED, smallLoad / 1e6, LONG_LIVED, largeLoad / 1e6, SHORT_LIVED, firstSmall / 1e6);
        assertThat(standing(large).balance()).isEqualTo(Money.ofMinor(100_000_000L - (LONG_LIVED - 3), "USD"));
        // Constant time: the long-lived account costs no more than a few times the short one (JSON of a bounded
        // state), and a small fraction of a full replay.
        assertThat(largeLoad).isLessThan(Math.max(smallLoad * 5, 20_000_000L));
        assertThat(largeLoad).isLessThan(fullReplay / 10);
    }

    @Test
    @DisplayName("INV-CA-17 a snapshot of a rich state reads back to the same state through the event JSON")
    void snapshotRoundTripsThroughJson() {
        TenantId tenant = TenantId.of("rich");
        String id = tenant.creditAccountAggregateId();
        List<DomainEventMessage<?>> events = new ArrayList<>();
        Instant at = Instant.now().minusSeconds(60);
        add(events, id, new CreditAccountOpened(tenant, "USD", BillingAgreement.DIRECT, at, "t"));
        add(events, id, new PaymentMethodSet(tenant, "CARD", "pm_card_visa", "t", at));
        add(events, id, new FundsAdded(tenant, "tr-1", usd(10_000), at, at.plus(Duration.ofDays(365)), "inv-1",
                FundingSource.MANUAL, null, usd(10_000)));
        add(events, id, new FundsAdded(tenant, "tr-2", usd(5_000), at, at.plus(Duration.ofDays(366)), "inv-2",
                FundingSource.MANUAL, null, usd(15_000)));
        add(events, id, new FundsConsumed(tenant, "c-1", "call-1", null, usd(12_000),
                List.of(new TranchePortion("tr-1", usd(10_000), usd(0)), new TranchePortion("tr-2", usd(2_000), usd(3_000))),
                usd(3_000), at));
        add(events, id, new FundsReserved(tenant, "r-1", usd(1_000), List.of(new TrancheHold("tr-2", usd(1_000))),
                usd(2_000), at, Instant.now().plus(Duration.ofHours(1))));
        axon.eventStore().publish(events);
        CreditAccount live = aggregate(id);
        Object copy = serializer.deserialize(serializer.serialize(live, byte[].class));
        assertThat(copy).usingRecursiveComparison().isEqualTo(live);
        assertThat(((CreditAccount) copy).standingAt(Instant.now()))
                .isEqualTo(new AccountStanding(tenant, "USD", BillingAgreement.DIRECT, usd(3_000), usd(2_000)));
    }

    private static void write(TenantId tenant, int count) {
        String id = tenant.creditAccountAggregateId();
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        Instant at = Instant.now().minusSeconds(3600);
        add(batch, id, new CreditAccountOpened(tenant, "USD", BillingAgreement.DIRECT, at, "bench"));
        add(batch, id, new PaymentMethodSet(tenant, "CARD", "pm_card_visa", "bench", at));
        add(batch, id, new FundsAdded(tenant, "tr-1", usd(100_000_000L), at, at.plus(Duration.ofDays(365)), "inv-1",
                FundingSource.MANUAL, null, usd(100_000_000L)));
        long remaining = 100_000_000L;
        for (int n = 3; n < count; n++) {
            remaining--;
            add(batch, id, new FundsConsumed(tenant, "c-" + n, "call-" + n, null, usd(1),
                    List.of(new TranchePortion("tr-1", usd(1), usd(remaining))), usd(remaining), at));
            if (batch.size() == 2_000) {
                axon.eventStore().publish(batch);
                batch = new ArrayList<>();
            }
        }
        axon.eventStore().publish(batch);
    }

    private static final java.util.Map<String, Long> SEQUENCES = new java.util.HashMap<>();

    private static void add(List<DomainEventMessage<?>> batch, String aggregateId, Object payload) {
        long sequence = SEQUENCES.merge(aggregateId, 1L, Long::sum) - 1;
        batch.add(new GenericDomainEventMessage<>("CreditAccount", aggregateId, sequence, payload));
    }

    private static Money usd(long minor) {
        return Money.ofMinor(minor, "USD");
    }

    private static long median(TenantId tenant) {
        long[] times = new long[15];
        for (int i = 0; i < times.length; i++) {
            times[i] = timeLoad(tenant);
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }

    /** Loads the account in a committed unit of work (so the snapshot trigger may store a snapshot). */
    private static long timeLoad(TenantId tenant) {
        long start = System.nanoTime();
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        axon.repository(CreditAccount.class).load(tenant.creditAccountAggregateId()).execute(account -> account.balance());
        unitOfWork.commit();
        return System.nanoTime() - start;
    }

    private static AccountStanding standing(TenantId tenant) {
        AtomicReference<AccountStanding> standing = new AtomicReference<>();
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        axon.repository(CreditAccount.class).load(tenant.creditAccountAggregateId())
                .execute(account -> standing.set(account.standingAt(Instant.now())));
        unitOfWork.rollback();
        return standing.get();
    }

    private static CreditAccount aggregate(String aggregateId) {
        AtomicReference<CreditAccount> found = new AtomicReference<>();
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        axon.repository(CreditAccount.class).load(aggregateId).execute(found::set);
        unitOfWork.rollback();
        return found.get();
    }

    private static int snapshotCount() {
        try (var connection = dataSource.getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT COUNT(*) FROM snapshot_event_entry")) {
            rows.next();
            return rows.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
