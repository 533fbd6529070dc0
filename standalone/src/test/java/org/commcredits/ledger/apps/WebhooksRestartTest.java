package org.commcredits.ledger.apps;

import com.fasterxml.jackson.databind.JsonNode;
import org.commcredits.ledger.platform.testing.H2TestDatabase;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.commcredits.ledger.platform.testing.StandardWebhooksVerifier;
import org.commcredits.ledger.platform.testing.WebhookReceiver;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone application on an H2 file, stopped and started again while a webhook waits for its retry; then
 * an endpoint that never answers 2xx, driven through its whole schedule by the sandbox test clock, is disabled
 * with a WEBHOOK_DISABLED notification, and a manual retry brings it back.
 */
class WebhooksRestartTest {

    @TempDir
    Path data;

    @Test
    @DisplayName("INV-WH-09 INV-WH-05 a restart during a retry loses nothing; after the last attempt the endpoint is disabled and notified")
    void restartThenDisable() throws Exception {
        String url = H2TestDatabase.fileUrl(data);
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            AtomicBoolean up = new AtomicBoolean(false);
            receiver.answer(r -> WebhookReceiver.Answer.status(up.get() ? 200 : 500));
            String tenant = "restarted";
            String base = "/api/tenants/" + tenant + "/webhooks";
            String webhookId;
            String secret;
            String messageId;
            try (RunningLedger ledger = RunningLedger.start(StandaloneApplication.class, url, "sa")) {
                LedgerHttp http = ledger.http();
                FundedTenants.open(http, tenant);
                LedgerHttp.Answer created = http.post("billing_admin", base, "{\"url\":\"" + receiver.url("/r") + "\",\"eventTypes\":[\"funds.added\"]}");
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                webhookId = created.json().get("webhookId").asText();
                secret = created.json().get("secret").asText();
                FundedTenants.fund(http, tenant, "50.00", null);
                awaitTrue(() -> receiver.received().size() == 1);
                messageId = receiver.received().get(0).id();
                String log = base + "/" + webhookId + "/deliveries";
                awaitTrue(() -> http.get("billing_admin", log).json().get("items").get(0).get("attempts").asInt() == 1);
                JsonNode pending = http.get("billing_admin", base + "/" + webhookId + "/deliveries").json().get("items").get(0);
                assertThat(pending.get("status").asText()).isEqualTo("PENDING");
                assertThat(pending.get("lastStatusCode").asInt()).isEqualTo(500);
                assertThat(pending.get("nextAttemptAt").asText()).isNotBlank();
            }

            up.set(true);
            try (RunningLedger ledger = RunningLedger.start(StandaloneApplication.class, url, "sa")) {
                LedgerHttp http = ledger.http();
                assertThat(http.post("operator", "/api/test-clock", "{\"advanceBy\":\"PT10S\"}").status()).isEqualTo(200);
                awaitTrue(() -> receiver.received().size() == 2);
                WebhookReceiver.Received again = receiver.received().get(1);
                assertThat(again.id()).isEqualTo(messageId);
                Instant ledgerNow = Instant.parse(http.get("operator", "/api/test-clock").json().get("now").asText());
                assertThat(new StandardWebhooksVerifier(secret).verify(again, ledgerNow.getEpochSecond())).isTrue();
                String finalBase = base + "/" + webhookId + "/deliveries";
                awaitTrue(() -> http.get("billing_admin", finalBase).json().get("items").get(0).get("status").asText().equals("DELIVERED"));

                // now a receiver that never accepts: through the whole schedule, moved by the test clock
                up.set(false);
                FundedTenants.fund(http, tenant, "50.00", null);
                awaitTrue(() -> receiver.received().size() == 3);
                String failing = receiver.received().get(2).id();
                for (int attempt = 2; attempt <= 8; attempt++) {
                    int expected = 2 + attempt;
                    assertThat(http.post("operator", "/api/test-clock", "{\"advanceBy\":\"PT11H\"}").status()).isEqualTo(200);
                    awaitTrue(() -> receiver.received().size() == expected);
                }
                assertThat(receiver.attempts(failing)).isEqualTo(8);
                awaitTrue(() -> http.get("billing_admin", base).json().get("items").get(0).get("enabled").asBoolean() == false);
                awaitTrue(() -> http.get("billing_admin", "/api/tenants/" + tenant + "/notifications").body().contains("WEBHOOK_DISABLED"));
                JsonNode failed = http.get("billing_admin", finalBase).json().get("items").get(1);
                assertThat(failed.get("status").asText()).isEqualTo("FAILED");
                assertThat(failed.get("attempts").asInt()).isEqualTo(8);
                assertThat(failed.get("log")).hasSize(8);

                up.set(true);
                LedgerHttp.Answer retried = http.post("billing_admin", finalBase + "/" + failing + "/retry", null);
                assertThat(retried.status()).as(retried.body()).isEqualTo(202);
                awaitTrue(() -> receiver.attempts(failing) == 9);
                awaitTrue(() -> http.get("billing_admin", base).json().get("items").get(0).get("enabled").asBoolean());
            }
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("condition within 20 s").isTrue();
    }
}
