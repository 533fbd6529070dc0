package org.commcredits.ledger.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.commcredits.ledger.platform.testing.StandardWebhooksVerifier;
import org.commcredits.ledger.platform.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks through HTTP on PostgreSQL, as an integrator uses them: register an endpoint, fund the account, and
 * check each delivery with a verifier written from the contract alone; then the delivery log, rotation, manual
 * retry, a rebuild of the outbox processor, deletion and the answers to bad input.
 */
class WebhooksJourneyPostgresTest extends LedgerOnPostgres {

    private static final ObjectMapper JSON = new ObjectMapper();
    private WebhookReceiver receiver;

    @BeforeEach
    void receiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    @DisplayName("INV-WH-01 INV-WH-02 INV-WH-06 a registered endpoint receives signed funds.added and invoice.issued; the secret is shown once; a replay sends nothing again")
    void integratorJourney() throws Exception {
        LedgerHttp http = http();
        String tenant = FundedTenants.open(http, newTenant("webhooks"));
        String base = "/api/tenants/" + tenant + "/webhooks";
        LedgerHttp.Answer created = http.post("billing_admin", base, "{\"url\":\"" + receiver.url("/in") + "\","
                + "\"eventTypes\":[\"funds.added\",\"invoice.issued\"],\"description\":\"billing sync\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String webhookId = created.json().get("webhookId").asText();
        String secret = created.json().get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(created.json().get("enabled").asBoolean()).isTrue();
        assertThat(created.json().get("eventTypes")).hasSize(2);

        LedgerHttp.Answer listed = http.get("billing_admin", base);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(webhookId).doesNotContain(secret).doesNotContain("secret");
        assertThat(http.get("auditor", base).status()).isEqualTo(200);

        FundedTenants.fund(http, tenant, "75.00", null);
        List<WebhookReceiver.Received> got = await(() -> receiver.received("/in"), 2);
        StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(secret);
        long now = ledgerNow(http); // webhook-timestamp follows the sandbox test clock, which other tests move
        List<String> types = new ArrayList<>();
        for (WebhookReceiver.Received r : got) {
            assertThat(verifier.verify(r, now)).as(r.toString()).isTrue();
            JsonNode body = JSON.readTree(r.body());
            types.add(body.get("type").asText());
            assertThat(body.get("data").get("tenantId").asText()).isEqualTo(tenant);
            assertThat(body.get("timestamp").asText()).isNotBlank();
        }
        assertThat(types).containsExactly("funds.added", "invoice.issued");
        JsonNode funds = JSON.readTree(got.get(0).body()).get("data");
        assertThat(funds.get("amount").asText()).isEqualTo("75.00");
        assertThat(funds.get("currency").asText()).isEqualTo("USD");

        LedgerHttp.Answer deliveries = http.get("billing_admin", base + "/" + webhookId + "/deliveries");
        assertThat(deliveries.status()).isEqualTo(200);
        JsonNode items = deliveries.json().get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("messageId").asText()).isEqualTo(got.get(0).id());
        assertThat(items.get(0).get("eventType").asText()).isEqualTo("funds.added");
        assertThat(items.get(0).get("status").asText()).isEqualTo("DELIVERED");
        assertThat(items.get(0).get("attempts").asInt()).isEqualTo(1);
        assertThat(items.get(0).get("lastStatusCode").asInt()).isEqualTo(200);
        assertThat(items.get(0).get("nextAttemptAt").isNull()).isTrue();
        assertThat(items.get(0).get("log")).hasSize(1);

        // a rebuild of the outbox processor hands every event over again: nothing is sent twice
        LedgerHttp.Answer replay = http.post("operator", "/api/admin/projections/webhooks/replay", null);
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        awaitReplayDone(http);
        Thread.sleep(500);
        assertThat(receiver.received("/in")).hasSize(2);

        // rotation: both secrets sign for 24 h
        LedgerHttp.Answer rotated = http.post("billing_admin", base + "/" + webhookId + "/rotate-secret", null);
        assertThat(rotated.status()).isEqualTo(200);
        String newSecret = rotated.json().get("secret").asText();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(secret);
        // manual retry of a delivered message sends it again, same id, signed by both
        String messageId = items.get(0).get("messageId").asText();
        LedgerHttp.Answer retried = http.post("billing_admin", base + "/" + webhookId + "/deliveries/" + messageId + "/retry", null);
        assertThat(retried.status()).as(retried.body()).isEqualTo(202);
        WebhookReceiver.Received again = await(() -> receiver.received("/in"), 3).get(2);
        assertThat(again.id()).isEqualTo(messageId);
        assertThat(new StandardWebhooksVerifier(secret).verify(again, ledgerNow(http))).isTrue();
        assertThat(new StandardWebhooksVerifier(newSecret).verify(again, ledgerNow(http))).isTrue();

        assertThat(http.delete("billing_admin", base + "/" + webhookId).status()).isEqualTo(204);
        assertThat(http.delete("billing_admin", base + "/" + webhookId).code()).isEqualTo("WEBHOOK_NOT_FOUND");
        assertThat(http.get("billing_admin", base).json().get("items")).isEmpty();
        FundedTenants.fund(http, tenant, "50.00", null);
        Thread.sleep(700);
        assertThat(receiver.received("/in")).as("a deleted endpoint gets nothing").hasSize(3);
    }

