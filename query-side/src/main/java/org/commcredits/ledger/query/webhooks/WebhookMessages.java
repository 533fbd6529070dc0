package org.commcredits.ledger.query.webhooks;

import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outbox, {@code webhook_message} and its delivery log {@code webhook_attempt}. A message's id is derived
 * from the event and the endpoint (INV-WH-02), so writing it again merges onto the row written before.
 *
 * <p>Claiming (INV-WH-03, INV-WH-08): a dispatcher instance takes the oldest pending message of an endpoint
 * (never one behind another pending message of that endpoint) by leasing it for {@link #LEASE}; on
 * PostgreSQL the candidates are selected {@code FOR UPDATE SKIP LOCKED}, so two instances never wait on or take
 * the same row; on H2 (one JVM) the lease is a conditional update, which both databases also run, so a row
 * whose lease another instance holds is never taken twice.
 */
final class WebhookMessages {

    /** INV-WH-09: longer than the 10 s send timeout; a claim lives through one attempt, and an instance that died loses it. */
    static final Duration LEASE = Duration.ofSeconds(60);
    /** Messages of one event get places {@code sequence * PLACES + k}: a bulk assignment has at most 10,000 users. */
    static final long PLACES = 16_384;

    private final JdbcTemplate jdbc;
    private final boolean skipLocked;

    WebhookMessages(JdbcTemplate jdbc, boolean skipLocked) {
        this.jdbc = jdbc;
        this.skipLocked = skipLocked;
    }

    static String messageId(String eventIdentifier, WebhookEventType type, String webhookId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((eventIdentifier + "/" + type.wire() + "/" + webhookId).getBytes(StandardCharsets.UTF_8));
            return "msg_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a pending message unless one with its id exists (then nothing changes: INV-WH-02). */
    void enqueue(String messageId, String webhookId, String tenantId, WebhookEventType type, long order, String payload, Instant now) {
        Timestamp at = Timestamp.from(now);
        jdbc.update("MERGE INTO webhook_message t USING (VALUES (?)) s(message_id) ON t.message_id = s.message_id "
                        + "WHEN NOT MATCHED THEN INSERT (message_id, webhook_id, tenant_id, event_type, event_order, payload, status, "
                        + "attempts, round_attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, 0, ?, ?)",
                messageId, messageId, webhookId, tenantId, type.wire(), order, payload, at, at);
    }

    /** A message taken for one attempt. */
    record Claimed(String messageId, String webhookId, String tenantId, String url, String eventType, String payload,
                   int attempts, int roundAttempts) {
    }

    private static final String HEADS = "SELECT m.message_id FROM webhook_message m JOIN webhook_endpoint e ON e.webhook_id = m.webhook_id "
            + "WHERE m.status = 'PENDING' AND m.next_attempt_at <= ? AND (m.lease_until IS NULL OR m.lease_until <= ?) "
            + "AND e.enabled = TRUE AND e.deleted_at IS NULL %s"
            + "AND NOT EXISTS (SELECT 1 FROM webhook_message p WHERE p.webhook_id = m.webhook_id AND p.status = 'PENDING' "
            + "AND p.event_order < m.event_order) ORDER BY m.event_order FETCH FIRST %d ROWS ONLY";

    /**
     * Leases up to {@code limit} due messages, at most one per endpoint, each the oldest pending one of its
     * endpoint; {@code webhookId} non-null narrows to one endpoint. Run inside a transaction.
     */
    List<Claimed> claim(String owner, Instant now, int limit, String webhookId) {
        if (limit < 1) {
            return List.of();
        }
        Timestamp at = Timestamp.from(now);
        String sql = String.format(HEADS, webhookId == null ? "" : "AND m.webhook_id = ? ", limit)
                + (skipLocked ? " FOR UPDATE OF m SKIP LOCKED" : "");
        List<String> candidates = webhookId == null
                ? jdbc.queryForList(sql, String.class, at, at)
                : jdbc.queryForList(sql, String.class, at, at, webhookId);
        List<Claimed> claimed = new ArrayList<>();
        Timestamp until = Timestamp.from(now.plus(LEASE));
        for (String id : candidates) {
            int taken = jdbc.update("UPDATE webhook_message SET lease_owner = ?, lease_until = ? WHERE message_id = ? AND status = 'PENDING' "
                    + "AND (lease_until IS NULL OR lease_until <= ?)", owner, until, id, at);
            if (taken == 1) {
                claimed.addAll(jdbc.query("SELECT m.message_id, m.webhook_id, m.tenant_id, e.url, m.event_type, m.payload, m.attempts, "
                                + "m.round_attempts FROM webhook_message m JOIN webhook_endpoint e ON e.webhook_id = m.webhook_id WHERE m.message_id = ?",
                        (rs, n) -> new Claimed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getInt(7), rs.getInt(8)), id));
            }
        }
        return claimed;
    }

    /** The outcome of one attempt, as the delivery log keeps it. */
    record Attempt(Instant at, Integer statusCode, String error, long durationMillis) {

        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    /**
     * Records an attempt of a message this owner holds: delivered, due again at {@code nextAttemptAt}, or
     * (null) finally failed. False when the lease was lost meanwhile (nothing is recorded then).
     */
    boolean record(Claimed message, String owner, Attempt attempt, Instant nextAttemptAt) {
        String status = attempt.delivered() ? "DELIVERED" : nextAttemptAt == null ? "FAILED" : "PENDING";
        Timestamp at = Timestamp.from(attempt.at());
        String error = attempt.error() == null ? null : truncate(attempt.error());
        int updated = jdbc.update("UPDATE webhook_message SET status = ?, attempts = attempts + 1, round_attempts = round_attempts + 1, "
                        + "last_status_code = ?, last_error = ?, last_attempt_at = ?, next_attempt_at = ?, delivered_at = ?, "
                        + "lease_owner = NULL, lease_until = NULL WHERE message_id = ? AND lease_owner = ? AND status = 'PENDING'",
                status, attempt.statusCode(), error, at, nextAttemptAt == null ? at : Timestamp.from(nextAttemptAt),
                attempt.delivered() ? at : null, message.messageId(), owner);
        if (updated == 1) {
            jdbc.update("INSERT INTO webhook_attempt (message_id, attempt, attempted_at, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?)",
                    message.messageId(), message.attempts() + 1, at, attempt.statusCode(), error, attempt.durationMillis());
        }
        return updated == 1;
    }

    /** Lets a claim go without an attempt (the instance is stopping). */
    void release(Claimed message, String owner) {
        jdbc.update("UPDATE webhook_message SET lease_owner = NULL, lease_until = NULL WHERE message_id = ? AND lease_owner = ?",
                message.messageId(), owner);
    }

    /** Manual retry: the message is pending again, due now, with a fresh retry schedule. False when there is no such message. */
    boolean requeue(String webhookId, String messageId, Instant now) {
        return jdbc.update("UPDATE webhook_message SET status = 'PENDING', round_attempts = 0, next_attempt_at = ?, delivered_at = NULL "
                + "WHERE webhook_id = ? AND message_id = ?", Timestamp.from(now), webhookId, messageId) == 1;
    }

    /** One message in the delivery log. */
    record Delivery(String messageId, String eventType, int attempts, String status, Integer lastStatusCode, String nextAttemptAt,
                    String createdAt, String lastAttemptAt, String deliveredAt, String lastError, List<LoggedAttempt> log) {
    }

    record LoggedAttempt(int attempt, String at, Integer statusCode, String error, long durationMillis) {
    }

    record Page(List<Delivery> items, String next) {
    }

    Page deliveries(String webhookId, long after, int size) {
        List<Object[]> rows = jdbc.query("SELECT message_id, event_type, attempts, status, last_status_code, next_attempt_at, created_at, "
                        + "last_attempt_at, delivered_at, last_error, event_order FROM webhook_message WHERE webhook_id = ? AND event_order > ? "
                        + "ORDER BY event_order FETCH FIRST " + (size + 1) + " ROWS ONLY",
                (rs, n) -> {
                    Integer code = rs.getInt(5);
                    if (rs.wasNull()) {
                        code = null;
                    }
                    return new Object[]{rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), code,
                            instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
                            instant(rs.getTimestamp(9)), rs.getString(10), rs.getLong(11)};
                }, webhookId, after);
        boolean more = rows.size() > size;
        List<Object[]> page = more ? rows.subList(0, size) : rows;
        Map<String, List<LoggedAttempt>> logs = new LinkedHashMap<>();
        page.forEach(row -> logs.put((String) row[0], new ArrayList<>()));
        if (!logs.isEmpty()) {
            String marks = String.join(",", java.util.Collections.nCopies(logs.size(), "?"));
            jdbc.query("SELECT message_id, attempt, attempted_at, status_code, error, duration_ms FROM webhook_attempt WHERE message_id IN ("
                    + marks + ") ORDER BY message_id, attempt", rs -> {
                Integer code = rs.getInt(4);
                if (rs.wasNull()) {
                    code = null;
                }
                logs.get(rs.getString(1)).add(new LoggedAttempt(rs.getInt(2), instant(rs.getTimestamp(3)), code, rs.getString(5), rs.getLong(6)));
            }, logs.keySet().toArray());
        }
        List<Delivery> items = page.stream().map(r -> new Delivery((String) r[0], (String) r[1], (Integer) r[2], (String) r[3],
                (Integer) r[4], "PENDING".equals(r[3]) ? (String) r[5] : null, (String) r[6], (String) r[7], (String) r[8],
                (String) r[9], logs.get((String) r[0]))).toList();
        return new Page(items, more ? Long.toString((Long) page.get(size - 1)[10]) : null);
    }

    private static String instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }

    private static String truncate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500);
    }
}
