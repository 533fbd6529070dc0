package org.commcredits.ledger.query.webhooks;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Webhooks (docs/webhooks.md). Settings: {@code LEDGER_SECRETS_KEY} ({@code ledger.webhooks.secrets-key}),
 * {@code LEDGER_WEBHOOKS_ALLOW_PRIVATE} ({@code ledger.webhooks.allow-private}), {@code ledger.webhooks.retry-delays}
 * (default {@code PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H}), {@code ledger.webhooks.workers} (8),
 * {@code ledger.webhooks.poll-interval-ms} (100) and {@code ledger.webhooks.dispatcher.enabled} (true).
 */
@Configuration
class WebhookConfiguration {

    @Bean
    SecretCipher webhookSecretCipher(@Value("${ledger.webhooks.secrets-key:}") String key,
                                     @Value("${ledger.sandbox.enabled:false}") boolean sandbox) {
        return SecretCipher.fromEnvironment(key, sandbox);
    }

    @Bean
    WebhookUrlPolicy webhookUrlPolicy(@Value("${ledger.sandbox.enabled:false}") boolean sandbox,
                                      @Value("${ledger.webhooks.allow-private:false}") boolean allowPrivate) {
        return new WebhookUrlPolicy(sandbox, allowPrivate, WebhookUrlPolicy.DNS);
    }

    @Bean
    WebhookEndpoints webhookEndpoints(JdbcTemplate jdbc, SecretCipher cipher, Clock clock, ProcessorPositions positions) {
        return new WebhookEndpoints(jdbc, cipher, clock, positions::head);
    }

    @Bean
    WebhookMessages webhookMessages(JdbcTemplate jdbc, DataSource dataSource) {
        return new WebhookMessages(jdbc, isPostgres(dataSource));
    }

    @Bean
    WebhookOutbox webhookOutbox(WebhookEndpoints endpoints, WebhookMessages messages, Clock clock,
                                ObjectProvider<WebhookPolling> polling) {
        return new WebhookOutbox(endpoints, messages, clock, () -> polling.ifAvailable(WebhookPolling::wake));
    }

    @Bean(destroyMethod = "close")
    WebhookDispatcher webhookDispatcher(WebhookMessages messages, WebhookEndpoints endpoints, WebhookUrlPolicy policy,
                                        Clock clock, PlatformTransactionManager transactions, EventStore eventStore,
                                        @Value("${ledger.webhooks.retry-delays:PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H}") String delays,
                                        @Value("${ledger.webhooks.workers:8}") int workers) {
        List<Duration> schedule = Arrays.stream(delays.split(",")).map(String::trim).map(Duration::parse).toList();
        return new WebhookDispatcher(messages, endpoints, policy, new WebhookSender(WebhookSender.TIMEOUT),
                new RetrySchedule(schedule, 0.1), clock, new TransactionTemplate(transactions),
                disabled -> eventStore.publish(GenericEventMessage.asEventMessage(disabled)),
                () -> ThreadLocalRandom.current().nextDouble(), workers);
    }

    @Bean
    @ConditionalOnProperty(name = "ledger.webhooks.dispatcher.enabled", havingValue = "true", matchIfMissing = true)
    WebhookPolling webhookPolling(WebhookDispatcher dispatcher, SecretCipher cipher) {
        return new WebhookPolling(dispatcher, cipher);
    }

    /** The dispatcher's schedule: a poll every {@code ledger.webhooks.poll-interval-ms} (a cheap indexed query when idle). */
    static final class WebhookPolling {

        private final WebhookDispatcher dispatcher;
        private final SecretCipher cipher;

        WebhookPolling(WebhookDispatcher dispatcher, SecretCipher cipher) {
            this.dispatcher = dispatcher;
            this.cipher = cipher;
        }

        void wake() {
            if (cipher.available()) {
                dispatcher.wake();
            }
        }

        @Scheduled(fixedDelayString = "${ledger.webhooks.poll-interval-ms:100}", initialDelayString = "${ledger.webhooks.poll-interval-ms:100}")
        void poll() {
            if (cipher.available()) {
                dispatcher.dispatchDue();
            }
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database the webhooks use", e);
        }
    }
}
