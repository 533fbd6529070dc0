package org.commcredits.ledger.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.commcredits.ledger.platform.storage.TenantSequencingPolicy;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.commcredits.ledger.query.support.QuerySideTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** INV-REL-04 (a stopped projection is DOWN in health) and INV-REL-07 (one tenant's events on one segment). */
@QuerySideTest
class ProcessorHealthAndSequencingTest {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProjectionReplays replays;
    @LocalServerPort
    int port;

    @Test
    @DisplayName("INV-REL-07: every projection sequences by tenant, so a tenant's events of every aggregate land on one segment")
    void oneTenantOneSegment() {
        Set<String> projections = replays.processors().keySet();
        assertThat(projections).contains("balance", "ledger", "invoices", "eligibility");
        for (String projection : projections) {
            SequencingPolicy<? super EventMessage<?>> policy = processing.sequencingPolicy(projection);
            assertThat(policy).as(projection).isInstanceOf(TenantSequencingPolicy.class);
        }
        TenantSequencingPolicy policy = new TenantSequencingPolicy();
        Segment[] segments = Segment.splitBalanced(Segment.ROOT_SEGMENT, 7).toArray(new Segment[0]);
        Set<Integer> segmentsUsed = new HashSet<>();
        for (int t = 0; t < 200; t++) {
            String tenant = "tenant-" + t;
            Set<Integer> tenantSegments = new HashSet<>();
            for (String aggregate : List.of(tenant + "/credit-account", tenant + "/licenses", tenant + "/calls/c-" + t,
                    tenant + "/pools/DOMESTIC/US/2026-01")) {
                Object sequence = policy.getSequenceIdentifierFor(
                        new GenericDomainEventMessage<>("Probe", aggregate, 0, "payload"));
                for (Segment segment : segments) {
                    if (segment.matches(sequence)) {
                        tenantSegments.add(segment.getSegmentId());
                    }
                }
            }
            assertThat(tenantSegments).as(tenant + "'s aggregates").hasSize(1);
            segmentsUsed.addAll(tenantSegments);
        }
        assertThat(segmentsUsed).as("tenants still spread over the segments").hasSizeGreaterThan(4);
    }

    @Test
    @DisplayName("INV-REL-04: a stopped projection is DOWN in /actuator/health, with state STOPPED, and UP again once started")
    void stoppedProjectionIsDown() {
        String name = "notifications";
        StreamingEventProcessor processor = replays.processors().get(name);
        assertThat(processor).isNotNull();
        LedgerHttp http = LedgerHttp.onPort(port);
        try {
            processor.shutDown();
            waitUntil(() -> !processor.isRunning());
            LedgerHttp.Answer health = http.get("operator", "/actuator/health");
            JsonNode component = health.json().at("/components/projections/components/" + name);
            assertThat(component.get("status").asText()).as(health.body()).isEqualTo("DOWN");
            assertThat(component.at("/details/state").asText()).isEqualTo("STOPPED");
            assertThat(health.json().get("status").asText()).isEqualTo("DOWN");
            assertThat(health.status()).isEqualTo(503);
        } finally {
            processor.start();
        }
        waitUntil(processor::isRunning);
        JsonNode after = http.get("operator", "/actuator/health").json();
        assertThat(after.at("/components/projections/components/" + name + "/status").asText()).isEqualTo("UP");
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
