package org.commcredits.ledger.query.config;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.serialization.Serializer;
import org.commcredits.ledger.platform.storage.TenantSequencingPolicy;
import org.springframework.beans.factory.annotation.Qualifier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;

import java.util.concurrent.TimeUnit;

/**
 * How the query side's projections are run, chosen deliberately (figures in {@code docs/operations.md}):
 * <ul>
 *   <li>tracking processors, because they poll the shared event store every 100 ms and gave the lowest
 *       cross-JVM lag measured (70 ms average against 329 ms for pooled ones);</li>
 *   <li>{@code ledger.processors.batch-size} events per transaction (default 100): batch size 1, Axon's
 *       default, replays about 6 times slower;</li>
 *   <li>{@code ledger.processors.segments} segments (default 2 on a query-side instance, 1 standalone) and
 *       as many threads per instance, so that one instance can process every segment alone and several
 *       query-side instances share them (each claims what the others leave; a claim times out after 10 s
 *       when an instance dies). Every segment reads the whole stream, so more segments than instances
 *       only cost: a rebuild ran about 2.7 times faster with one segment than with two here.</li>
 * <li>an event-availability timeout of 100 ms ({@code ledger.processors.event-availability-timeout-millis})
 *     instead of Axon's 1 s: an idle tracking thread now and then missed the store's wake-up and waited
 *     the whole timeout, which put split-mode lag at p90 1,068 ms; with 100 ms p99 was 195 ms.</li>
 * </ul>
 * This is the default for every tracking processor that {@code axon.eventhandling.processors.*} does not
 * configure by name.
 */
@Configuration
public class ProcessorConfiguration {

    @Bean
    public ConfigurerModule queryProcessorDefaults(Environment environment,
                                                   @Value("${ledger.processors.batch-size:100}") int batchSize,
                                                   @Value("${ledger.processors.token-claim-interval-millis:1000}") long claimInterval,
                                                   @Value("${ledger.processors.event-availability-timeout-millis:100}") long availabilityTimeout) {
        int segments = segments(environment);
        return configurer -> configurer.eventProcessing(processing -> processing.registerTrackingEventProcessorConfiguration(
                axon -> TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                        .andInitialSegmentsCount(segments)
                        .andBatchSize(batchSize)
                        .andTokenClaimInterval(claimInterval, TimeUnit.MILLISECONDS)
                        .andEventAvailabilityTimeout(availabilityTimeout, TimeUnit.MILLISECONDS)));
    }

    /**
     * The query side's projections (every {@code @ProcessingGroup} bean of this module's packages) commit
     * through {@link ProjectionTransactionManager}: on PostgreSQL without waiting for the disk, unless
     * {@code ledger.processors.async-commit=false}. Other processors (the command side's, in the standalone
     * application) keep Axon's default.
     */
    /**
     * Processors whose rows are not a rebuildable copy: the webhook outbox. A message the dispatcher already
     * sent must not vanish in a crash and come back as new, so its commits wait for the disk.
     */
    static final Set<String> DURABLE_COMMITS = Set.of("webhooks");

    @Bean
    public ConfigurerModule projectionTransactions(ApplicationContext context, PlatformTransactionManager transactions,
                                                   JdbcTemplate jdbc, DataSource dataSource,
                                                   @Value("${ledger.processors.async-commit:true}") boolean asyncCommit) {
        Set<String> projections = projectionNames(context);
        boolean relax = asyncCommit && isPostgres(dataSource);
        return configurer -> configurer.eventProcessing(processing -> projections.forEach(name ->
                processing.registerTransactionManager(name, axon -> new ProjectionTransactionManager(transactions, jdbc,
                        relax && !DURABLE_COMMITS.contains(name)))));
    }

    /** Which events keep failing in which projection (INV-REL-03). */
    @Bean
    public ProjectionFailures projectionFailures() {
        return new ProjectionFailures();
    }

    /** Registered with Axon as a Spring bean: handlers of parked events are not run again. */
    @Bean
    public HandlerEnhancerDefinition parkingHandlerEnhancer(ProjectionFailures projectionFailures) {
        return new ParkingHandlerEnhancer(projectionFailures);
    }

    /**
     * Every projection processes a tenant's events in order (one segment per tenant) and parks an event that
     * keeps failing in Axon's JDBC dead-letter queue ({@code dead_letter_entry}), sequenced per tenant, so the
     * other tenants keep flowing (issue 16). {@code GET /api/admin/projections} lists what is parked; {@code POST
     * /api/admin/projections/{name}/dead-letters/retry} handles it again.
     *
     * <p>The invoker keeps Axon's sequence-identifier cache: without it, every event cost a
     * {@code SELECT} on {@code dead_letter_entry} (is this tenant's sequence parked?), a round trip per event
     * that made up most of a rebuild's database time (docs/benchmarks.md). The cache is per segment and answers
     * "not parked" for a tenant without asking only when the queue was empty as the segment was claimed, or the
     * table said so recently, and no letter of that tenant was parked since; letters are parked only by the
     * invoker owning the tenant's segment, and when the cache is unsure it asks the table, so a parked tenant
     * still waits behind its letter.
     */
    @Bean
    public ConfigurerModule projectionDeadLetterQueues(ApplicationContext context, ProjectionFailures projectionFailures,
                                                       JdbcTemplate jdbc, java.time.Clock clock, ConnectionProvider connectionProvider,
                                                       DeadLetterSchema schema, Serializer serializer,
                                                       @Qualifier("eventSerializer") Serializer eventSerializer,
                                                       PlatformTransactionManager transactions) {
        Set<String> projections = projectionNames(context);
        ProjectionTransactionManager letterTransactions = new ProjectionTransactionManager(transactions, jdbc, false).alwaysNew();
        return configurer -> configurer.eventProcessing(processing -> projections.forEach(name -> processing
                .registerSequencingPolicy(name, axon -> new TenantSequencingPolicy())
                .registerDeadLetteringEventHandlerInvokerConfiguration(name, (axon, invoker) ->
                        invoker.transactionManager(letterTransactions).enableSequenceIdentifierCache())
                .registerDeadLetterPolicy(name, axon -> new RetryThenPark(name, projectionFailures, jdbc, clock))
                .registerDeadLetterQueue(name, axon -> JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(name)
                        .connectionProvider(connectionProvider)
                        .transactionManager(axon.getComponent(org.axonframework.common.transaction.TransactionManager.class))
                        .schema(schema)
                        .genericSerializer(serializer)
                        .eventSerializer(eventSerializer)
                        .build())));
    }

    /** The processing groups of the query side's projections: every {@code @ProcessingGroup} bean of its packages. */
    static Set<String> projectionNames(ApplicationContext context) {
        Set<String> projections = new TreeSet<>();
        for (String bean : context.getBeanNamesForAnnotation(ProcessingGroup.class)) {
            Class<?> type = context.getType(bean);
            ProcessingGroup group = type == null ? null : AnnotationUtils.findAnnotation(type, ProcessingGroup.class);
            if (group != null && type.getPackageName().startsWith("org.commcredits.ledger.query")) {
                projections.add(group.value());
            }
        }
        return projections;
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database the projections use", e);
        }
    }

    /**
     * One segment in the standalone application (one JVM: a second segment only makes every event be read
     * twice), two on a query-side instance so that two instances share the work; {@code ledger.processors.segments}
     * overrides both.
     */
    static int segments(Environment environment) {
        int byRole = "standalone".equals(environment.getProperty("ledger.role")) ? 1 : 2;
        return environment.getProperty("ledger.processors.segments", Integer.class, byRole);
    }
}
