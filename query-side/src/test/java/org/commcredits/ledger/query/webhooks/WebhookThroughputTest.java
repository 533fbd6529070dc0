package org.commcredits.ledger.query.webhooks;

import org.commcredits.ledger.platform.testing.WebhookReceiver;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many messages one dispatcher instance (8 workers) sends per second to the local receiver on PostgreSQL:
 * the outbox is filled first, then drained; printed for docs/webhooks.md. One endpoint is sequential by rule
 * (a message waits for the previous one), so its figure is the per-receiver ceiling.
 */
class WebhookThroughputTest {

    @ParameterizedTest
    @CsvSource({"1, 500", "8, 250"})
    @DisplayName("throughput of one instance, messages per second")
    void throughput(int endpoints, int perEndpoint) {
        try (WebhookReceiver receiver = WebhookReceiver.start();
             WebhookFixture f = new WebhookFixture("postgres", "wh_rate")) {
            for (int e = 0; e < endpoints; e++) {
                f.endpoint("rate" + e, receiver.url("/r" + e), WebhookEventType.FUNDS_ADDED);
            }
            long sequence = 0;
            for (int i = 0; i < perEndpoint; i++) {
                for (int e = 0; e < endpoints; e++) {
                    f.funded("rate" + e, ++sequence);
                }
            }
            WebhookDispatcher dispatcher = f.dispatcher(new WebhookUrlPolicy(true, false, WebhookUrlPolicy.DNS), Duration.ofSeconds(10), 8);
            long start = System.nanoTime();
            dispatcher.sendDueNow(Duration.ofMinutes(5));
            double seconds = (System.nanoTime() - start) / 1e9;
            int total = endpoints * perEndpoint;
            assertThat(receiver.received()).hasSize(total);
            System.out.printf("%nWebhook throughput, one instance, %d endpoint(s): %d messages in %.2f s = %.0f messages/s%n",
                    endpoints, total, seconds, total / seconds);
        }
    }
}
