package org.commcredits.ledger.query.reliability;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.commcredits.ledger.apps.QuerySideApplication;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.commcredits.ledger.platform.testing.PostgresTestDatabase;
import org.commcredits.ledger.query.support.AccountEvents;
import org.commcredits.ledger.query.verify.Verification;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * INV-REL-01: a read model holds exactly one row per event, filed under the event's own global index, however
 * the writers' transactions interleave. Many tenants are written by concurrent transactions that hold their
 * global index for a random while before committing, so events commit out of index order and fill gaps that
 * the processors have already passed. Before the fix, the ledger filed such an event under the token's
 * position (the highest index read): it replaced another tenant's row, or, within one batch, failed with a
 * {@code DuplicateKeyException} that stopped the projection for good (issue 16).
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "LEDGER_DB_USER=postgres",
        "LEDGER_SANDBOX=true",
        "ledger.verify.initial-delay=PT24H",
        "logging.level.root=WARN"})
@DirtiesContext
class OutOfOrderCommitsPostgresTest {

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("out_of_order");
    private static final String[] PROCESSORS = {"ledger", "balance", "invoices", "notifications", "eligibility"};

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("LEDGER_DB_URL", DATABASE::url);
    }

    @Autowired
    EventStore store;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ProcessorPositions positions;
    @Autowired
    Verification verification;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    @DisplayName("INV-REL-01: out-of-order commits over many tenants leave exactly one ledger row per event, at its own index")
    void everyEventOnceAtItsOwnIndex() throws Exception {
        int threads = 8;
        int tenantsPerThread = 2;
        int operations = 30;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<String>>> written = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long seed = 1_000L + t;
            written.add(pool.submit(() -> writeTenants(seed, tenantsPerThread, operations)));
        }
        List<String> tenants = new ArrayList<>();
        for (Future<List<String>> future : written) {
            tenants.addAll(future.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();

        long last = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        AccountEvents.awaitProjected(positions, last, PROCESSORS);

        Map<Long, String> expected = jdbc.queryForList(
                        "SELECT global_index, aggregate_identifier FROM domain_event_entry WHERE payload_type IN "
                                + "('org.commcredits.ledger.api.creditaccount.FundsAdded', 'org.commcredits.ledger.api.creditaccount.FundsConsumed', "
                                + "'org.commcredits.ledger.api.creditaccount.TrancheExpired', 'org.commcredits.ledger.api.creditaccount.UnfundedUsageRecorded')")
                .stream().collect(Collectors.toMap(row -> ((Number) row.get("global_index")).longValue(),
                        row -> ((String) row.get("aggregate_identifier")).replace("/credit-account", "")));
        Map<Long, String> actual = jdbc.queryForList("SELECT sequence, tenant_id FROM rm_ledger_entry").stream()
                .collect(Collectors.toMap(row -> ((Number) row.get("sequence")).longValue(), row -> (String) row.get("tenant_id")));
        assertThat(actual).hasSameSizeAs(expected).isEqualTo(expected);

        for (String processor : PROCESSORS) {
            TrackingEventProcessor tracking = processing.eventProcessor(processor, TrackingEventProcessor.class).orElseThrow();
            assertThat(tracking.processingStatus().values()).as(processor).noneMatch(status -> status.isErrorState());
        }
        for (String tenant : tenants) {
            Verification.Report report = verification.verify(tenant);
            assertThat(report.differences()).as(tenant).isEmpty();
            assertThat(report.consistent()).isTrue();
        }
    }

    /** Each thread owns its tenants, so each aggregate's sequence numbers stay its own; commits interleave across threads. */
    private List<String> writeTenants(long seed, int count, int operations) {
        Random random = new Random(seed);
        List<AccountEvents> accounts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Instant at = Instant.parse("2026-01-10T10:00:00Z");
        for (int i = 0; i < count; i++) {
            AccountEvents account = new AccountEvents(store, jdbc, "ooo");
            inSlowTransaction(random, () -> account.open(at));
            accounts.add(account);
            ids.add(account.tenant());
        }
        int[] tranches = new int[count];
        long[] remaining = new long[count];
        for (int op = 0; op < operations; op++) {
            int i = random.nextInt(count);
            AccountEvents account = accounts.get(i);
            Instant when = at.plusSeconds(60L * op);
            int kind = random.nextInt(4);
            if (tranches[i] == 0 || kind == 0) {
                tranches[i]++;
                remaining[i] = 5_000;
                String tranche = "tr-" + tranches[i];
                inSlowTransaction(random, () -> account.fund(tranche, 5_000, when));
            } else if (kind == 3 && remaining[i] > 0) {
                long forfeited = remaining[i];
                remaining[i] = 0;
                String tranche = "tr-" + tranches[i];
                inSlowTransaction(random, () -> account.expire(tranche, forfeited, when));
            } else if (remaining[i] >= 100) {
                remaining[i] -= 100;
                long after = remaining[i];
                String tranche = "tr-" + tranches[i];
                String call = "call-" + op;
                inSlowTransaction(random, () -> account.consume(call, tranche, 100, after, when));
            } else {
                String call = "call-" + op;
                inSlowTransaction(random, () -> account.unfunded(call, 100, when));
            }
        }
        return ids;
    }

    private void inSlowTransaction(Random random, Runnable write) {
        int holdMillis = random.nextInt(25);
        transactions.executeWithoutResult(status -> {
            write.run();
            try {
                Thread.sleep(holdMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
