package org.commcredits.ledger.query.webhooks;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

/** The {@code webhook_endpoint} rows: a tenant's receivers, their event types and their encrypted secrets. */
final class WebhookEndpoints {

    /** How long the secret before a rotation still signs (INV-WH-06). */
    static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    private final JdbcTemplate jdbc;
    private final SecretCipher cipher;
    private final Clock clock;
    private final LongSupplier head;

    /** {@code head} answers the event store's highest global index ({@code ProcessorPositions.head}). */
    WebhookEndpoints(JdbcTemplate jdbc, SecretCipher cipher, Clock clock, LongSupplier head) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
        this.head = head;
    }

    record Endpoint(String webhookId, String tenantId, String url, List<String> eventTypes, String description,
                    boolean enabled, Instant createdAt, Instant disabledAt, long fromSequence) {
    }

    /** Stores a new endpoint and answers it with its secret, in clear, this once. */
    Created create(String tenantId, String url, List<WebhookEventType> types, String description) {
        String secret = WebhookSignature.newSecret();
        String id = "wh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        Instant now = clock.instant();
        long head = this.head.getAsLong();
        List<String> wire = types.stream().map(WebhookEventType::wire).distinct().toList();
        jdbc.update("INSERT INTO webhook_endpoint (webhook_id, tenant_id, url, event_types, description, enabled, secret_enc, "
                        + "from_sequence, created_at) VALUES (?, ?, ?, ?, ?, TRUE, ?, ?, ?)",
                id, tenantId, url, String.join(",", wire), description, cipher.encrypt(secret), head, Timestamp.from(now));
        return new Created(new Endpoint(id, tenantId, url, wire, description, true, now, null, head), secret);
    }

    record Created(Endpoint endpoint, String secret) {
    }

    List<Endpoint> list(String tenantId) {
        return jdbc.query(SELECT + " WHERE tenant_id = ? AND deleted_at IS NULL ORDER BY created_at, webhook_id", WebhookEndpoints::row, tenantId);
    }

    Optional<Endpoint> find(String tenantId, String webhookId) {
        return jdbc.query(SELECT + " WHERE tenant_id = ? AND webhook_id = ? AND deleted_at IS NULL", WebhookEndpoints::row,
                tenantId, webhookId).stream().findFirst();
    }

    /** The tenant's enabled endpoints that subscribe to this type and were created before the event. */
    List<Endpoint> subscribers(String tenantId, WebhookEventType type, long sequence) {
        List<Endpoint> subscribers = new ArrayList<>();
        for (Endpoint endpoint : jdbc.query(SELECT + " WHERE tenant_id = ? AND enabled = TRUE AND deleted_at IS NULL AND from_sequence < ? "
                + "ORDER BY webhook_id", WebhookEndpoints::row, tenantId, sequence)) {
            if (endpoint.eventTypes().contains(type.wire())) {
                subscribers.add(endpoint);
            }
        }
        return subscribers;
    }

    boolean delete(String tenantId, String webhookId) {
        return jdbc.update("UPDATE webhook_endpoint SET deleted_at = ?, enabled = FALSE WHERE tenant_id = ? AND webhook_id = ? AND deleted_at IS NULL",
                Timestamp.from(clock.instant()), tenantId, webhookId) == 1;
    }

    /** A new secret; the current one keeps signing for {@link #ROTATION_OVERLAP}. Empty when there is no such endpoint. */
    Optional<String> rotate(String tenantId, String webhookId) {
        String secret = WebhookSignature.newSecret();
        int updated = jdbc.update("UPDATE webhook_endpoint SET previous_secret_enc = secret_enc, previous_secret_until = ?, secret_enc = ? "
                        + "WHERE tenant_id = ? AND webhook_id = ? AND deleted_at IS NULL",
                Timestamp.from(clock.instant().plus(ROTATION_OVERLAP)), cipher.encrypt(secret), tenantId, webhookId);
        return updated == 1 ? Optional.of(secret) : Optional.empty();
    }

    /** The secrets that sign a message sent now: the current one, and the previous one within 24 h of a rotation. */
    List<String> signingSecrets(String webhookId, Instant now) {
        return jdbc.query("SELECT secret_enc, previous_secret_enc, previous_secret_until FROM webhook_endpoint WHERE webhook_id = ?",
                (rs, n) -> {
                    List<String> secrets = new ArrayList<>();
                    secrets.add(cipher.decrypt(rs.getString(1)));
                    Timestamp until = rs.getTimestamp(3);
                    if (rs.getString(2) != null && until != null && now.isBefore(until.toInstant())) {
                        secrets.add(cipher.decrypt(rs.getString(2)));
                    }
                    return secrets;
                }, webhookId).stream().findFirst().orElse(List.of());
    }

    /** Disables an enabled endpoint; false when it was not enabled (another instance did it first). */
    boolean disable(String webhookId, Instant at) {
        return jdbc.update("UPDATE webhook_endpoint SET enabled = FALSE, disabled_at = ? WHERE webhook_id = ? AND enabled = TRUE",
                Timestamp.from(at), webhookId) == 1;
    }

    void enable(String webhookId) {
        jdbc.update("UPDATE webhook_endpoint SET enabled = TRUE, disabled_at = NULL WHERE webhook_id = ? AND deleted_at IS NULL", webhookId);
    }

    private static final String SELECT = "SELECT webhook_id, tenant_id, url, event_types, description, enabled, created_at, disabled_at, "
            + "from_sequence FROM webhook_endpoint";

    private static Endpoint row(ResultSet rs, int n) throws SQLException {
        Timestamp disabled = rs.getTimestamp(8);
        return new Endpoint(rs.getString(1), rs.getString(2), rs.getString(3), Arrays.asList(rs.getString(4).split(",")),
                rs.getString(5), rs.getBoolean(6), rs.getTimestamp(7).toInstant(), disabled == null ? null : disabled.toInstant(),
                rs.getLong(9));
    }
}
