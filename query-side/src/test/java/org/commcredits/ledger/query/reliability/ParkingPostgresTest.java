package org.commcredits.ledger.query.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.commcredits.ledger.apps.QuerySideApplication;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.commcredits.ledger.platform.testing.PostgresTestDatabase;
import org.commcredits.ledger.query.support.AccountEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
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
 * INV-REL-03 and INV-REL-04 on PostgreSQL: an event that keeps failing in one projection is retried, then parked
 * in the dead-letter queue with the tenant's later events behind it; the other tenants and the other
 * projections keep flowing; the admin API, health, the gauge and an operator notification say so; after the
 * cause is mended, the operator's retry handles the parked events in order and empties the queue.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "LEDGER_DB_USER=postgres",
        "LEDGER_SANDBOX=true",
        "ledger.verify.initial-delay=PT24H",
        "logging.level.root=WARN"})
@DirtiesContext
@AutoConfigureObservability
class ParkingPostgresTest {

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("parking");
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
    FailingProbe probe;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void healthy() {
        FailingProbe.FAILING.set(false);
    }

    @Test
    @DisplayName("INV-REL-03: retried, then parked per tenant; others flow; shown in admin, health, gauge, notifications; retry empties it")
    void parksRetriesAndRecovers() throws Exception {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        AccountEvents poison = new AccountEvents(store, jdbc, "poison");
        AccountEvents healthy = new AccountEvents(store, jdbc, "healthy");
        poison.open(at);
        healthy.open(at);
        FailingProbe.FAILING.set(true);
        poison.fund("tr-1", 5_000, at);
        healthy.fund("tr-1", 5_000, at);
        long last = poison.fund("tr-2", 7_000, at.plusSeconds(60));

        // three attempts with the processor's backoff (1 s, 2 s), then parked on the fourth
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM dead_letter_entry WHERE processing_group = ?",
                FailingProbe.PROCESSOR) == 2);
        AccountEvents.awaitProjected(positions, last, FailingProbe.PROCESSOR, "ledger", "balance");
        assertThat(probe.handled()).contains("tr-1@" + healthy.tenant()).noneMatch(h -> h.endsWith("@" + poison.tenant()));
        // the other projections were never affected
        assertThat(count("SELECT COUNT(*) FROM rm_ledger_entry WHERE tenant_id = ?", poison.tenant())).isEqualTo(2);

        JsonNode projections = get("/api/admin/projections", "operator");
        JsonNode view = find(projections.get("items"), FailingProbe.PROCESSOR);
        assertThat(view.get("deadLetters").asInt()).isEqualTo(2);
        assertThat(view.get("state").asText()).isEqualTo("RUNNING");
        JsonNode letters = get("/api/admin/projections/" + FailingProbe.PROCESSOR + "/dead-letters", "operator").get("items");
        assertThat(letters).hasSize(2);
        assertThat(letters.get(0).get("tenantId").asText()).isEqualTo(poison.tenant());
        assertThat(letters.get(0).get("eventType").asText()).isEqualTo("FundsAdded");
        assertThat(get("/actuator/health", null).at("/components/projections/components/" + FailingProbe.PROCESSOR + "/status").asText())
                .isEqualTo("DEGRADED");
        assertThat(get("/actuator/health", "operator").at("/components/projections/components/ledger/status").asText()).isEqualTo("UP");
        assertThat(text("/actuator/prometheus", "operator"))
                .contains("ledger_projection_dead_letters{projection=\"" + FailingProbe.PROCESSOR + "\"} 2.0");
        JsonNode notifications = get("/api/admin/notifications", "operator").get("items");
        assertThat(notifications).anySatisfy(n -> {
            assertThat(n.get("type").asText()).isEqualTo("PROJECTION_EVENT_PARKED");
            assertThat(n.get("tenantId").asText()).isEqualTo(poison.tenant());
            assertThat(n.get("projection").asText()).isEqualTo(FailingProbe.PROCESSOR);
        });

        // retrying while the cause remains keeps them parked
        JsonNode stillFailing = post("/api/admin/projections/" + FailingProbe.PROCESSOR + "/dead-letters/retry", "operator");
        assertThat(stillFailing.get("parkedAfter").asInt()).isEqualTo(2);

        FailingProbe.FAILING.set(false);
        JsonNode retried = post("/api/admin/projections/" + FailingProbe.PROCESSOR + "/dead-letters/retry", "operator");
        assertThat(retried.get("parkedBefore").asInt()).isEqualTo(2);
        assertThat(retried.get("parkedAfter").asInt()).isZero();
        assertThat(probe.handled()).containsSubsequence("tr-1@" + poison.tenant(), "tr-2@" + poison.tenant());
        assertThat(get("/actuator/health", null).at("/components/projections/components/" + FailingProbe.PROCESSOR + "/status").asText())
                .isEqualTo("UP");

        // a later event of the tenant flows normally again
        long next = poison.fund("tr-3", 5_000, at.plusSeconds(120));
        AccountEvents.awaitProjected(positions, next, FailingProbe.PROCESSOR);
        assertThat(probe.handled()).contains("tr-3@" + poison.tenant());
        assertThat(count("SELECT COUNT(*) FROM dead_letter_entry", null)).isZero();
    }

    private int count(String sql, String argument) {
        Integer n = argument == null ? jdbc.queryForObject(sql, Integer.class) : jdbc.queryForObject(sql, Integer.class, argument);
        return n == null ? 0 : n;
    }

    private static JsonNode find(JsonNode items, String name) {
        for (JsonNode item : items) {
            if (name.equals(item.get("name").asText())) {
                return item;
            }
        }
        throw new AssertionError("no projection " + name + " in " + items);
    }

    private JsonNode get(String path, String user) throws Exception {
        return JSON.readTree(text(path, user));
    }

    private String text(String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private JsonNode post(String path, String user) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", basic(user)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }
}
