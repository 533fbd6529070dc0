package org.commcredits.ledger.query.webhooks;

import org.commcredits.ledger.api.creditaccount.FundingSource;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.api.webhook.WebhookEndpointDisabled;
import org.commcredits.ledger.query.MigratedDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The webhook machinery on a migrated database with a clock the test moves, without Spring. */
final class WebhookFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** A clock that tests move by hand, like the sandbox test clock. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    final MigratedDatabase db;
    final JdbcTemplate jdbc;
    final boolean postgres;
    final MovableClock clock = new MovableClock(T0);
    final SecretCipher cipher = SecretCipher.fromEnvironment("test-key", false);
    final WebhookEndpoints endpoints;
    final WebhookMessages messages;
    final WebhookOutbox outbox;
    final List<WebhookEndpointDisabled> disabled = new CopyOnWriteArrayList<>();
    private final List<WebhookDispatcher> dispatchers = new ArrayList<>();
    private long head;

    WebhookFixture(String kind, String prefix) {
        db = MigratedDatabase.of(kind, prefix, 20);
        jdbc = db.jdbc();
        postgres = "postgres".equals(kind);
        endpoints = new WebhookEndpoints(jdbc, cipher, clock, () -> head);
        messages = new WebhookMessages(jdbc, postgres);
        outbox = new WebhookOutbox(endpoints, messages, clock, () -> { });
    }

    /** The sandbox's rules: http and loopback allowed. */
    WebhookDispatcher dispatcher() {
        return dispatcher(new WebhookUrlPolicy(true, false, WebhookUrlPolicy.DNS), Duration.ofSeconds(2), 4);
    }

    WebhookDispatcher dispatcher(WebhookUrlPolicy policy, Duration timeout, int workers) {
        WebhookDispatcher dispatcher = new WebhookDispatcher(messages, endpoints, policy, new WebhookSender(timeout),
                new RetrySchedule(RetrySchedule.DEFAULT, 0.1), clock,
                new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())), disabled::add, () -> 0.5, workers);
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    WebhookEndpoints.Created endpoint(String tenant, String url, WebhookEventType... types) {
        return endpoints.create(tenant, url, List.of(types), null);
    }

    /** A manual funding of 50.00 at global index {@code sequence}, as the processor would hand it over. */
    void funded(String tenant, long sequence) {
        head = Math.max(head, sequence);
        outbox.on(new FundsAdded(TenantId.of(tenant), "tr-" + sequence, Money.ofMinor(5_000, "USD"), T0, T0.plus(Duration.ofDays(365)),
                "inv-" + sequence, FundingSource.MANUAL, null, Money.ofMinor(5_000 * sequence, "USD")), sequence, "evt-" + sequence);
    }

    String status(String messageId) {
        return jdbc.queryForObject("SELECT status FROM webhook_message WHERE message_id = ?", String.class, messageId);
    }

    Instant nextAttemptAt(String messageId) {
        return jdbc.queryForObject("SELECT next_attempt_at FROM webhook_message WHERE message_id = ?", java.sql.Timestamp.class, messageId)
                .toInstant();
    }

    String messageOf(long sequence, String webhookId) {
        return WebhookMessages.messageId("evt-" + sequence, WebhookEventType.FUNDS_ADDED, webhookId);
    }

    @Override
    public void close() {
        dispatchers.forEach(WebhookDispatcher::close);
        db.close();
    }
}
