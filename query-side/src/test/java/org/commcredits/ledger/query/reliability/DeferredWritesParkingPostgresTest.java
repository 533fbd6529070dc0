package org.commcredits.ledger.query.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.commcredits.ledger.apps.QuerySideApplication;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.commcredits.ledger.platform.testing.PostgresTestDatabase;
import org.commcredits.ledger.query.support.AccountEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * INV-REL-03 with writes deferred to the commit ({@code DeferredWrites}): one tenant's rows cannot be written
 * (a database trigger refuses them), so its batch fails when it is about to commit, where the failure belongs to
 * no single event. The retried batch writes those events' rows in their handlers: the failing tenant's events
 * are retried, then parked; the other tenant in the same batch is written; after the cause is mended, the
 * operator's retry writes the parked events.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "LEDGER_DB_USER=postgres",
        "LEDGER_SANDBOX=true",
        "ledger.verify.initial-delay=PT24H",
        // one segment: both tenants' events in one batch
        "ledger.processors.segments=1",
        "logging.level.root=WARN"})
@DirtiesContext
class DeferredWritesParkingPostgresTest {

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("deferred_parking");
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("LEDGER_DB_URL", DATABASE::url);
    }

    @Autowired
    EventStore store;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessorPositions positions;
    @Autowired
    EventProcessingConfiguration processing;
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void mended() {
        jdbc.execute("DROP TRIGGER IF EXISTS refuse_poison ON rm_account");
    }

    @Test
    @DisplayName("INV-REL-03: a batch whose deferred writes fail at commit is retried per event; only the failing tenant parks")
    void commitFailureParksOnlyTheFailingTenant() throws Exception {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        AccountEvents poison = new AccountEvents(store, jdbc, "poison");
        AccountEvents healthy = new AccountEvents(store, jdbc, "healthy");
        poison.open(at);
        long opened = healthy.open(at);
        AccountEvents.awaitProjected(positions, opened, "balance");
        jdbc.execute("CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.tenant_id = '" + poison.tenant() + "' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER refuse_poison BEFORE UPDATE ON rm_account FOR EACH ROW EXECUTE FUNCTION refuse_poison()");

        // both tenants' events in one batch: the processor is stopped while they are appended
        StreamingEventProcessor balance = processing.eventProcessor("balance", StreamingEventProcessor.class).orElseThrow();
        balance.shutDown();
        poison.fund("tr-1", 5_000, at);
        healthy.fund("tr-1", 5_000, at);
        healthy.consume("c-1", "tr-1", 1_000, 4_000, at);
        long last = poison.fund("tr-2", 7_000, at.plusSeconds(60));
        balance.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COUNT(*) FROM dead_letter_entry WHERE processing_group = 'balance'") == 2);
        AccountEvents.awaitProjected(positions, last, "balance");
        assertThat(balanceOf(healthy.tenant())).isEqualTo(4_000);
        assertThat(balanceOf(poison.tenant())).isZero();
        assertThat(count("SELECT COUNT(*) FROM dead_letter_entry WHERE processing_group = 'balance' AND sequence_identifier <> '"
                + poison.tenant() + "'")).isZero();

        jdbc.execute("DROP TRIGGER refuse_poison ON rm_account");
        JsonNode retried = post("/api/admin/projections/balance/dead-letters/retry");
        assertThat(retried.get("parkedAfter").asInt()).isZero();
        assertThat(balanceOf(poison.tenant())).isEqualTo(12_000);
        assertThat(count("SELECT COUNT(*) FROM rm_tranche WHERE tenant_id = '" + poison.tenant() + "'")).isEqualTo(2);
    }

    private long balanceOf(String tenant) {
        return jdbc.queryForObject("SELECT balance_minor FROM rm_account WHERE tenant_id = ?", Long.class, tenant);
    }

    private int count(String sql) {
        Integer n = jdbc.queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }

    private JsonNode post(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("operator:operator".getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
