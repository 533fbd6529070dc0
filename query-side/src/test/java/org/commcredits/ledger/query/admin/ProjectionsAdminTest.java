package org.commcredits.ledger.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.commcredits.ledger.api.audit.ProjectionReplayRequested;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.DisplayName;
import org.commcredits.ledger.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@QuerySideTest
class ProjectionsAdminTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore store;
    @LocalServerPort
    int port;

    @Test
    void showsEachProcessorsPositionLagAndState() {
        LedgerHttp.Answer answer = LedgerHttp.onPort(port).get("operator", "/api/admin/projections");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode items = answer.json().get("items");
        assertThat(items.findValuesAsText("name")).contains("balance", "invoices", "ledger");
        for (JsonNode item : items) {
            assertThat(item.get("state").asText()).isIn("RUNNING", "REPLAYING");
            assertThat(item.has("lag")).isTrue();
            assertThat(item.has("position")).isTrue();
        }
    }

    @Test
    @DisplayName("INV-RM-07: a replay reports progress (done, total, rate) and is recorded as an event")
    void replaysWithProgressAndRecordsWhoAskedFor() throws InterruptedException {
        LedgerHttp http = LedgerHttp.onPort(port);
        LedgerHttp.Answer started = http.post("operator", "/api/admin/projections/invoices/replay", null);
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().get("state").asText()).isEqualTo("RUNNING");
        assertThat(started.json().has("total")).isTrue();

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode replay;
        do {
            Thread.sleep(100);
            replay = find(http.get("operator", "/api/admin/projections").json(), "invoices").get("replay");
        } while (!"FINISHED".equals(replay.get("state").asText()) && System.nanoTime() < deadline);
        assertThat(replay.get("state").asText()).isEqualTo("FINISHED");
        assertThat(replay.get("done").asLong()).isEqualTo(replay.get("total").asLong());
        assertThat(replay.get("requestedBy").asText()).isEqualTo("operator");

        Long recorded = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE payload_type = ? AND payload_revision = '2'",
                Long.class, ProjectionReplayRequested.class.getName());
        assertThat(recorded).isPositive();
    }

    @Test
    void cannotReplayUnknownProjectionOrWithoutOperatorRole() {
        LedgerHttp http = LedgerHttp.onPort(port);
        LedgerHttp.Answer unknown = http.post("operator", "/api/admin/projections/nope/replay", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("PROJECTION_NOT_FOUND");
        assertThat(http.post("auditor", "/api/admin/projections/ledger/replay", null).status()).isEqualTo(403);
        assertThat(http.get("finance_reader", "/api/admin/projections").status()).isEqualTo(403);
    }

    private static JsonNode find(JsonNode projections, String name) {
        for (JsonNode item : projections.get("items")) {
            if (name.equals(item.get("name").asText())) {
                return item;
            }
        }
        throw new AssertionError("no projection " + name);
    }
}