    @Test
    @DisplayName("INV-WH-07 bad input to the webhook paths is problem+json with stable codes, and stores nothing")
    void badInput() {
        LedgerHttp http = http();
        String tenant = newTenant("webhooks-bad");
        String base = "/api/tenants/" + tenant + "/webhooks";
        String types = ",\"eventTypes\":[\"funds.added\"]}";
        expect(http.post("billing_admin", base, "{\"url\":\"ftp://127.0.0.1/x\"" + types), 400, "INVALID_WEBHOOK_URL");
        expect(http.post("billing_admin", base, "{\"url\":\"http://10.0.0.1/x\"" + types), 400, "INVALID_WEBHOOK_URL");
        expect(http.post("billing_admin", base, "{\"url\":\"http://169.254.169.254/latest/meta-data\"" + types), 400, "INVALID_WEBHOOK_URL");
        expect(http.post("billing_admin", base, "{\"url\":\"not a url\"" + types), 400, "INVALID_WEBHOOK_URL");
        expect(http.post("billing_admin", base, "{\"url\":\"" + receiver.url("/x") + "\",\"eventTypes\":[\"funds.stolen\"]}"), 400, "INVALID_EVENT_TYPE");
        expect(http.post("billing_admin", base, "{\"url\":\"" + receiver.url("/x") + "\",\"eventTypes\":[]}"), 400, "INVALID_EVENT_TYPE");
        expect(http.post("billing_admin", base, "{\"url\":\"" + receiver.url("/x") + "\"}"), 400, "INVALID_REQUEST");
        expect(http.post("billing_admin", base, "{\"eventTypes\":[\"funds.added\"]}"), 400, "INVALID_REQUEST");
        expect(http.post("billing_admin", base, "{\"url\":42" + types), 400, "INVALID_REQUEST");
        expect(http.post("billing_admin", base, "{\"url\":\"" + receiver.url("/x") + "\",\"eventTypes\":[\"funds.added\"],\"extra\":1}"),
                400, "INVALID_REQUEST");
        expect(http.post("billing_admin", base, "{\"url\":\"" + receiver.url("/x") + "\",\"eventTypes\":[\"funds.added\"],\"description\":\"a\\u0000b\"}"),
                400, "INVALID_REQUEST");
        expect(http.post("billing_admin", "/api/tenants/bad%20tenant/webhooks", "{\"url\":\"" + receiver.url("/x") + "\"" + types), 400, "INVALID_ID");
        expect(http.post("billing_admin", base + "/wh_000000000000000000000000/rotate-secret", null), 404, "WEBHOOK_NOT_FOUND");
        expect(http.get("billing_admin", base + "/nonsense/deliveries"), 404, "WEBHOOK_NOT_FOUND");
        expect(http.get("billing_admin", base + "/wh_000000000000000000000000/deliveries?limit=0"), 400, "INVALID_PAGING");
        expect(http.post("billing_admin", base + "/wh_000000000000000000000000/deliveries/msg_x/retry", null), 404, "WEBHOOK_NOT_FOUND");
        assertThat(http.get("billing_admin", base).json().get("items")).as("nothing stored").isEmpty();

        LedgerHttp.Answer created = http.post("billing_admin", base, "{\"url\":\"" + receiver.url("/x") + "\"" + types);
        String webhookId = created.json().get("webhookId").asText();
        expect(http.post("billing_admin", base + "/" + webhookId + "/deliveries/msg_00000000000000000000000000000000/retry", null),
                404, "DELIVERY_NOT_FOUND");
        expect(http.get("billing_admin", base + "/" + webhookId + "/deliveries?after=abc"), 400, "INVALID_PAGING");
        expect(http.get("finance_reader", base), 403, "FORBIDDEN");
    }

    /**
     * Delivery latency from the moment the funding's events are stored (its 201 answer) to the moment the
     * receiver has the message, one funding at a time; printed for docs/webhooks.md.
     */
    @Test
    @DisplayName("delivery latency, event stored to receiver, p50 and p99")
    void measuresLatency() {
        LedgerHttp http = http();
        String tenant = FundedTenants.open(http, newTenant("webhooks-latency"));
        LedgerHttp.Answer created = http.post("billing_admin", "/api/tenants/" + tenant + "/webhooks",
                "{\"url\":\"" + receiver.url("/lat") + "\",\"eventTypes\":[\"funds.added\"]}");
        assertThat(created.status()).isEqualTo(201);
        int runs = Integer.getInteger("ledger.webhooks.latency-runs", 60);
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            FundedTenants.fund(http, tenant, "50.00", null);
            long stored = System.nanoTime();
            List<WebhookReceiver.Received> got = await(() -> receiver.received("/lat"), i + 1);
            micros.add((got.get(i).receivedNanos() - stored) / 1_000);
        }
        Collections.sort(micros);
        long p50 = micros.get(micros.size() / 2);
        long p99 = micros.get((int) Math.ceil(micros.size() * 0.99) - 1);
        System.out.printf("%nWebhook delivery latency (event stored -> receiver), %d deliveries: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                runs, p50 / 1000.0, p99 / 1000.0, micros.get(micros.size() - 1) / 1000.0);
        assertThat(p50).as("well under a second").isLessThan(1_000_000);
    }

    private static long ledgerNow(LedgerHttp http) {
        return Instant.parse(http.get("operator", "/api/test-clock").json().get("now").asText()).getEpochSecond();
    }

    private static void expect(LedgerHttp.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.code()).as(answer.body()).isEqualTo(code);
    }

    private void awaitReplayDone(LedgerHttp http) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode item : http.get("operator", "/api/admin/projections").json().get("items")) {
                if (item.get("name").asText().equals("webhooks") && !item.get("replaying").asBoolean()
                        && item.get("lag").asLong() == 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the webhooks processor did not finish its replay");
    }

    private static List<WebhookReceiver.Received> await(Supplier<List<WebhookReceiver.Received>> received, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<WebhookReceiver.Received> now = received.get();
            if (now.size() >= count) {
                return now;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
        throw new AssertionError("expected " + count + " deliveries, got " + received.get().size());
    }
}
