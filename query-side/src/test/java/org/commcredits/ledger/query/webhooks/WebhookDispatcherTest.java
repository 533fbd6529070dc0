package org.commcredits.ledger.query.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.commcredits.ledger.platform.testing.StandardWebhooksVerifier;
import org.commcredits.ledger.platform.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher against a real local receiver (the JDK's HttpServer), checked by a verifier written from the
 * Standard Webhooks specification alone. The clock is moved by hand: no test waits for the retry schedule.
 */
class WebhookDispatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private WebhookReceiver receiver;

    @BeforeEach
    void receiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("INV-WH-01 INV-WH-03 every message is signed by the scheme and a tenant's messages arrive in event order")
    void deliversSignedMessagesInEventOrder(String kind) throws Exception {
        try (WebhookFixture f = new WebhookFixture(kind, "wh_order")) {
            WebhookEndpoints.Created hook = f.endpoint("acme", receiver.url("/acme"), WebhookEventType.FUNDS_ADDED);
            WebhookEndpoints.Created other = f.endpoint("other", receiver.url("/other"), WebhookEventType.INVOICE_ISSUED);
            for (long sequence = 1; sequence <= 20; sequence++) {
                f.funded("acme", sequence);
            }
            f.dispatcher().sendDueNow(PATIENCE);

            List<WebhookReceiver.Received> got = receiver.received("/acme");
            assertThat(got).hasSize(20);
            assertThat(receiver.received("/other")).as("another tenant's endpoint, not subscribed").isEmpty();
            StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(hook.secret());
            List<Long> balances = new ArrayList<>();
            for (WebhookReceiver.Received r : got) {
                assertThat(verifier.verify(r, f.clock.instant().getEpochSecond())).as(r.toString()).isTrue();
                assertThat(new StandardWebhooksVerifier(other.secret()).verify(r, f.clock.instant().getEpochSecond())).isFalse();
                assertThat(r.contentType()).isEqualTo("application/json");
                JsonNode body = JSON.readTree(r.body());
                assertThat(body.get("type").asText()).isEqualTo("funds.added");
                assertThat(body.get("data").get("tenantId").asText()).isEqualTo("acme");
                assertThat(body.get("timestamp").asText()).isEqualTo(WebhookFixture.T0.toString());
                balances.add(Math.round(Double.parseDouble(body.get("data").get("balanceAfter").asText())));
            }
            assertThat(balances).as("event order").isSorted().doesNotHaveDuplicates();
            assertThat(verifier.verify(got.get(0).id(), got.get(0).timestamp(), got.get(0).signature(), got.get(0).body() + " ",
                    f.clock.instant().getEpochSecond())).as("a changed body fails").isFalse();
            assertThat(f.messages.deliveries(hook.endpoint().webhookId(), -1, 100).items())
                    .allSatisfy(d -> assertThat(d.status()).isEqualTo("DELIVERED"));
        }
    }

    @Test
    @DisplayName("INV-WH-01 the Standard Webhooks example vector signs as the specification says")
    void signsTheSpecificationsExample() {
        String signature = WebhookSignature.header(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330, "{\"test\": 2432232314}");
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertThat(new StandardWebhooksVerifier("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").verify("msg_p5jXN8AQM9LWM0D4loKWxJek",
                "1614265330", signature, "{\"test\": 2432232314}", 1614265330)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("INV-WH-04 INV-WH-03 a failed message is retried after 5 s, then 5 min, and the endpoint's next message waits behind it")
    void retriesOnTheScheduleInOrder(String kind) {
        try (WebhookFixture f = new WebhookFixture(kind, "wh_retry")) {
            WebhookEndpoints.Created hook = f.endpoint("acme", receiver.url("/acme"), WebhookEventType.FUNDS_ADDED);
            String webhookId = hook.endpoint().webhookId();
            String first = f.messageOf(1, webhookId);
            String second = f.messageOf(2, webhookId);
            AtomicInteger calls = new AtomicInteger();
            receiver.answer(r -> WebhookReceiver.Answer.status(r.id().equals(first) && calls.incrementAndGet() <= 2 ? 500 - calls.get() + 1 : 204));
            f.funded("acme", 1);
            f.funded("acme", 2);
            WebhookDispatcher dispatcher = f.dispatcher();

            dispatcher.sendDueNow(PATIENCE);
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::id).containsExactly(first);
            Instant failedAt = f.clock.instant();
            assertThat(f.nextAttemptAt(first)).isEqualTo(failedAt.plusSeconds(5)); // jitter source 0.5: no jitter
            assertThat(f.status(second)).isEqualTo("PENDING");

            f.clock.advance(Duration.ofSeconds(4));
            dispatcher.sendDueNow(PATIENCE);
            assertThat(receiver.received()).as("not due yet").hasSize(1);

            f.clock.advance(Duration.ofSeconds(2));
            dispatcher.sendDueNow(PATIENCE);
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::id).containsExactly(first, first);
            assertThat(f.nextAttemptAt(first)).isEqualTo(f.clock.instant().plus(Duration.ofMinutes(5)));

            f.clock.advance(Duration.ofMinutes(5));
            dispatcher.sendDueNow(PATIENCE);
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::id).containsExactly(first, first, first, second);
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::id).as("one webhook-id per message on every retry")
                    .containsOnly(first, second);

            WebhookMessages.Delivery log = f.messages.deliveries(webhookId, -1, 10).items().get(0);
            assertThat(log.messageId()).isEqualTo(first);
            assertThat(log.status()).isEqualTo("DELIVERED");
            assertThat(log.attempts()).isEqualTo(3);
            assertThat(log.lastStatusCode()).isEqualTo(204);
            assertThat(log.log()).extracting(WebhookMessages.LoggedAttempt::statusCode).containsExactly(500, 499, 204);
            assertThat(log.log()).extracting(WebhookMessages.LoggedAttempt::at).containsExactly(
                    failedAt.toString(), failedAt.plusSeconds(6).toString(), failedAt.plusSeconds(6).plus(Duration.ofMinutes(5)).toString());
        }
    }

    @Test
    @DisplayName("INV-WH-04 no answer within the timeout is a failed attempt, retried")
    void aSlowReceiverIsAFailedAttempt() {
        try (WebhookFixture f = new WebhookFixture("h2", "wh_slow")) {
            WebhookEndpoints.Created hook = f.endpoint("acme", receiver.url("/acme"), WebhookEventType.FUNDS_ADDED);
            receiver.answer(r -> new WebhookReceiver.Answer(200, 1_500));
            f.funded("acme", 1);
            f.dispatcher(new WebhookUrlPolicy(true, false, WebhookUrlPolicy.DNS), Duration.ofMillis(500), 2).sendDueNow(PATIENCE);
            WebhookMessages.Delivery log = f.messages.deliveries(hook.endpoint().webhookId(), -1, 10).items().get(0);
            assertThat(log.status()).isEqualTo("PENDING");
            assertThat(log.lastStatusCode()).isNull();
            assertThat(log.lastError()).contains("no answer within");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("INV-WH-05 after the last attempt (more than 24 h) the message fails, the endpoint is disabled once; a manual retry sends it and what waited")
    void disablesAfterTheLastAttemptAndRetriesByHand(String kind) {
        try (WebhookFixture f = new WebhookFixture(kind, "wh_disable")) {
            WebhookEndpoints.Created hook = f.endpoint("acme", receiver.url("/acme"), WebhookEventType.FUNDS_ADDED);
            String webhookId = hook.endpoint().webhookId();
            String first = f.messageOf(1, webhookId);
            receiver.answer(r -> WebhookReceiver.Answer.status(503));
            f.funded("acme", 1);
            f.funded("acme", 2);
            WebhookDispatcher dispatcher = f.dispatcher();
            Instant start = f.clock.instant();
            dispatcher.sendDueNow(PATIENCE);
            while (f.status(first).equals("PENDING")) {
                f.clock.advance(Duration.between(f.clock.instant(), f.nextAttemptAt(first)));
                dispatcher.sendDueNow(PATIENCE);
            }
            assertThat(f.status(first)).isEqualTo("FAILED");
            assertThat(receiver.attempts(first)).isEqualTo(8);
            assertThat(Duration.between(start, f.clock.instant())).isGreaterThan(Duration.ofHours(24));
            assertThat(receiver.attempts(f.messageOf(2, webhookId))).as("the next message waited, then the endpoint was off").isZero();
            assertThat(f.endpoints.find("acme", webhookId).orElseThrow().enabled()).isFalse();
            assertThat(f.disabled).singleElement().satisfies(event -> {
                assertThat(event.webhookId()).isEqualTo(webhookId);
                assertThat(event.messageId()).isEqualTo(first);
                assertThat(event.attempts()).isEqualTo(8);
                assertThat(event.lastStatusCode()).isEqualTo(503);
            });
            f.clock.advance(Duration.ofDays(2));
            dispatcher.sendDueNow(PATIENCE);
            assertThat(receiver.received()).as("nothing goes to a disabled endpoint").hasSize(8);

            receiver.answer(r -> WebhookReceiver.Answer.status(200));
            assertThat(f.messages.requeue(webhookId, first, f.clock.instant())).isTrue();
            f.endpoints.enable(webhookId);
            dispatcher.sendDueNow(PATIENCE);
            assertThat(f.status(first)).isEqualTo("DELIVERED");
            assertThat(f.status(f.messageOf(2, webhookId))).isEqualTo("DELIVERED");
            List<WebhookReceiver.Received> got = receiver.received();
            assertThat(got.subList(8, 10)).extracting(WebhookReceiver.Received::id).containsExactly(first, f.messageOf(2, webhookId));
            assertThat(f.messages.deliveries(webhookId, -1, 10).items().get(0).attempts()).isEqualTo(9);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("INV-WH-09 a restart during a retry loses nothing: a new instance sends the message when it is due, with the same id")
    void aRestartDuringARetryLosesNothing(String kind) {
        try (WebhookFixture f = new WebhookFixture(kind, "wh_restart")) {
            WebhookEndpoints.Created hook = f.endpoint("acme", receiver.url("/acme"), WebhookEventType.FUNDS_ADDED);
            String webhookId = hook.endpoint().webhookId();
            String first = f.messageOf(1, webhookId);
            receiver.answer(r -> WebhookReceiver.Answer.status(500));
            f.funded("acme", 1);
            f.funded("acme", 2);
            WebhookDispatcher before = f.dispatcher();
            before.sendDueNow(PATIENCE);
            before.close(); // the instance stops while the message waits for its retry

            receiver.answer(r -> WebhookReceiver.Answer.status(200));
            WebhookDispatcher after = f.dispatcher();
            f.clock.advance(Duration.ofSeconds(6));
            after.sendDueNow(PATIENCE);
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::id).containsExactly(first, first, f.messageOf(2, webhookId));

            // an instance that died in the middle of a send holds its claim until the lease runs out
            f.funded("acme", 3);
            String third = f.messageOf(3, webhookId);
            List<WebhookMessages.Claimed> orphan = new org.springframework.transaction.support.TransactionTemplate(
                    new org.springframework.jdbc.datasource.DataSourceTransactionManager(f.jdbc.getDataSource()))
                    .execute(tx -> f.messages.claim("dead-instance", f.clock.instant(), 10, null));
            assertThat(orphan).extracting(WebhookMessages.Claimed::messageId).containsExactly(third);
            after.sendDueNow(PATIENCE);
            assertThat(receiver.attempts(third)).isZero();
            f.clock.advance(WebhookMessages.LEASE);
            after.sendDueNow(PATIENCE);
            assertThat(receiver.attempts(third)).isEqualTo(1);
            assertThat(f.status(third)).isEqualTo("DELIVERED");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("INV-WH-08 two instances sending at once send each message exactly once, each endpoint's in order")
    void twoInstancesSendEachMessageOnce(String kind) throws Exception {
        try (WebhookFixture f = new WebhookFixture(kind, "wh_two")) {
            int endpoints = 4;
            int perEndpoint = 60;
            for (int e = 0; e < endpoints; e++) {
                f.endpoint("tenant" + e, receiver.url("/t" + e), WebhookEventType.FUNDS_ADDED);
            }
            long sequence = 0;
            for (int i = 0; i < perEndpoint; i++) {
                for (int e = 0; e < endpoints; e++) {
                    f.funded("tenant" + e, ++sequence);
                }
            }
            receiver.answer(r -> new WebhookReceiver.Answer(200, 2));
            WebhookDispatcher one = f.dispatcher(new WebhookUrlPolicy(true, false, WebhookUrlPolicy.DNS), Duration.ofSeconds(5), 4);
            WebhookDispatcher two = f.dispatcher(new WebhookUrlPolicy(true, false, WebhookUrlPolicy.DNS), Duration.ofSeconds(5), 4);
            Thread a = new Thread(() -> one.sendDueNow(PATIENCE));
            Thread b = new Thread(() -> two.sendDueNow(PATIENCE));
            a.start();
            b.start();
            a.join();
            b.join();
            one.sendDueNow(PATIENCE);

            List<WebhookReceiver.Received> got = receiver.received();
            assertThat(got).hasSize(endpoints * perEndpoint);
            Map<String, Integer> perId = new HashMap<>();
            got.forEach(r -> perId.merge(r.id(), 1, Integer::sum));
            assertThat(perId).hasSize(endpoints * perEndpoint).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
            for (int e = 0; e < endpoints; e++) {
                List<Long> balances = new ArrayList<>();
                for (WebhookReceiver.Received r : receiver.received("/t" + e)) {
                    balances.add(Math.round(Double.parseDouble(JSON.readTree(r.body()).get("data").get("balanceAfter").asText())));
                }
                assertThat(balances).as("endpoint %d in event order", e).hasSize(perEndpoint).isSorted();
            }
            Integer senders = f.jdbc.queryForObject("SELECT COUNT(*) FROM webhook_message WHERE status = 'DELIVERED'", Integer.class);
            assertThat(senders).isEqualTo(endpoints * perEndpoint);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("INV-WH-02 the processor handing the same events over again (a replay) sends nothing twice")
    void aReplaySendsNothingTwice(String kind) {
        try (WebhookFixture f = new WebhookFixture(kind, "wh_replay")) {
            WebhookEndpoints.Created hook = f.endpoint("acme", receiver.url("/acme"), WebhookEventType.FUNDS_ADDED);
            for (long sequence = 1; sequence <= 5; sequence++) {
                f.funded("acme", sequence);
            }
            WebhookDispatcher dispatcher = f.dispatcher();
            dispatcher.sendDueNow(PATIENCE);
            assertThat(receiver.received()).hasSize(5);

            f.outbox.reset();
            for (long sequence = 1; sequence <= 5; sequence++) {
                f.funded("acme", sequence);
            }
            f.clock.advance(Duration.ofDays(1));
            dispatcher.sendDueNow(PATIENCE);
            assertThat(receiver.received()).hasSize(5);
            assertThat(f.jdbc.queryForObject("SELECT COUNT(*) FROM webhook_message", Integer.class)).isEqualTo(5);
            assertThat(f.messages.deliveries(hook.endpoint().webhookId(), -1, 10).items())
                    .allSatisfy(d -> assertThat(d.attempts()).isEqualTo(1));

            // an endpoint created after the events never gets them, replayed or not
            WebhookEndpoints.Created late = f.endpoint("acme", receiver.url("/late"), WebhookEventType.FUNDS_ADDED);
            for (long sequence = 1; sequence <= 5; sequence++) {
                f.funded("acme", sequence);
            }
            dispatcher.sendDueNow(PATIENCE);
            assertThat(receiver.received("/late")).isEmpty();
            assertThat(late.endpoint().fromSequence()).isEqualTo(5);
        }
    }

    @Test
    @DisplayName("INV-WH-06 for 24 h after a rotation a delivery verifies under the old and the new secret, then only the new")
    void rotationSignsWithBothSecretsFor24Hours() {
        try (WebhookFixture f = new WebhookFixture("h2", "wh_rotate")) {
            WebhookEndpoints.Created hook = f.endpoint("acme", receiver.url("/acme"), WebhookEventType.FUNDS_ADDED);
            String webhookId = hook.endpoint().webhookId();
            String rotated = f.endpoints.rotate("acme", webhookId).orElseThrow();
            assertThat(rotated).startsWith("whsec_").isNotEqualTo(hook.secret());
            f.funded("acme", 1);
            WebhookDispatcher dispatcher = f.dispatcher();
            dispatcher.sendDueNow(PATIENCE);
            f.clock.advance(Duration.ofHours(24).plusSeconds(1));
            f.funded("acme", 2);
            dispatcher.sendDueNow(PATIENCE);
            List<WebhookReceiver.Received> got = receiver.received();
            long now = f.clock.instant().getEpochSecond();
            assertThat(got).hasSize(2);
            assertThat(got.get(0).signature().split(" ")).hasSize(2);
            assertThat(new StandardWebhooksVerifier(hook.secret()).verify(got.get(0), now - 86_401)).isTrue();
            assertThat(new StandardWebhooksVerifier(rotated).verify(got.get(0), now - 86_401)).isTrue();
            assertThat(got.get(1).signature().split(" ")).hasSize(1);
            assertThat(new StandardWebhooksVerifier(hook.secret()).verify(got.get(1), now)).isFalse();
            assertThat(new StandardWebhooksVerifier(rotated).verify(got.get(1), now)).isTrue();
            String stored = f.jdbc.queryForObject("SELECT secret_enc FROM webhook_endpoint WHERE webhook_id = ?", String.class, webhookId);
            assertThat(stored).as("stored encrypted").startsWith("v1:").doesNotContain(rotated.substring(6, 20));
        }
    }

    @Test
    @DisplayName("INV-WH-07 the address is checked again at send time: a name that now resolves to a private address is not contacted")
    void refusesAPrivateAddressAtSendTime() {
        try (WebhookFixture f = new WebhookFixture("h2", "wh_ssrf")) {
            WebhookEndpoints.Created hook = f.endpoint("acme", "https://hooks.example.com/acme", WebhookEventType.FUNDS_ADDED);
            f.funded("acme", 1);
            // the name resolved to a public address when the endpoint was created; it now points at this machine
            WebhookUrlPolicy rebound = new WebhookUrlPolicy(false, false, host -> List.of(InetAddress.getLoopbackAddress()));
            f.dispatcher(rebound, Duration.ofSeconds(2), 2).sendDueNow(PATIENCE);
            WebhookMessages.Delivery log = f.messages.deliveries(hook.endpoint().webhookId(), -1, 10).items().get(0);
            assertThat(log.status()).isEqualTo("PENDING");
            assertThat(log.attempts()).isEqualTo(1);
            assertThat(log.lastError()).startsWith("refused: ").contains("non-public address (127.0.0.1)");
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    @DisplayName("INV-WH-07 a redirect is not followed: a 3xx is a failed attempt")
    void doesNotFollowRedirects() {
        try (WebhookFixture f = new WebhookFixture("h2", "wh_redirect")) {
            WebhookEndpoints.Created hook = f.endpoint("acme", receiver.url("/acme"), WebhookEventType.FUNDS_ADDED);
            receiver.answer(r -> WebhookReceiver.Answer.status(r.path().equals("/acme") ? 307 : 200));
            f.funded("acme", 1);
            f.dispatcher().sendDueNow(PATIENCE);
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::path).containsExactly("/acme");
            assertThat(f.messages.deliveries(hook.endpoint().webhookId(), -1, 10).items().get(0).lastStatusCode()).isEqualTo(307);
        }
    }
}
