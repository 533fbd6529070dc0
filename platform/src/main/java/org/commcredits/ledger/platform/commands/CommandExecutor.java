package org.commcredits.ledger.platform.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.platform.storage.OptimisticReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs one HTTP command in one database transaction: the idempotency claim, the command (whose events the
 * Axon unit of work appends in the same transaction), the recorded answer, and the global position of
 * the last event for the {@code X-Event-Sequence} header.
 *
 * <p>Retry policy: a {@link ConcurrencyException} (another writer appended to the same aggregate first,
 * possibly from another JVM), an {@link AggregateStreamCreationException} (another writer created the same
 * aggregate first: two first calls into a new month's pool, two identical first authorisations of a call;
 * Axon reports that apart from other conflicts, INV-API-12), a duplicate idempotency claim, or a lock
 * conflict rolls the whole transaction
 * back and runs it again, up to {@link #ATTEMPTS} times. The command is re-decided on fresh state each
 * time, so a retry never applies a decision made on stale state. A repeat of an idempotent request finds
 * the committed answer on its next attempt and returns it without running the command (INV-API-01).
 */
@Component
public class CommandExecutor {

    public static final String EVENT_SEQUENCE_HEADER = "X-Event-Sequence";
    public static final String IDEMPOTENT_REPLAY_HEADER = "Idempotent-Replayed";
    static final int ATTEMPTS = 5;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final Logger log = LoggerFactory.getLogger(CommandExecutor.class);

    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public CommandExecutor(TransactionTemplate transactions, JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** A command's answer: the HTTP status and the body to send (and to remember for an idempotent repeat). */
    public record Answer(int status, Object body) {
    }

    /**
     * A command to run.
     *
     * @param aggregateId     event-store identifier of the aggregate whose last event gives the sequence header
     * @param idempotencyKey  the client's {@code Idempotency-Key}, or {@code null}
     * @param scope           where the key is unique: the tenant, or a global path
     * @param request         what identifies the request body for the key (the parsed request object)
     * @param action          sends the command and builds the answer
     */
    public record Command(String aggregateId, String idempotencyKey, String scope, Object request,
                         Supplier<Answer> action) {
    }

    public ResponseEntity<String> execute(Command command) {
        return execute(command, false);
    }

    /**
     * The same, with the command's cached reads checked against the store once, just before it commits
     * ({@link OptimisticReads}), instead of at each read. For commands with no effect outside the database (the
     * call path): a stale read is found after the command ran, and the command runs again.
     */
    public ResponseEntity<String> executeWithDeferredChecks(Command command) {
        return execute(command, true);
    }

    private ResponseEntity<String> execute(Command command, boolean deferredChecks) {
        String fingerprint = command.idempotencyKey() == null ? null : fingerprint(command);
        if (command.idempotencyKey() != null && !KEY.matcher(command.idempotencyKey()).matches()) {
            throw new LedgerException(ErrorCode.INVALID_IDEMPOTENCY_KEY,
                    "Idempotency-Key must be 1 to 255 printable ASCII characters");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> deferredChecks
                        ? OptimisticReads.run(() -> once(command, fingerprint, true))
                        : once(command, fingerprint, false));
            } catch (ConcurrencyException | AggregateStreamCreationException | DuplicateKeyException
                     | PessimisticLockingFailureException conflict) {
                if (attempt >= ATTEMPTS) {
                    log.warn("Giving up on {} after {} conflicting attempts", command.aggregateId(), attempt);
                    throw new LedgerException(ErrorCode.CONCURRENT_MODIFICATION,
                            "The resource was changed by concurrent requests; retry");
                }
                log.debug("Retrying {} after a conflict (attempt {}): {}", command.aggregateId(), attempt, conflict.toString());
                pause(attempt);
            }
        }
    }

    private ResponseEntity<String> once(Command command, String fingerprint, boolean deferredChecks) {
        if (command.idempotencyKey() != null) {
            List<Stored> stored = jdbc.query(
                    "SELECT request_hash, response_status, response_body, event_sequence FROM idempotency_key "
                            + "WHERE scope = ? AND idempotency_key = ?",
                    (rs, n) -> new Stored(rs.getString(1), rs.getInt(2), rs.getString(3), (Long) rs.getObject(4)),
                    command.scope(), command.idempotencyKey());
            if (!stored.isEmpty()) {
                Stored first = stored.get(0);
                if (!first.requestHash().equals(fingerprint)) {
                    throw new LedgerException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                            "This Idempotency-Key was used with a different request");
                }
                return respond(first.status(), first.body(), first.sequence(), true);
            }
            // Claim the key first: a concurrent twin blocks on this row and then sees our committed answer.
            jdbc.update("INSERT INTO idempotency_key (scope, idempotency_key, request_hash, response_status, response_body, created_at) "
                            + "VALUES (?, ?, ?, 0, '', ?)",
                    command.scope(), command.idempotencyKey(), fingerprint, Timestamp.from(clock.instant()));
        }
        Answer answer;
        try {
            answer = command.action().get();
        } catch (LedgerException refused) {
            if (deferredChecks) {
                // A refusal may rest on a stale or wrongly assumed read too (a call assumed new because its cache
                // entry was evicted would be refused as never authorised): checked like an answer, and a stale
                // read makes the command run again instead of answering the refusal.
                OptimisticReads.verify(jdbc, null);
            }
            throw refused;
        }
        Long sequence = deferredChecks ? OptimisticReads.verify(jdbc, command.aggregateId()) : lastSequenceOf(command.aggregateId());
        String body = write(answer.body());
        if (command.idempotencyKey() != null) {
            jdbc.update("UPDATE idempotency_key SET response_status = ?, response_body = ?, event_sequence = ? "
                            + "WHERE scope = ? AND idempotency_key = ?",
                    answer.status(), body, sequence, command.scope(), command.idempotencyKey());
        }
        return respond(answer.status(), body, sequence, false);
    }

    /** The global index of the aggregate's last event, as seen inside the current transaction. */
    public Long lastSequenceOf(String aggregateId) {
        List<Long> found = jdbc.queryForList("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number DESC FETCH FIRST 1 ROWS ONLY", Long.class, aggregateId);
        return found.isEmpty() ? null : found.get(0);
    }

    private ResponseEntity<String> respond(int status, String body, Long sequence, boolean replayed) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (sequence != null) {
            response.header(EVENT_SEQUENCE_HEADER, sequence.toString());
        }
        if (replayed) {
            response.header(IDEMPOTENT_REPLAY_HEADER, "true");
        }
        return response.body(body);
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer not serialisable", e);
        }
    }

    private String fingerprint(Command command) {
        return RequestFingerprint.of(command.aggregateId() + "\n" + command.request().getClass().getName()
                + "\n" + write(command.request()));
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(5L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException(ErrorCode.CONCURRENT_MODIFICATION, "Interrupted while retrying");
        }
    }

    private record Stored(String requestHash, int status, String body, Long sequence) {
    }
}
